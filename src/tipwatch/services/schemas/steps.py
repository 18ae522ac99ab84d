"""Schemas for the steps of a case: charges, events and route legs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field

from tipwatch.domain.events import EventKind
from tipwatch.domain.vocabulary import TravelMode
from tipwatch.services.schemas.common import Country, Day, Id, Input, Line, LongText, Output


class ChargeCreate(Input):
    party_id: Id = Field(description="The accused charged")
    provision: Annotated[str, Field(min_length=1, max_length=80)] = Field(
        description='One provision, in any usual notation: "3(1) PTPA", "371-A PPC"'
    )


class ChargeOut(Output):
    id: int
    case_id: int
    party_id: int
    provision_key: str
    framed_on: date | None
    outcome: str | None
    imprisonment_months: int | None
    life_imprisonment: bool | None
    fine_rupees: int | None
    flags: list[str]


class EventCreate(Input):
    kind: EventKind
    occurred_on: Day
    party_id: Id | None = None
    charge_id: Id | None = None
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="sentence: imprisonment_months, life_imprisonment, fine_rupees; "
        "appeal_filed: appellant; appeal_decided: outcome (+ sentence fields); "
        "transferred: to_agency; victim_referred: referred_to",
    )
    note: LongText = ""


class EventOut(Output):
    id: int
    case_id: int
    kind: str
    occurred_on: date
    party_id: int | None
    charge_id: int | None
    details: dict[str, Any]
    note: str
    recorded_by: str | None
    recorded_at: datetime


class RouteLegCreate(Input):
    party_id: Id | None = None
    sequence: Annotated[int, Field(ge=1, le=100)] | None = None
    origin: Line
    origin_country: Country
    destination: Line
    destination_country: Country
    mode: TravelMode
    port: Line | None = Field(default=None, description="Airport or border crossing")
    departed_on: Day | None = None


class RouteLegOut(Output):
    id: int
    case_id: int
    party_id: int | None
    sequence: int
    origin: str
    origin_country: str
    destination: str
    destination_country: str
    mode: str
    port: str | None
    departed_on: date | None
