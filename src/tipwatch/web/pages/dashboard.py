"""The dashboard: the attrition funnel as a chart in a stated unit, breakdowns, delays, shares,
and the published figures beside the records. Every number links to the cases behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tipwatch.api.deps import Ctx
from tipwatch.domain.errors import TooFewToShow
from tipwatch.domain.funnel import FinalState, FunnelStage
from tipwatch.domain.vocabulary import Province
from tipwatch.services.figures import compare_figures
from tipwatch.services.funnel import attrition_funnel, years_with_cases
from tipwatch.services.schemas.funnel import FunnelFilters, FunnelGroup
from tipwatch.web.session import LoggedIn
from tipwatch.web.templating import render

router = APIRouter(include_in_schema=False)
BAR_WIDTH = 520
T = TypeVar("T")


@router.get("/dashboard")
def dashboard(
    request: Request,
    ctx: Ctx,
    visitor: LoggedIn,
    year: Annotated[int | None, Query(ge=1947, le=2100)] = None,
    unit: Literal["cases", "accused", "victims"] = "cases",
    province: Province | None = None,
) -> Response:
    actor = visitor.actor
    years = years_with_cases(ctx, actor)
    year = year or (years[0] if years else None)
    base = FunnelFilters(year=year, unit=unit, province=province)
    funnel = _shown(lambda: attrition_funnel(ctx, actor, base).funnel)
    by_province: list[FunnelGroup] = []
    if province is None and funnel is not None:
        by_province = attrition_funnel(
            ctx, actor, base.model_copy(update={"by": "province"}), counts_only=True
        ).groups
    by_year = _shown(
        lambda: (
            attrition_funnel(
                ctx, actor, base.model_copy(update={"by": "year", "year": None}), counts_only=True
            ).groups
        )
    )
    figures = []
    if year and funnel is not None:
        figures = compare_figures(
            ctx, actor, year, province or "Pakistan", funnels_at_hand={unit: funnel}
        )
    widest = max(funnel.total, 1) if funnel else 1
    stages_reached = funnel.stages if funnel else []
    bars = [(s.stage, s.count, round(BAR_WIDTH * s.count / widest)) for s in stages_reached]
    drill = {"year": year, "province": province}
    return render(
        request,
        "dashboard.html",
        visitor,
        funnel=funnel,
        bars=bars,
        year=year,
        years=years,
        unit=unit,
        province=province,
        provinces=list(Province),
        by_province=by_province,
        by_year=by_year or [],
        figures=figures,
        drill=drill,
        stages=[s.label for s in FunnelStage],
        states=[s.value for s in FinalState],
    )


def _shown(report: Callable[[], T]) -> T | None:
    """The report, or None when its cohort is too small to show this visitor's role: the page
    says so instead (services.small_counts)."""
    try:
        return report()
    except TooFewToShow:
        return None
