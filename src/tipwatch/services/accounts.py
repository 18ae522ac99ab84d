"""Use cases: user accounts, passwords, the second factor and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal, Role
from tipwatch.domain.errors import Duplicate, InvalidInput, NotFound
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.schemas.accounts import NewToken, TokenOut, UserCreate, UserOut
from tipwatch.services.units import get_unit_row
from tipwatch.storage import security_tables as s
from tipwatch.storage.crypto import TOTP_PURPOSE
from tipwatch.storage.uow import UnitOfWork

_hasher = PasswordHasher()
TOKEN_PREFIX = "tw_"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_out(user: s.User) -> UserOut:
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        unit_id=user.unit_id,
        person_id=user.person_id,
        disabled=user.disabled,
        second_factor=user.totp_secret is not None,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )


def principal_of(user: s.User) -> Principal:
    return Principal(user.id, user.username, Role(user.role), user.unit_id, user.person_id)


def get_user_by_name(uow: UnitOfWork, username: str) -> s.User:
    user = uow.session.scalar(select(s.User).where(s.User.username == username))
    if user is None:
        raise NotFound(f"no user named {username!r}", field="username")
    return user


def add_user(ctx: Context, actor: Principal, data: UserCreate) -> UserOut:
    actor.require(Capability.MANAGE_USERS)
    with ctx.uow() as uow:
        if data.unit_id is not None:
            get_unit_row(uow, data.unit_id)
        elif data.role not in (Role.ADMIN, Role.ANALYST, Role.AUDITOR):
            raise InvalidInput(f"the {data.role} role belongs to a unit", field="unit_id")
        if uow.session.scalar(select(s.User.id).where(s.User.username == data.username)):
            raise Duplicate(f"a user named {data.username!r} already exists", field="username")
        user = s.User(
            username=data.username,
            display_name=data.display_name or data.username,
            password_hash=hash_password(data.password),
            role=data.role,
            unit_id=data.unit_id,
            person_id=data.person_id,
            created_at=ctx.now(),
        )
        uow.session.add(user)
        uow.flush()
        audit(uow, ctx, actor, "user.create", "user", user.id, details={"role": data.role})
        uow.commit()
        return user_out(user)


def list_users(ctx: Context, actor: Principal) -> list[UserOut]:
    actor.require(Capability.MANAGE_USERS)
    with ctx.uow() as uow:
        users = uow.session.scalars(select(s.User).order_by(s.User.username)).all()
        audit(uow, ctx, actor, "user.list", "user", None)
        uow.commit()
        return [user_out(u) for u in users]


def set_disabled(ctx: Context, actor: Principal, username: str, disabled: bool) -> UserOut:
    actor.require(Capability.MANAGE_USERS)
    with ctx.uow() as uow:
        user = get_user_by_name(uow, username)
        user.disabled = disabled
        if disabled:  # end every session and token at once
            for session in uow.session.scalars(
                select(s.WebSession).where(s.WebSession.user_id == user.id)
            ):
                uow.session.delete(session)
            for token in uow.session.scalars(
                select(s.ApiToken).where(
                    s.ApiToken.user_id == user.id, s.ApiToken.revoked_at.is_(None)
                )
            ):
                token.revoked_at = ctx.now()
        audit(uow, ctx, actor, "user.disable" if disabled else "user.enable", "user", user.id)
        uow.commit()
        return user_out(user)


def enrol_second_factor(ctx: Context, actor: Principal, username: str) -> str:
    """Give the user a new TOTP secret; returns the provisioning URI to show once."""
    actor.require(Capability.MANAGE_USERS)
    secret = pyotp.random_base32()
    with ctx.uow() as uow:
        user = get_user_by_name(uow, username)
        user.totp_secret = ctx.codec.encrypt_bytes(secret.encode(), TOTP_PURPOSE)
        audit(uow, ctx, actor, "user.second_factor", "user", user.id)
        uow.commit()
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="tipwatch")


def totp_secret_of(ctx: Context, user: s.User) -> str | None:
    if user.totp_secret is None:
        return None
    return ctx.codec.decrypt_bytes(user.totp_secret, TOTP_PURPOSE).decode()


def create_token(
    ctx: Context, actor: Principal, username: str, name: str, days: int = 90
) -> NewToken:
    """A new API token for `username`; the token itself is returned once and never stored."""
    if actor.username != username:
        actor.require(Capability.MANAGE_USERS)
    if not 1 <= days <= 366:
        raise InvalidInput("a token lasts from 1 to 366 days", field="days")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with ctx.uow() as uow:
        user = get_user_by_name(uow, username)
        now = ctx.now()
        row = s.ApiToken(
            user_id=user.id,
            name=name,
            token_hash=token_digest(token),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        uow.session.add(row)
        uow.flush()
        audit(uow, ctx, actor, "token.create", "user", user.id, details={"token_id": row.id})
        uow.commit()
        return NewToken(token=token, **TokenOut.model_validate(row).model_dump())


def revoke_token(ctx: Context, actor: Principal, token_id: int) -> TokenOut:
    with ctx.uow() as uow:
        row = uow.session.get(s.ApiToken, token_id)
        if row is None:
            raise NotFound(f"token {token_id} does not exist", record=f"token {token_id}")
        if row.user_id != actor.user_id:
            actor.require(Capability.MANAGE_USERS)
        row.revoked_at = row.revoked_at or ctx.now()
        audit(uow, ctx, actor, "token.revoke", "user", row.user_id, details={"token_id": row.id})
        uow.commit()
        return TokenOut.model_validate(row)


def list_tokens(ctx: Context, actor: Principal, username: str) -> list[TokenOut]:
    if actor.username != username:
        actor.require(Capability.MANAGE_USERS)
    with ctx.uow() as uow:
        user = get_user_by_name(uow, username)
        rows = uow.session.scalars(
            select(s.ApiToken).where(s.ApiToken.user_id == user.id).order_by(s.ApiToken.id)
        )
        return [TokenOut.model_validate(r) for r in rows]


def is_expired(moment: datetime, now: datetime) -> bool:
    if moment.tzinfo is None:  # SQLite gives back naive UTC
        moment = moment.replace(tzinfo=now.tzinfo)
    return moment <= now


def own_account(ctx: Context, actor: Principal) -> UserOut:
    with ctx.uow() as uow:
        user = uow.session.get(s.User, actor.user_id)
        if user is None:
            raise NotFound("your account no longer exists")
        return user_out(user)


def set_locale(ctx: Context, actor: Principal, locale: str) -> None:
    """The language the user's pages are shown in."""
    if locale not in ("en", "ur"):
        raise InvalidInput("the language is en or ur", field="locale")
    with ctx.uow() as uow:
        user = uow.session.get(s.User, actor.user_id)
        if user is None:
            raise NotFound("your account no longer exists")
        user.locale = locale
        uow.commit()
