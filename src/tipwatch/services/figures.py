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
from tipwatch.domain.errors import NotFound, TooFewToShow
from tipwatch.domain.vocabulary import Province
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.figure_measures import SYSTEM_MEASURES
from tipwatch.services.funnel import attrition_funnel
from tipwatch.services.schemas.figures import FigureComparison, FigureCreate, FigureOut
from tipwatch.services.schemas.funnel import FunnelFilters
from tipwatch.storage.reporting_tables import PublishedFigure


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
    place = Province(province) if province else None
    funnels: dict[str, Any] = dict(funnels_at_hand or {})  # the caller's, by unit (no scope)
    return [
        _compared(ctx, actor, figure, year, area, place, comparable_area, funnels)
        for figure in published
    ]


def _compared(
    ctx: Context,
    actor: Principal,
    figure: FigureOut,
    year: int,
    area: str,
    place: Province | None,
    comparable_area: bool,
    funnels: dict[str, Any],
) -> FigureComparison:
    known = SYSTEM_MEASURES.get((figure.measure, figure.unit))
    if known is None or not comparable_area:
        reason = (
            f"tipwatch does not count {figure.measure} in {figure.unit}"
            if known is None
            else f"tipwatch has no area called {area!r}"
        )
        return FigureComparison(
            published=figure, system_value=None, system_definition="", difference=None, note=reason
        )
    key = f"{known.unit} {sorted(known.filters.items())}" if known.filters else known.unit
    if key not in funnels:
        filters = FunnelFilters(year=year, unit=known.unit, province=place, **known.filters)
        try:  # stage counts are all a figure needs
            funnels[key] = attrition_funnel(ctx, actor, filters, counts_only=True).funnel
        except TooFewToShow as small:
            funnels[key] = small
    funnel = funnels[key]
    if isinstance(funnel, TooFewToShow):
        return FigureComparison(
            published=figure,
            system_value=None,
            system_definition=f"{known.definition} in {year}",
            difference=None,
            note=funnel.message,
        )
    value = (
        funnel.total
        if known.stage == "total"
        else next(s.count for s in funnel.stages if s.stage == known.stage)
    )
    same_period = (figure.period_start, figure.period_end) == (date(year, 1, 1), date(year, 12, 31))
    notes = [] if same_period else [
        f"periods differ: published {figure.period_start} to {figure.period_end}, tipwatch "
        f"counts cases registered in {year}; no difference is given"
    ]  # fmt: skip
    if known.caveat:
        notes.append(known.caveat)
    return FigureComparison(
        published=figure,
        system_value=value,
        system_definition=f"{known.definition} in {year}",
        difference=value - figure.value if same_period else None,
        note="; ".join(notes),
    )
