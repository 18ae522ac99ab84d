"""`tipwatch funnel` and `tipwatch figures`: the national picture in a terminal."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from tipwatch.config import load_settings
from tipwatch.domain.access import SYSTEM
from tipwatch.domain.vocabulary import ExploitationForm, Province, Sex
from tipwatch.services import figures
from tipwatch.services.context import bootstrap
from tipwatch.services.funnel import attrition_funnel
from tipwatch.services.schemas.funnel import (
    AgeGroup,
    Breakdown,
    CountingUnit,
    Funnel,
    FunnelFilters,
)
from tipwatch.services.units import unit_id_by_code

figures_app = typer.Typer(
    help="Published figures, and tipwatch's own beside them.", no_args_is_help=True
)


def funnel_command(
    year: Annotated[int | None, typer.Option(help="Cases registered in this year.")] = None,
    unit: Annotated[str, typer.Option(help="Count cases, accused or victims.")] = "cases",
    by: Annotated[
        str | None, typer.Option(help="province, year, agency, district, case_type.")
    ] = None,
    from_year: Annotated[int | None, typer.Option(help="Cases registered from this year.")] = None,
    to_year: Annotated[int | None, typer.Option(help="Cases registered up to this year.")] = None,
    province: Annotated[Province | None, typer.Option()] = None,
    district: Annotated[str | None, typer.Option(help="A unit's district.")] = None,
    circle: Annotated[
        str | None, typer.Option(help="A unit's code: its cases and its sub-units'.")
    ] = None,
    agency: Annotated[str | None, typer.Option(help="FIA, Punjab Police...")] = None,
    provision: Annotated[str | None, typer.Option(help='e.g. "3(1) PTPA".')] = None,
    act: Annotated[str | None, typer.Option(help="PTPA, PSMA, PPC, BLSA or EO.")] = None,
    exploitation: Annotated[ExploitationForm | None, typer.Option()] = None,
    victim_sex: Annotated[Sex | None, typer.Option()] = None,
    victim_age_group: Annotated[str | None, typer.Option(help="child (under 18) or adult.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The attrition funnel: where cases, accused or victims drop out of the pipeline."""
    ctx = bootstrap(load_settings())
    filters = FunnelFilters(
        year=year,
        year_from=from_year,
        year_to=to_year,
        unit=_choice(unit, CountingUnit, "--unit"),
        by=_choice(by, Breakdown, "--by") if by else None,
        province=province,
        district=district,
        unit_id=unit_id_by_code(ctx, circle) if circle else None,
        agency=agency,
        provision=provision,
        act=act,
        exploitation=exploitation,
        victim_sex=victim_sex,
        victim_age_group=_choice(victim_age_group, AgeGroup, "--victim-age-group")
        if victim_age_group
        else None,
    )
    report = attrition_funnel(ctx, SYSTEM, filters)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    title = f"cases registered in {year}" if year else "all years"
    if from_year or to_year:
        title = f"cases registered from {from_year or 'the first year'} to {to_year or 'now'}"
    typer.echo(f"Attrition funnel: {title}, counted in {filters.unit}")
    typer.echo(_render(report.funnel))
    for group in report.groups:
        typer.echo(f"\n== {filters.by}: {group.key}")
        typer.echo(_render(group.funnel))


def _choice(value: str, allowed: object, option: str) -> str:
    choices = getattr(allowed, "__args__", ())
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=option)
    return value


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def _render(funnel: Funnel) -> str:
    lines = [f"{'stage':<22}{'reached':>10}{'of all':>8}   then stopped here as"]
    left = {d.stage: d.states for d in funnel.drop_outs}
    for stage in funnel.stages:
        stopped = ", ".join(f"{state} {n:,}" for state, n in left[stage.stage].items())
        lines.append(
            f"{stage.stage:<22}{stage.count:>10,}{_pct(stage.count, funnel.total):>8}   {stopped}"
        )
    lines.append(
        "final states: "
        + ", ".join(f"{state} {n:,}" for state, n in funnel.final_states.items() if n)
        + f" (total {funnel.total:,})"
    )
    for name in (
        "conviction_rate",
        "convictions_per_registered",
        "fine_only_share",
        "late_challan_share",
    ):
        ratio = getattr(funnel, name)
        value = f"{100 * ratio.value:.1f}%" if ratio.value is not None else "-"
        lines.append(
            f"{name.replace('_', ' ')}: {value} = {ratio.numerator:,} / "
            f"{ratio.denominator:,} ({ratio.definition})"
        )
    for delay in funnel.delays:
        days = f"{delay.median_days:g} days" if delay.median_days is not None else "-"
        lines.append(
            f"median {delay.from_stage} -> {delay.to_stage}: {days} (measured {delay.measured:,})"
        )
    return "\n".join(lines)


@figures_app.command("list")
def figures_list() -> None:
    """Every published figure, with its source and verification status."""
    for f in figures.list_figures(bootstrap(load_settings()), SYSTEM):
        typer.echo(
            f"{f.id:>4} {f.period_start}..{f.period_end} {f.area:<28} {f.measure:<22} "
            f"{f.value:>10,} {f.unit:<8} [{f.status}] {f.source[:60]}"
        )


@figures_app.command("compare")
def figures_compare(
    year: Annotated[int, typer.Option(help="Calendar year of registration.")],
    area: Annotated[str, typer.Option(help='"Pakistan" or a province.')] = "Pakistan",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Published figures of an area and year beside tipwatch's own, in the same unit."""
    rows = figures.compare_figures(bootstrap(load_settings()), SYSTEM, year, area)
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in rows], indent=2))
        return
    for row in rows:
        p = row.published
        mine = f"{row.system_value:,}" if row.system_value is not None else "-"
        typer.echo(
            f"{p.measure} ({p.unit}), {p.source[:50]} [{p.status}]: published "
            f"{p.value:,}, tipwatch {mine}. {row.note}"
        )
