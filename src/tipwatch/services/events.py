"""Use case: recording a step of the justice pipeline, refused with the rule it would break."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.events import EventKind, PipelineEvent
from tipwatch.domain.pipeline import replay_with
from tipwatch.services.case_state import claim_case, load_facts, refresh_case
from tipwatch.services.cases import case_detail, get_case_row
from tipwatch.services.context import Context
from tipwatch.services.schemas.cases import CaseDetail
from tipwatch.services.schemas.steps import EventCreate, EventOut
from tipwatch.storage import tables as t


def record_event(
    ctx: Context, case_id: int, data: EventCreate, recorded_by: str | None = None
) -> tuple[EventOut, CaseDetail]:
    """Append one event; returns it and the case as it now stands."""
    today = ctx.today()
    with ctx.uow() as uow:
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
            recorded_by=recorded_by,
            recorded_at=ctx.now(),
        )
        if row.charge_id is not None and row.party_id is None:
            charge = uow.session.get(t.Charge, row.charge_id)
            row.party_id = charge.party_id if charge else None
        uow.session.add(row)
        uow.flush()
        refresh_case(uow, case, ctx.catalogue, today)
        case.updated_at = ctx.now()
        uow.flush()
        out = EventOut.model_validate(row)
        detail = case_detail(uow, case, today)
        uow.commit()
        return out, detail


def list_events(ctx: Context, case_id: int) -> list[EventOut]:
    with ctx.uow() as uow:
        get_case_row(uow, case_id)
        rows = uow.session.scalars(
            select(t.Event)
            .where(t.Event.case_id == case_id)
            .order_by(t.Event.occurred_on, t.Event.id)
        )
        return [EventOut.model_validate(e) for e in rows]
