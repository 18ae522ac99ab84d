"""Use cases: the legs of a trafficking or smuggling route (origin, transit, destination)."""

from __future__ import annotations

from sqlalchemy import func, select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.access import open_case
from tipwatch.services.audit_trail import audit
from tipwatch.services.case_state import claim_case
from tipwatch.services.context import Context
from tipwatch.services.schemas.steps import RouteLegCreate, RouteLegOut
from tipwatch.storage import tables as t


def add_route_leg(
    ctx: Context, actor: Principal, case_id: int, data: RouteLegCreate
) -> RouteLegOut:
    if data.departed_on and data.departed_on > ctx.today():
        raise InvalidInput("departed_on is in the future", field="departed_on")
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.EDIT_CASES)
        case = claim_case(uow, case_id)
        if data.party_id is not None:
            party = uow.session.get(t.Party, data.party_id)
            if party is None or party.case_id != case_id or party.role != PersonRole.VICTIM:
                raise InvalidInput(
                    f"party {data.party_id} is not a victim of case {case_id}", field="party_id"
                )
        sequence = data.sequence
        if sequence is None:
            last = uow.session.scalar(
                select(func.max(t.RouteLeg.sequence)).where(t.RouteLeg.case_id == case_id)
            )
            sequence = (last or 0) + 1
        leg = t.RouteLeg(
            case_id=case_id,
            **data.model_dump(mode="json", exclude={"sequence"}),
            sequence=sequence,
            created_at=ctx.now(),
        )
        leg.departed_on = data.departed_on
        uow.session.add(leg)
        case.updated_at = ctx.now()
        uow.flush()
        audit(uow, ctx, actor, "route_leg.create", "case", case_id, details={"leg_id": leg.id})
        out = RouteLegOut.model_validate(leg)
        uow.commit()
        return out


def list_route_legs(ctx: Context, actor: Principal, case_id: int) -> list[RouteLegOut]:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id)
        audit(uow, ctx, actor, "case.read", "case", case_id, details={"part": "route legs"})
        rows = uow.session.scalars(
            select(t.RouteLeg)
            .where(t.RouteLeg.case_id == case_id)
            .order_by(t.RouteLeg.sequence, t.RouteLeg.id)
        )
        out = [RouteLegOut.model_validate(r) for r in rows]
        uow.commit()
        return out
