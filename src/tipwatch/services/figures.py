"""Use cases: published figures (TIP report, FIA, SSDO...), and tipwatch's own figure beside each.

Every comparison is made in the published figure's own unit; where tipwatch has no figure of
that measure, unit or area, it says so instead of guessing.
"""

from __future__ import annotations

import tomllib
from datetime import date
from importlib.resources import files
from typing import Any

from sqlalchemy import func, select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import NotFound
from tipwatch.domain.vocabulary import Province
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.funnel import attrition_funnel
from tipwatch.services.schemas.figures import FigureComparison, FigureCreate, FigureOut
from tipwatch.services.schemas.funnel import FunnelFilters
from tipwatch.storage.reporting_tables import PublishedFigure

# (measure, unit) -> (the funnel's unit, its stage or "total", what tipwatch counts)
SYSTEM_MEASURES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("cases_registered", "cases"): ("cases", "fir_registered", "cases with an FIR registered"),
    ("cases_investigated", "cases"): (
        "cases",
        "under_investigation",
        "cases registered and investigated",
    ),
    ("convictions", "cases"): ("cases", "convicted", "cases with at least one conviction"),
    ("convictions", "accused"): ("accused", "convicted", "accused persons convicted"),
    ("victims_identified", "victims"): ("victims", "total", "victims in cases registered"),
}


def seed_published_figures(ctx: Context) -> int:
    """Load the shipped figures into an empty table; returns how many were added."""
    text = (files("tipwatch.reference") / "published_figures.toml").read_text()
    rows = tomllib.loads(text)["figures"]
    with ctx.uow() as uow:
        if uow.session.scalar(select(func.count()).select_from(PublishedFigure)):
            return 0
        now = ctx.now()
        for row in rows:
            start, end = (date.fromisoformat(d) for d in row.pop("period"))
            uow.session.add(
                PublishedFigure(
                    **row, period_start=start, period_end=end, created_at=now, updated_at=now
                )
            )
        uow.commit()
    return len(rows)


def list_figures(ctx: Context, actor: Principal) -> list[FigureOut]:
    actor.require(Capability.READ_AGGREGATES)
    with ctx.uow() as uow:
        rows = uow.session.scalars(
            select(PublishedFigure).order_by(PublishedFigure.period_start, PublishedFigure.id)
        )
        return [FigureOut.model_validate(r) for r in rows]


def add_figure(ctx: Context, actor: Principal, data: FigureCreate) -> FigureOut:
    actor.require(Capability.MANAGE_FIGURES)
    with ctx.uow() as uow:
        figure = PublishedFigure(**data.model_dump(), created_at=ctx.now(), updated_at=ctx.now())
        uow.session.add(figure)
        uow.flush()
        audit(uow, ctx, actor, "figure.create", "published_figure", figure.id)
        out = FigureOut.model_validate(figure)
        uow.commit()
        return out


def _figure(ctx: Context, uow: Any, figure_id: int) -> PublishedFigure:
    figure = uow.session.get(PublishedFigure, figure_id)
    if figure is None:
        raise NotFound(
            f"published figure {figure_id} does not exist", record=f"published figure {figure_id}"
        )
    assert isinstance(figure, PublishedFigure)
    return figure


def update_figure(ctx: Context, actor: Principal, figure_id: int, data: FigureCreate) -> FigureOut:
    actor.require(Capability.MANAGE_FIGURES)
    with ctx.uow() as uow:
        figure = _figure(ctx, uow, figure_id)
        for name, value in data.model_dump().items():
            setattr(figure, name, value)
        figure.updated_at = ctx.now()
        audit(uow, ctx, actor, "figure.update", "published_figure", figure_id)
        out = FigureOut.model_validate(figure)
        uow.commit()
        return out


def delete_figure(ctx: Context, actor: Principal, figure_id: int) -> None:
    actor.require(Capability.MANAGE_FIGURES)
    with ctx.uow() as uow:
        uow.session.delete(_figure(ctx, uow, figure_id))
        audit(uow, ctx, actor, "figure.delete", "published_figure", figure_id)
        uow.commit()


def compare_figures(
    ctx: Context,
    actor: Principal,
    year: int,
    area: str = "Pakistan",
    funnels_at_hand: dict[str, Any] | None = None,
) -> list[FigureComparison]:
    """Each published figure of `area` whose period touches `year`, beside tipwatch's own
    figure of the same measure and unit for cases registered in `year`."""
    actor.require(Capability.READ_AGGREGATES)
    first, last = date(year, 1, 1), date(year, 12, 31)
    with ctx.uow() as uow:
        rows = uow.session.scalars(
            select(PublishedFigure)
            .where(
                PublishedFigure.area == area,
                PublishedFigure.period_start <= last,
                PublishedFigure.period_end >= first,
            )
            .order_by(PublishedFigure.id)
        ).all()
        published = [FigureOut.model_validate(r) for r in rows]
    province = area if area in set(Province) else None
    comparable_area = area == "Pakistan" or province is not None
    out = []
    funnels: dict[str, Any] = dict(funnels_at_hand or {})  # the caller's, by unit
    for figure in published:
        known = SYSTEM_MEASURES.get((figure.measure, figure.unit))
        if known is None or not comparable_area:
            reason = (
                f"tipwatch does not count {figure.measure} in {figure.unit}"
                if known is None
                else f"tipwatch has no area called {area!r}"
            )
            out.append(
                FigureComparison(
                    published=figure,
                    system_value=None,
                    system_definition="",
                    difference=None,
                    note=reason,
                )
            )
            continue
        unit, stage, definition = known
        if unit not in funnels:
            place = Province(province) if province else None
            funnels[unit] = attrition_funnel(  # stage counts are all a figure needs
                ctx, actor, FunnelFilters(year=year, unit=unit, province=place), counts_only=True
            ).funnel
        funnel = funnels[unit]
        value = (
            funnel.total
            if stage == "total"
            else next(s.count for s in funnel.stages if s.stage == stage)
        )
        note = (
            ""
            if (figure.period_start, figure.period_end) == (first, last)
            else f"periods differ: published {figure.period_start} to {figure.period_end}, "
            f"tipwatch counts cases registered in {year}"
        )
        out.append(
            FigureComparison(
                published=figure,
                system_value=value,
                system_definition=f"{definition} in {year}",
                difference=value - figure.value,
                note=note,
            )
        )
    return out
