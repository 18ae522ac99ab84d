"""/api/v1/units: FIA zones and circles, police districts and stations, offices, NGOs."""

from __future__ import annotations

from fastapi import APIRouter, status

from tipwatch.api.deps import Actor, Ctx, RecordId
from tipwatch.services import units
from tipwatch.services.schemas.units import UnitCreate, UnitOut

router = APIRouter(prefix="/units", tags=["units"])


@router.post("", status_code=status.HTTP_201_CREATED)
def add_unit(ctx: Ctx, actor: Actor, body: UnitCreate) -> UnitOut:
    return units.add_unit(ctx, actor, body)


@router.get("")
def list_units(ctx: Ctx, actor: Actor) -> list[UnitOut]:
    return units.list_units(ctx, actor)


@router.get("/{unit_id}")
def get_unit(ctx: Ctx, actor: Actor, unit_id: RecordId) -> UnitOut:
    return units.get_unit(ctx, actor, unit_id)
