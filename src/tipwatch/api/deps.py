"""Dependencies shared by the routes (pattern after the FastAPI template's api/deps.py).

A request is authenticated by an API token (`Authorization: Bearer tw_...`) or by the session
cookie of a browser login; with the cookie, every state-changing request must also carry the
session's CSRF token in the `X-CSRF-Token` header.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Path, Request, Response

from tipwatch.domain.access import Principal
from tipwatch.domain.errors import Forbidden, NotAuthenticated
from tipwatch.services import sessions
from tipwatch.services.context import Context

SESSION_COOKIE = "tipwatch_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


Ctx = Annotated[Context, Depends(get_context)]


def current_user(request: Request, ctx: Ctx) -> Principal:
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return sessions.caller_from_token(ctx, token.strip()).principal
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise NotAuthenticated("log in, or send an API token as 'Authorization: Bearer ...'")
    caller = sessions.caller_from_cookie(ctx, cookie)
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not caller.csrf_token or not secrets.compare_digest(sent, caller.csrf_token):
            raise Forbidden(
                f"missing or wrong CSRF token: send the {CSRF_HEADER} header given at login"
            )
    return caller.principal


Actor = Annotated[Principal, Depends(current_user)]


def keep_session_cookie(response: Response, request: Request, ctx: Context, cookie: str) -> None:
    """The browser keeps the session's secret: HttpOnly, SameSite=Strict, Secure over HTTPS."""
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="strict",
        secure=ctx.settings.secure_cookies or request.url.scheme == "https",
        max_age=sessions.SESSION_HOURS * 3600,
        path="/",
    )


CaseId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The case's id")]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
