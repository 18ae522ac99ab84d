from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from tipwatch.domain.funnel import FinalState, FunnelStage
from tipwatch.domain.stages import CaseStage
from tipwatch.domain.vocabulary import CaseType, ExploitationForm, Province
from tipwatch.services.schemas.common import (
    Day,
    Id,
    Input,
    LongText,
    Output,
    SearchText,
    ShortLine,
)
from tipwatch.services.schemas.units import UnitOut

Year = Annotated[int, Field(ge=1947, le=2100)]
FunnelStageName = StrEnum("FunnelStageName", {s.label: s.label for s in FunnelStage})  # type: ignore[misc]


class CaseCreate(Input):
    number: ShortLine = Field(description="FIR or case number as the unit writes it, e.g. 112")
    year: Year
    unit_id: Id
    case_type: CaseType
    reported_on: Day = Field(description="When the case was first reported")
    offence_date: Day | None = Field(
        default=None, description="When the offence was committed: the law in force then applies"
    )
    exploitation: list[ExploitationForm] = Field(default_factory=list, max_length=20)
    narrative: LongText = ""
    prosecution_office_id: Id | None = Field(
        default=None, description="The prosecution office the case is sent to"
    )


class CaseUpdate(Input):
    version: Annotated[int, Field(ge=1, le=2**31 - 1)] = Field(
        description="The version you read: an update of an older version is refused with 409"
    )
    case_type: CaseType | None = None
    reported_on: Day | None = None
    offence_date: Day | None = None
    exploitation: list[ExploitationForm] | None = Field(default=None, max_length=20)
    narrative: LongText | None = None
    prosecution_office_id: Id | None = None


class ChallanOut(Output):
    status: str
    due_on: date | None
    submitted_on: date | None
    days_late: int


class FlagOut(Output):
    kind: str
    message: str
    record: str | None = None


class AccusedStageOut(Output):
    party_id: int
    stage: str
    outcome: str | None


class CaseOut(Output):
    id: int
    reference: str
    number: str
    year: int
    unit: UnitOut
    case_type: str
    reported_on: date
    offence_date: date | None
    exploitation: list[str]
    narrative: str
    prosecution_office_id: int | None
    version: int
    stage: str
    fir_registered_on: date | None
    closed_on: date | None
    challan: ChallanOut
    flags: list[FlagOut]
    created_at: datetime
    updated_at: datetime


class CaseDetail(CaseOut):
    accused: list[AccusedStageOut]


class CaseFilters(Input):
    stage: CaseStage | None = None
    province: Province | None = None
    district: SearchText | None = None
    unit_id: Id | None = None
    provision: SearchText | None = None
    exploitation: ExploitationForm | None = None
    year: Year | None = None
    overdue: bool | None = None
    reached: FunnelStageName | None = Field(
        default=None, description="Cases that reached at least this stage of the funnel"
    )
    stopped_at: FunnelStageName | None = Field(
        default=None, description="Cases whose furthest stage is this one"
    )
    final_state: FinalState | None = None
    sort: Literal["newest", "oldest", "reference", "stage"] = "newest"
    q: SearchText | None = Field(default=None, description="Part of the reference")
    limit: Annotated[int, Field(ge=1, le=200)] = 50
    offset: Annotated[int, Field(ge=0, le=10**7)] = 0
