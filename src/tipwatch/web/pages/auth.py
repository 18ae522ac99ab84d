"""Login (with a TOTP code where the role needs one), logout, language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tipwatch.api.deps import SESSION_COOKIE, Ctx, keep_session_cookie
from tipwatch.domain.errors import TipwatchError
from tipwatch.services import accounts, sessions
from tipwatch.services.schemas.accounts import Login
from tipwatch.web.session import LANGUAGE_COOKIE, AnyVisitor, LoggedIn, check_form_token
from tipwatch.web.templating import home_of, render

router = APIRouter(include_in_schema=False)
SEE_OTHER = 303


def _safe_next(target: str | None) -> str | None:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return None


@router.get("/")
def home(visitor: AnyVisitor) -> Response:
    if visitor.principal is None:
        return RedirectResponse("/login", SEE_OTHER)
    return RedirectResponse(home_of(visitor.principal), SEE_OTHER)


@router.get("/login")
def login_page(request: Request, visitor: AnyVisitor, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", visitor, next=_safe_next(next), error=None, username="")


@router.post("/login")
def login(
    request: Request,
    ctx: Ctx,
    visitor: AnyVisitor,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    totp: Annotated[str, Form(max_length=6)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        data = Login(username=username or "-", password=password or "-", totp=totp or None)
        new = sessions.login(ctx, data)
    except (TipwatchError, ValueError) as exc:
        message = (
            exc.message if isinstance(exc, TipwatchError) else "wrong username, password or code"
        )
        return render(
            request,
            "login.html",
            visitor,
            status=exc.status if isinstance(exc, TipwatchError) else 400,
            next=_safe_next(next),
            error=message,
            username=username,
        )
    target = _safe_next(next) or home_of(sessions.caller_from_cookie(ctx, new.cookie).principal)
    response = RedirectResponse(target, SEE_OTHER)
    keep_session_cookie(response, request, ctx, new.cookie)
    return response


@router.post("/logout")
def logout(
    request: Request, ctx: Ctx, visitor: LoggedIn, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    check_form_token(visitor, csrf_token)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        sessions.logout(ctx, cookie)
    response = RedirectResponse("/login", SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/language")
def choose_language(
    ctx: Ctx,
    visitor: AnyVisitor,
    language: Annotated[str, Form(max_length=5)] = "en",
    csrf_token: Annotated[str, Form()] = "",
    back: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Switch the language: kept on the account, or in a cookie before logging in."""
    code = language if language in ("en", "ur") else "en"
    if visitor.principal is not None:
        check_form_token(visitor, csrf_token)
        accounts.set_locale(ctx, visitor.principal, code)
    response = RedirectResponse(_safe_next(back) or "/", SEE_OTHER)
    response.set_cookie(
        LANGUAGE_COOKIE, code, httponly=True, samesite="strict", max_age=365 * 86400, path="/"
    )
    return response
