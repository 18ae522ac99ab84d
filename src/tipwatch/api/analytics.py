"""/api/v1/analytics: the attrition funnel and published figures (aggregates, never a person)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from tipwatch.api.deps import Actor, Ctx, RecordId
from tipwatch.services import figures, funnel
from tipwatch.services.schemas.common import Line
from tipwatch.services.schemas.figures import FigureComparison, FigureCreate, FigureOut
from tipwatch.services.schemas.funnel import FunnelFilters, FunnelReport

router = APIRouter(prefix="/analytics", tags=["analytics"])
Year = Annotated[int, Query(ge=1947, le=2100)]


@router.get("/funnel")
def attrition_funnel(
    ctx: Ctx, actor: Actor, filters: Annotated[FunnelFilters, Query()]
) -> FunnelReport:
    """Where cases, accused or victims drop out, stage by stage, in the unit asked for."""
    return funnel.attrition_funnel(ctx, actor, filters)


@router.get("/figures")
def list_figures(ctx: Ctx, actor: Actor) -> list[FigureOut]:
    return figures.list_figures(ctx, actor)


@router.post("/figures", status_code=status.HTTP_201_CREATED)
def add_figure(ctx: Ctx, actor: Actor, body: FigureCreate) -> FigureOut:
    return figures.add_figure(ctx, actor, body)


@router.put("/figures/{figure_id}")
def update_figure(ctx: Ctx, actor: Actor, figure_id: RecordId, body: FigureCreate) -> FigureOut:
    return figures.update_figure(ctx, actor, figure_id, body)


@router.delete("/figures/{figure_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_figure(ctx: Ctx, actor: Actor, figure_id: RecordId) -> None:
    figures.delete_figure(ctx, actor, figure_id)


@router.get("/figures/compare")
def compare_figures(
    ctx: Ctx, actor: Actor, year: Year, area: Annotated[Line, Query()] = "Pakistan"
) -> list[FigureComparison]:
    """Each published figure of the area and year beside tipwatch's own, in the same unit."""
    return figures.compare_figures(ctx, actor, year, area)
