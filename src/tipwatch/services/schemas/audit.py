"""Searching, exporting and checking the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from tipwatch.services.schemas.common import Id, Input, Output, SearchText
from tipwatch.storage.audit import utc_time


def _utc(value: datetime) -> datetime:
    try:
        return utc_time(value)
    except OverflowError as exc:
        raise ValueError("is out of range") from exc


UtcTime = Annotated[
    datetime,
    AfterValidator(_utc),
    Field(description="ISO 8601; a time without an offset is taken as UTC"),
]


class AuditFilters(Input):
    user_id: Id | None = None
    username: SearchText | None = None
    action: SearchText | None = None
    record_type: SearchText | None = None
    record_id: Id | None = None
    since: UtcTime | None = Field(default=None, description="Entries at or after this time")
    until: UtcTime | None = Field(default=None, description="Entries before this time")
    limit: Annotated[int, Field(ge=1, le=500)] = 50
    offset: Annotated[int, Field(ge=0, le=10**7)] = 0

    @model_validator(mode="after")
    def _since_before_until(self) -> AuditFilters:
        if self.since and self.until and self.since >= self.until:
            raise ValueError("since must be before until")
        return self


class AuditEntryOut(Output):
    id: int
    at: Annotated[datetime, AfterValidator(utc_time)]
    user_id: int | None
    username: str | None
    role: str | None
    action: str
    record_type: str | None
    record_id: int | None
    purpose: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


class ChainReportOut(Output):
    """Whether the log is intact; if not, the first bad entry and what is wrong with it."""

    ok: bool
    checked: int = Field(description="Entries found intact")
    first_bad_id: int | None
    reason: str | None
    last_id: int | None = Field(description="The last intact entry")
    last_hash: str | None = Field(
        description="Hash of the last intact entry: keep it outside tipwatch to compare later"
    )
