"""/api/v1/auth (login, logout, tokens) and /api/v1/users (accounts, for admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request, Response, status

from tipwatch.api.deps import SESSION_COOKIE, Actor, Ctx, RecordId, keep_session_cookie
from tipwatch.services import accounts, sessions
from tipwatch.services.schemas.accounts import (
    Login,
    NewToken,
    SessionOut,
    TokenOut,
    UserCreate,
    UserOut,
)
from tipwatch.services.schemas.common import Line

router = APIRouter(tags=["accounts"])


@router.post("/auth/login")
def login(ctx: Ctx, request: Request, response: Response, body: Login) -> SessionOut:
    """Start a browser session: sets an HttpOnly cookie and returns the CSRF token to send
    in the X-CSRF-Token header with every state-changing request."""
    new = sessions.login(ctx, body)
    keep_session_cookie(response, request, ctx, new.cookie)
    return new.out


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(ctx: Ctx, _actor: Actor, request: Request, response: Response) -> None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        sessions.logout(ctx, cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/auth/me")
def me(ctx: Ctx, actor: Actor) -> UserOut:
    return accounts.own_account(ctx, actor)


@router.post("/auth/tokens", status_code=status.HTTP_201_CREATED)
def create_token(ctx: Ctx, actor: Actor, name: Annotated[Line, Body(embed=True)]) -> NewToken:
    """A new API token for yourself, shown once."""
    return accounts.create_token(ctx, actor, actor.username, name)


@router.get("/auth/tokens")
def list_tokens(ctx: Ctx, actor: Actor) -> list[TokenOut]:
    return accounts.list_tokens(ctx, actor, actor.username)


@router.delete("/auth/tokens/{token_id}")
def revoke_token(ctx: Ctx, actor: Actor, token_id: RecordId) -> TokenOut:
    return accounts.revoke_token(ctx, actor, token_id)


@router.post("/users", status_code=status.HTTP_201_CREATED)
def add_user(ctx: Ctx, actor: Actor, body: UserCreate) -> UserOut:
    return accounts.add_user(ctx, actor, body)


@router.get("/users")
def list_users(ctx: Ctx, actor: Actor) -> list[UserOut]:
    return accounts.list_users(ctx, actor)
