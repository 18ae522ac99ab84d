"""Errors as pages: a login required becomes a redirect to the login page."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from tipwatch.web.session import current_visitor
from tipwatch.web.templating import render


def error_page(request: Request, status: int, heading: str, message: str) -> Response:
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    visitor = current_visitor(request, request.app.state.context)
    return render(request, "error.html", visitor, status=status, heading=heading, message=message)
