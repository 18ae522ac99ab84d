"""Use case: recording a step of the justice pipeline, refused with the rule it would break."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.events import EventKind, PipelineEvent
from tipwatch.domain.pipeline import replay_with
from tipwatch.domain.vocabulary import UnitKind
from tipwatch.services.access import open_case
from tipwatch.services.audit_trail import audit
from tipwatch.services.case_state import claim_case, load_facts, refresh_case
from tipwatch.services.cases import case_detail
from tipwatch.services.context import Context
from tipwatch.services.schemas.cases import CaseDetail
from tipwatch.services.schemas.steps import EventCreate, EventOut
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def record_event(
    ctx: Context, actor: Principal, case_id: int, data: EventCreate
) -> tuple[EventOut, CaseDetail]:
    """Append one event; returns it and the case as it now stands."""
    today = ctx.today()
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.RECORD_EVENTS)
        case = claim_case(uow, case_id)
        new = PipelineEvent(
            EventKind(data.kind), data.occurred_on, data.party_id, data.charge_id, data.details
        )
        replay_with(load_facts(uow, case_id), [new], today)
        row = t.Event(
            case_id=case_id,
            kind=data.kind,
            occurred_on=data.occurred_on,
            party_id=data.party_id,
            charge_id=data.charge_id,
            details=dict(data.details),
            note=data.note,
            recorded_by=actor.username,
            recorded_at=ctx.now(),
        )
        if row.charge_id is not None and row.party_id is None:
            charge = uow.session.get(t.Charge, row.charge_id)
            row.party_id = charge.party_id if charge else None
        uow.session.add(row)
        _refer_to_care(uow, data)
        uow.flush()
        refresh_case(uow, case, ctx.catalogue, today)
        case.updated_at = ctx.now()
        uow.flush()
        audit(
            uow,
            ctx,
            actor,
            "event.create",
            "case",
            case_id,
            details={"event_id": row.id, "kind": data.kind},
        )
        out = EventOut.model_validate(row)
        detail = case_detail(uow, case, today)
        uow.commit()
        return out, detail


def _refer_to_care(uow: UnitOfWork, data: EventCreate) -> None:
    """A victim referred to an NGO unit becomes visible to that NGO's caseworkers."""
    unit_id = data.details.get("referred_to_unit_id")
    if data.kind != EventKind.VICTIM_REFERRED or unit_id is None:
        return
    unit = uow.session.get(t.Unit, unit_id)
    if unit is None or unit.kind != UnitKind.NGO:
        raise InvalidInput(f"unit {unit_id} is not an NGO", field="details.referred_to_unit_id")
    party = uow.session.get(t.Party, data.party_id)
    if party is not None:
        party.care_unit_id = unit.id


def list_events(ctx: Context, actor: Principal, case_id: int) -> list[EventOut]:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id)
        audit(uow, ctx, actor, "case.read", "case", case_id, details={"part": "events"})
        rows = uow.session.scalars(
            select(t.Event)
            .where(t.Event.case_id == case_id)
            .order_by(t.Event.occurred_on, t.Event.id)
        )
        out = [EventOut.model_validate(e) for e in rows]
        uow.commit()
        return out
