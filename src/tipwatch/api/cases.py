"""/api/v1/cases and the parts of a case: parties, charges, events, route legs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from tipwatch.api.deps import Actor, CaseId, Ctx, RecordId
from tipwatch.services import case_file, cases, charges, events, parties, routes, sharing
from tipwatch.services.schemas.cases import (
    CaseCreate,
    CaseDetail,
    CaseFilters,
    CaseOut,
    CaseUpdate,
)
from tipwatch.services.schemas.common import Page
from tipwatch.services.schemas.people import PartyCreate, PartyOut
from tipwatch.services.schemas.steps import (
    ChargeCreate,
    ChargeOut,
    EventCreate,
    EventOut,
    RouteLegCreate,
    RouteLegOut,
)

router = APIRouter(prefix="/cases", tags=["cases"])
CREATED = status.HTTP_201_CREATED


@router.post("", status_code=CREATED)
def register_case(ctx: Ctx, actor: Actor, body: CaseCreate) -> CaseDetail:
    return cases.register_case(ctx, actor, body)


@router.get("")
def list_cases(ctx: Ctx, actor: Actor, filters: Annotated[CaseFilters, Query()]) -> Page[CaseOut]:
    return cases.list_cases(ctx, actor, filters)


@router.get("/{case_id}")
def get_case(ctx: Ctx, actor: Actor, case_id: CaseId) -> CaseDetail:
    return cases.get_case(ctx, actor, case_id)


@router.get("/{case_id}/file")
def read_case_file(ctx: Ctx, actor: Actor, case_id: CaseId) -> case_file.CaseFile:
    """Everything on the case page in one read: parties (victims' identities hidden), charges,
    events and route legs."""
    return case_file.read_case_file(ctx, actor, case_id)


@router.patch("/{case_id}")
def update_case(ctx: Ctx, actor: Actor, case_id: CaseId, body: CaseUpdate) -> CaseDetail:
    return cases.update_case(ctx, actor, case_id, body)


@router.post("/{case_id}/parties", status_code=CREATED)
def add_party(ctx: Ctx, actor: Actor, case_id: CaseId, body: PartyCreate) -> PartyOut:
    return parties.add_party(ctx, actor, case_id, body)


@router.get("/{case_id}/parties")
def list_parties(ctx: Ctx, actor: Actor, case_id: CaseId) -> list[PartyOut]:
    return parties.list_parties(ctx, actor, case_id)


@router.post("/{case_id}/charges", status_code=CREATED)
def add_charge(ctx: Ctx, actor: Actor, case_id: CaseId, body: ChargeCreate) -> ChargeOut:
    return charges.add_charge(ctx, actor, case_id, body)


@router.get("/{case_id}/charges")
def list_charges(ctx: Ctx, actor: Actor, case_id: CaseId) -> list[ChargeOut]:
    return charges.list_charges(ctx, actor, case_id)


@router.post("/{case_id}/events", status_code=CREATED)
def record_event(ctx: Ctx, actor: Actor, case_id: CaseId, body: EventCreate) -> EventOut:
    event, _case = events.record_event(ctx, actor, case_id, body)
    return event


@router.get("/{case_id}/events")
def list_events(ctx: Ctx, actor: Actor, case_id: CaseId) -> list[EventOut]:
    return events.list_events(ctx, actor, case_id)


@router.post("/{case_id}/route-legs", status_code=CREATED)
def add_route_leg(ctx: Ctx, actor: Actor, case_id: CaseId, body: RouteLegCreate) -> RouteLegOut:
    return routes.add_route_leg(ctx, actor, case_id, body)


@router.get("/{case_id}/route-legs")
def list_route_legs(ctx: Ctx, actor: Actor, case_id: CaseId) -> list[RouteLegOut]:
    return routes.list_route_legs(ctx, actor, case_id)


@router.post("/{case_id}/shares", status_code=CREATED)
def share_case(
    ctx: Ctx, actor: Actor, case_id: CaseId, body: sharing.ShareCreate
) -> sharing.ShareOut:
    return sharing.share_case(ctx, actor, case_id, body)


@router.get("/{case_id}/shares")
def list_shares(ctx: Ctx, actor: Actor, case_id: CaseId) -> list[sharing.ShareOut]:
    return sharing.list_shares(ctx, actor, case_id)


@router.delete("/{case_id}/shares/{share_id}")
def revoke_share(ctx: Ctx, actor: Actor, case_id: CaseId, share_id: RecordId) -> sharing.ShareOut:
    return sharing.revoke_share(ctx, actor, case_id, share_id)
