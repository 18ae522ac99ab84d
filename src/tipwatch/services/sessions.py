"""Use cases: logging in and out, and finding who is behind a request (token or session)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from sqlalchemy import select

from tipwatch.domain.access import Principal
from tipwatch.domain.errors import Forbidden, NotAuthenticated, TooManyAttempts
from tipwatch.services.accounts import (
    is_expired,
    password_matches,
    principal_of,
    token_digest,
    totp_secret_of,
)
from tipwatch.services.audit_trail import audit, audit_alone
from tipwatch.services.context import Context
from tipwatch.services.schemas.accounts import Login, SessionOut
from tipwatch.storage import security_tables as s

FAILURES_BEFORE_LOCK = 5
LOCK_MINUTES = 15
SESSION_HOURS = 12
_BAD_LOGIN = "wrong username, password or code"
# A hash to check against when the user does not exist, so timing does not tell.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$kZO9CVMjJOADa9Tmu4qC1A$"
    "l3zZNW/u/unOI/2CMr/sE4QVWeroKCFP0iTrZtcvTP8"
)


@dataclass(frozen=True)
class NewSession:
    cookie: str  # the secret the browser keeps; only its hash is stored
    out: SessionOut


def login(ctx: Context, data: Login) -> NewSession:
    now = ctx.now()
    with ctx.uow() as uow:
        user = uow.session.scalar(select(s.User).where(s.User.username == data.username))
        if user is None:
            password_matches(_DUMMY_HASH, data.password)
            raise NotAuthenticated(_BAD_LOGIN)
        if user.locked_until is not None and not is_expired(user.locked_until, now):
            raise TooManyAttempts(
                f"too many failed logins: the account is locked for {LOCK_MINUTES} minutes",
                details={"retry_after_seconds": LOCK_MINUTES * 60},
            )
        ok = password_matches(user.password_hash, data.password) and not user.disabled
        needs_code = user.role in ctx.settings.second_factor_roles or user.totp_secret
        if ok and needs_code:
            secret = totp_secret_of(ctx, user)
            if secret is None:
                raise Forbidden(
                    f"the {user.role} role needs a second factor: ask an admin to "
                    f"run `tipwatch users second-factor {user.username}`"
                )
            ok = data.totp is not None and pyotp.TOTP(secret).verify(data.totp, valid_window=1)
        actor = principal_of(user)
        if not ok:
            user.failed_logins += 1
            if user.failed_logins >= FAILURES_BEFORE_LOCK:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            audit(
                uow,
                ctx,
                actor,
                "login.failed",
                "user",
                user.id,
                details={"failures": user.failed_logins},
            )
            uow.commit()
            raise NotAuthenticated(_BAD_LOGIN)
        user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
        cookie = secrets.token_urlsafe(32)
        session = s.WebSession(
            id=token_digest(cookie),
            user_id=user.id,
            csrf_token=secrets.token_urlsafe(32),
            second_factor_passed=bool(needs_code),
            created_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
        uow.session.add(session)
        audit(uow, ctx, actor, "login", "user", user.id)
        uow.commit()
        return NewSession(
            cookie,
            SessionOut(
                username=user.username,
                role=user.role,
                unit_id=user.unit_id,
                csrf_token=session.csrf_token,
                expires_at=session.expires_at,
            ),
        )


def logout(ctx: Context, cookie: str) -> None:
    with ctx.uow() as uow:
        session = uow.session.get(s.WebSession, token_digest(cookie))
        if session is not None:
            user = uow.session.get(s.User, session.user_id)
            uow.session.delete(session)
            if user is not None:
                audit(uow, ctx, principal_of(user), "logout", "user", user.id)
            uow.commit()


@dataclass(frozen=True)
class Caller:
    principal: Principal
    csrf_token: str | None  # set for a browser session: unsafe requests must echo it
    locale: str = "en"


def _active_user(user: s.User | None) -> s.User:
    if user is None or user.disabled:
        raise NotAuthenticated("the account is disabled")
    return user


def caller_from_token(ctx: Context, token: str) -> Caller:
    now = ctx.now()
    with ctx.uow() as uow:
        row = uow.session.scalar(
            select(s.ApiToken).where(s.ApiToken.token_hash == token_digest(token))
        )
        if row is None or row.revoked_at is not None or is_expired(row.expires_at, now):
            reason = "unknown" if row is None else ("revoked" if row.revoked_at else "expired")
            if row is not None:
                audit_alone(
                    ctx,
                    principal_of(_active_user(uow.session.get(s.User, row.user_id))),
                    "token.refused",
                    "user",
                    row.user_id,
                    details={"token_id": row.id, "reason": reason},
                )
            raise NotAuthenticated(f"the API token is {reason}")
        user = _active_user(uow.session.get(s.User, row.user_id))
        if row.last_used_at is None or is_expired(row.last_used_at + timedelta(minutes=5), now):
            row.last_used_at = now
            uow.commit()
        return Caller(principal_of(user), None)


def caller_from_cookie(ctx: Context, cookie: str) -> Caller:
    with ctx.uow() as uow:
        session = uow.session.get(s.WebSession, token_digest(cookie))
        if session is None or is_expired(session.expires_at, ctx.now()):
            raise NotAuthenticated("the session has ended: log in again")
        user = _active_user(uow.session.get(s.User, session.user_id))
        return Caller(principal_of(user), session.csrf_token, user.locale)
