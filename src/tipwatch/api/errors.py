"""The one place errors become HTTP responses, all in one JSON shape:

{"error": {"code": "...", "message": "...", "field": "...", "record": "...", "rule": "..."}}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from tipwatch.domain.errors import TipwatchError
from tipwatch.storage.database import error_text

log = logging.getLogger("tipwatch.api")


def error_response(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse({"error": body}, status_code=status)


def _field_of(location: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def _page(request: Request, status: int, heading: str, message: str) -> Response:
    """The same error as an HTML page, for the browser pages."""
    from tipwatch.web.pages.errors import error_page

    return error_page(request, status, heading, message)


async def _tipwatch_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TipwatchError)
    if exc.status >= 500:
        log.error("%s: %s", exc.code, exc.message)
    if _wants_page(request):
        return _page(request, exc.status, exc.code.replace("_", " "), exc.message)
    return error_response(exc.status, exc.to_dict())


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        field = _field_of(error.get("loc", ()))
        # never echo the input back: it may be a victim's personal data
        problems.append({"field": field, "message": str(error.get("msg", "invalid"))})
    first = problems[0] if problems else {"field": "body", "message": "invalid request"}
    if _wants_page(request):
        return _page(request, 422, "invalid input", f"{first['field']}: {first['message']}")
    return error_response(
        422,
        {
            "code": "invalid_input",
            "message": f"{first['field']}: {first['message']}",
            "field": first["field"],
            "details": {"problems": problems},
        },
    )


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorised", 403: "forbidden"}
    return error_response(
        exc.status_code,
        {"code": codes.get(exc.status_code, "http_error"), "message": str(exc.detail)},
    )


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.error(
        "unexpected error: %s",
        error_text(exc) if isinstance(exc, SQLAlchemyError) else type(exc).__name__,
    )
    if _wants_page(request):
        return _page(
            request, 500, "unexpected error", "an unexpected error occurred; it has been logged"
        )
    return error_response(
        500, {"code": "internal", "message": "an unexpected error occurred; it has been logged"}
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(TipwatchError, _tipwatch_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # A database error is handled here, not left to the server: it would log the error's
    # message, which holds the row it failed on (personal data included)
    app.add_exception_handler(SQLAlchemyError, _unexpected_error)
    app.add_exception_handler(Exception, _unexpected_error)
