from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from tipwatch.domain.access import Role
from tipwatch.services.schemas.common import Id, Input, Line, Output, SearchText

Username = Annotated[str, Field(min_length=2, max_length=80, pattern=r"^[A-Za-z0-9_.\-]+$")]
Password = Annotated[str, Field(min_length=1, max_length=200)]


class UserCreate(Input):
    username: Username
    password: Annotated[str, Field(min_length=12, max_length=200)]
    role: Role
    unit_id: Id | None = None
    person_id: Id | None = Field(default=None, description="The user's own person record, if any")
    display_name: Line | None = None


class UserOut(Output):
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    person_id: int | None
    disabled: bool
    second_factor: bool
    created_at: datetime
    last_login_at: datetime | None


class Login(Input):
    username: Annotated[SearchText, Field(min_length=1, max_length=80)]
    password: Password
    totp: Annotated[str, Field(pattern=r"^[0-9]{6}$")] | None = None


class SessionOut(Output):
    username: str
    role: str
    unit_id: int | None
    csrf_token: str
    expires_at: datetime


class TokenOut(Output):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class NewToken(TokenOut):
    token: str = Field(description="Shown once; only its hash is kept")
