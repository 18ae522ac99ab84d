"""Use cases: the legs of a trafficking or smuggling route (origin, transit, destination)."""

from __future__ import annotations

from sqlalchemy import func, select

from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.case_state import claim_case
from tipwatch.services.cases import get_case_row
from tipwatch.services.context import Context
from tipwatch.services.schemas.steps import RouteLegCreate, RouteLegOut
from tipwatch.storage import tables as t


def add_route_leg(ctx: Context, case_id: int, data: RouteLegCreate) -> RouteLegOut:
    if data.departed_on and data.departed_on > ctx.today():
        raise InvalidInput("departed_on is in the future", field="departed_on")
    with ctx.uow() as uow:
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
        out = RouteLegOut.model_validate(leg)
        uow.commit()
        return out


def list_route_legs(ctx: Context, case_id: int) -> list[RouteLegOut]:
    with ctx.uow() as uow:
        get_case_row(uow, case_id)
        rows = uow.session.scalars(
            select(t.RouteLeg)
            .where(t.RouteLeg.case_id == case_id)
            .order_by(t.RouteLeg.sequence, t.RouteLeg.id)
        )
        return [RouteLegOut.model_validate(r) for r in rows]
