"""/api/v1/law: the legal catalogue."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tipwatch.api.deps import Actor, Ctx
from tipwatch.domain.access import Capability
from tipwatch.services import law
from tipwatch.services.schemas.common import Day, SearchText

router = APIRouter(prefix="/law", tags=["law"])
On = Annotated[Day | None, Query(description="Only what was in force on this date")]
Notation = Annotated[SearchText, Query(min_length=1, description='e.g. "370/371-A PPC"')]


@router.get("/provisions")
def list_provisions(ctx: Ctx, actor: Actor, on: On = None) -> list[dict[str, Any]]:
    actor.require(Capability.READ_LAW)
    return law.list_provisions(ctx.catalogue, on)


@router.get("/provision")
def show_provision(ctx: Ctx, actor: Actor, notation: Notation, on: On = None) -> dict[str, Any]:
    actor.require(Capability.READ_LAW)
    return law.show_provision(ctx.catalogue, notation, on)


@router.get("/parse")
def parse_notation(ctx: Ctx, actor: Actor, notation: Notation, on: On = None) -> dict[str, Any]:
    actor.require(Capability.READ_LAW)
    return law.parse_notation(ctx.catalogue, notation, on)
