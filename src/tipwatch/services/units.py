"""Use cases: organisational units (FIA zones and circles, police stations, offices, NGOs)."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import Duplicate, NotFound
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.schemas.units import UnitCreate, UnitOut
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def get_unit_row(uow: UnitOfWork, unit_id: int, field: str = "unit_id") -> t.Unit:
    unit = uow.session.get(t.Unit, unit_id)
    if unit is None:
        raise NotFound(f"unit {unit_id} does not exist", record=f"unit {unit_id}", field=field)
    return unit


def add_unit(ctx: Context, actor: Principal, data: UnitCreate) -> UnitOut:
    actor.require(Capability.MANAGE_UNITS)
    with ctx.uow() as uow:
        if data.parent_id is not None:
            get_unit_row(uow, data.parent_id, field="parent_id")
        if uow.session.scalar(select(t.Unit.id).where(t.Unit.code == data.code)) is not None:
            raise Duplicate(f"a unit with code {data.code!r} already exists", field="code")
        unit = t.Unit(**data.model_dump(mode="json"))
        uow.session.add(unit)
        uow.flush()
        audit(uow, ctx, actor, "unit.create", "unit", unit.id)
        uow.commit()
        return UnitOut.model_validate(unit)


def list_units(ctx: Context, actor: Principal) -> list[UnitOut]:
    actor.require(Capability.READ_UNITS)
    with ctx.uow() as uow:
        rows = uow.session.scalars(select(t.Unit).order_by(t.Unit.province, t.Unit.code))
        return [UnitOut.model_validate(u) for u in rows]


def get_unit(ctx: Context, actor: Principal, unit_id: int) -> UnitOut:
    actor.require(Capability.READ_UNITS)
    with ctx.uow() as uow:
        return UnitOut.model_validate(get_unit_row(uow, unit_id))


def unit_id_by_code(ctx: Context, code: str) -> int:
    with ctx.uow() as uow:
        unit_id = uow.session.scalar(select(t.Unit.id).where(t.Unit.code == code))
        if unit_id is None:
            raise NotFound(f"no unit with code {code!r}", field="unit")
        return unit_id
