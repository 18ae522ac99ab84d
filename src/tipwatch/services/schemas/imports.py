"""What an import of cases answers: the run's counts and the rows it refused."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from tipwatch.services.schemas.common import Output

REJECTS_SHOWN = 100


class RejectOut(Output):
    """A refused row: its number in the spreadsheet (header = row 1), the canonical column at
    fault and why. Never the row's values: download them with the rejected rows CSV."""

    row: int
    field: str | None
    reason: str


class ImportSummary(Output):
    run_id: int
    file_name: str
    mapping: str | None
    dry_run: bool = Field(description="Validated only: no case was written")
    status: str = Field(description="running, complete or failed")
    rows_read: int = Field(description="Always created + updated + unchanged + rejected")
    created: int
    updated: int
    unchanged: int
    rejected: int
    started_at: datetime
    finished_at: datetime | None
    rejects: list[RejectOut] = Field(
        default_factory=list, description=f"The first {REJECTS_SHOWN} refused rows"
    )
    ignored_columns: list[str] = Field(
        default_factory=list,
        description="Columns of the file read as no column of the template (on upload only)",
    )
