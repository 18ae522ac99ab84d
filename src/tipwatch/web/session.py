"""Who is behind a browser request, and the CSRF check of every form that changes something."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request

from tipwatch.api.deps import SESSION_COOKIE, Ctx
from tipwatch.domain.errors import Forbidden, NotAuthenticated
from tipwatch.services import sessions
from tipwatch.web.i18n import language
from tipwatch.web.templating import Visitor

LANGUAGE_COOKIE = "tipwatch_lang"


class LoginRequired(NotAuthenticated):
    """Raised by a page that needs a login; the error handler redirects to /login."""


def current_visitor(request: Request, ctx: Ctx) -> Visitor:
    """The visitor, logged in or not (pages that need a login use `LoggedIn`)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        try:
            caller = sessions.caller_from_cookie(ctx, cookie)
        except NotAuthenticated:
            caller = None
        if caller is not None and caller.csrf_token:
            return Visitor(caller.principal, caller.csrf_token, language(caller.locale))
    return Visitor(None, "", language(request.cookies.get(LANGUAGE_COOKIE, "en")))


def logged_in(visitor: Annotated[Visitor, Depends(current_visitor)]) -> Visitor:
    if visitor.principal is None:
        raise LoginRequired("log in to see this page")
    return visitor


AnyVisitor = Annotated[Visitor, Depends(current_visitor)]
LoggedIn = Annotated[Visitor, Depends(logged_in)]


def check_form_token(visitor: Visitor, sent: str) -> None:
    """Every form that changes something carries the session's CSRF token."""
    if not visitor.csrf_token or not secrets.compare_digest(sent, visitor.csrf_token):
        raise Forbidden(
            "the form has expired or did not come from tipwatch: reload the page and send it again"
        )
