"""Use case: the attrition funnel. Where cases, accused or victims drop out of the pipeline.

Each counted row has one furthest stage and one final state (domain/funnel.py), so the count at
each stage and the drop-outs below it always add up to the total.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import InvalidInput, NotFound
from tipwatch.domain.funnel import FinalState, FunnelStage
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.services.access import unit_subtree
from tipwatch.services.audit_trail import audit_alone
from tipwatch.services.context import Context
from tipwatch.services.funnel_queries import (
    UNIT_GROUPS,
    Rows,
    counts_sql,
    delays_sql,
    filter_conditions,
    grouping_sql,
    late_challans_sql,
)
from tipwatch.services.schemas.funnel import (
    DropOut,
    Funnel,
    FunnelFilters,
    FunnelGroup,
    FunnelReport,
    Ratio,
    StageCount,
    StageDelay,
)
from tipwatch.services.small_counts import check_cohort, pool_small_groups, smallest_shown
from tipwatch.storage import tables as t
from tipwatch.storage.database import driver_rows
from tipwatch.storage.uow import UnitOfWork

DELAYS = [
    ("fir_registered", "challan_submitted"),
    ("challan_submitted", "charge_framed"),
    ("charge_framed", "trial_concluded"),
    ("convicted", "sentenced"),
]
S = FunnelStage


def _ratio(numerator: int, denominator: int, definition: str) -> Ratio:
    value = round(numerator / denominator, 4) if denominator else None
    return Ratio(numerator=numerator, denominator=denominator, value=value, definition=definition)


def _assemble(
    unit: str,
    counts: dict[tuple[int, str], int],
    delays: list[Counter[int]],
    late: tuple[int, int],
    smallest: int = 0,
) -> Funnel:
    total = sum(counts.values())
    at = [sum(n for (stage, _), n in counts.items() if stage >= s) for s in FunnelStage]
    drop_outs = []
    for stage in FunnelStage:
        states = {state: n for (furthest, state), n in counts.items() if furthest == stage}
        drop_outs.append(
            DropOut(
                stage=stage.label, total=sum(states.values()), states=dict(sorted(states.items()))
            )
        )
    finals: dict[str, int] = defaultdict(int)
    for (_, state), n in counts.items():
        finals[state] += n
    fine_only = finals.get(FinalState.FINE_ONLY, 0)
    sentenced = fine_only + finals.get(FinalState.IMPRISONED, 0)
    return Funnel(
        unit=unit,
        total=total,
        stages=[StageCount(stage=s.label, count=at[s]) for s in FunnelStage],
        drop_outs=drop_outs,
        final_states={state.value: finals.get(state.value, 0) for state in FinalState},
        delays=[
            StageDelay(
                from_stage=a,
                to_stage=b,
                median_days=median_days(d) if d.total() >= smallest else None,
                measured=d.total(),
            )
            for (a, b), d in zip(DELAYS, delays, strict=True)
        ],
        conviction_rate=_ratio(
            at[S.CONVICTED],
            at[S.TRIAL_CONCLUDED],
            f"{unit} convicted / {unit} whose trial concluded",
        ),
        convictions_per_registered=_ratio(
            at[S.CONVICTED],
            at[S.FIR_REGISTERED],
            f"{unit} convicted / {unit} with an FIR registered",
        ),
        fine_only_share=_ratio(
            fine_only,
            sentenced,
            f"{unit} convicted with a fine only / {unit} convicted and sentenced",
        ),
        late_challan_share=_ratio(
            late[1],
            late[0],
            "FIRs whose s.173 report came after day 17 or is still "
            "missing / FIRs whose report has fallen due",
        ),
    )


def attrition_funnel(
    ctx: Context, actor: Principal, filters: FunnelFilters, *, counts_only: bool = False
) -> FunnelReport:
    """The funnel for the filters, overall and (with `by`) for each group. With `counts_only`
    the delays and the late-challan share are left out (empty), for tables of stage counts."""
    actor.require(Capability.READ_AGGREGATES)
    provision_key = ctx.catalogue.get(filters.provision).key if filters.provision else None
    if filters.act:
        filters = filters.model_copy(update={"act": _act_code(ctx.catalogue, filters.act)})
    smallest = smallest_shown(actor)
    if smallest:  # a role that reads aggregates only: each query is on record, for oversight
        details = {"filters": filters.model_dump(mode="json", exclude_none=True)}
        audit_alone(ctx, actor, "funnel.read", None, None, details=details)
    rows = Rows(filters)
    keys = grouping_sql(filters.by)
    today = ctx.today()
    with ctx.uow() as uow:
        if filters.unit_id is not None and uow.session.get(t.Unit, filters.unit_id) is None:
            raise NotFound(f"unit {filters.unit_id} does not exist", field="unit_id")
        key_of = _group_keys(uow, filters.by)
        units = unit_subtree(uow, filters.unit_id) if filters.unit_id else None
        where = filter_conditions(filters, units, provision_key)
        fir_where = filter_conditions(
            filters.model_copy(update={"unit": "cases"}), units, provision_key
        )
        dialect = uow.engine.dialect.name
        counts: dict[str, dict[tuple[int, str], int]] = defaultdict(lambda: defaultdict(int))
        for *grouping, stage, state, n in driver_rows(uow.session, counts_sql(rows, where, keys)):
            counts[key_of(grouping)][(stage, state)] += n
        delays = _delays(
            [] if counts_only else driver_rows(uow.session, delays_sql(rows, where, keys, dialect)),
            len(keys),
            key_of,
        )
        late: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        if not counts_only:
            query = late_challans_sql(fir_where, keys, today, rows.join_units)
            for *grouping, due, n in driver_rows(uow.session, query):
                key = key_of(grouping)
                late[key] = (late[key][0] + due, late[key][1] + int(n or 0))
    every = _merge(counts.values())
    check_cohort(sum(every.values()), filters.unit, smallest)
    overall = _assemble(
        filters.unit,
        every,
        [sum((d[i] for d in delays.values()), Counter[int]()) for i in range(len(DELAYS))],
        (sum(v[0] for v in late.values()), sum(v[1] for v in late.values())),
        smallest,
    )
    groups = pool_small_groups(counts, delays, late, smallest)
    report = FunnelReport(filters=filters.model_dump(exclude_none=True), funnel=overall)
    if filters.by is not None:
        report.groups = [
            FunnelGroup(
                key=key,
                funnel=_assemble(
                    filters.unit,
                    counts.get(key, {}),
                    delays.get(key) or _no_delays(),
                    late.get(key, (0, 0)),
                    smallest,
                ),
            )
            for key in groups
        ]
    return report


def _act_code(catalogue: LegalCatalogue, written: str) -> str:
    """The catalogue's code for an act named by its code or an alias, case and punctuation
    aside ("PTPA", "P.P.C.", "Pakistan Penal Code"); InvalidInput naming the acts it knows."""
    wanted = _letters(written)
    for act in catalogue.acts.values():
        if wanted in {_letters(name) for name in (act.code, *act.aliases)}:
            return act.code
    known = ", ".join(sorted(catalogue.acts))
    raise InvalidInput(
        f"act {written!r} is not in the legal catalogue (acts: {known})", field="act"
    )


def _letters(name: str) -> str:
    return "".join(c for c in name.upper() if c.isalnum())


def _delays(
    measured: list[tuple[Any, ...]], width: int, key_of: Callable[[Sequence[Any]], str]
) -> dict[str, list[Counter[int]]]:
    """How many rows took each number of days between stages, by report group, from rows of
    (SQL grouping..., 4 delays each joined as text: "29,17,-3"); a delay that is missing or
    negative (a date out of order) is not counted. A median is read off the counts
    (`median_days`): every case's delays are needed, and a scan of every case fetched as one
    row each cost more than SQLite's own work."""
    texts: dict[str, list[Counter[str]]] = defaultdict(lambda: [Counter() for _ in DELAYS])
    for found in measured:
        for counted, joined in zip(texts[key_of(found[:width])], found[width:], strict=True):
            if joined:
                counted.update(joined.split(","))
    return {key: [_whole_days(counted) for counted in counts] for key, counts in texts.items()}


def _whole_days(counted: Counter[str]) -> Counter[int]:
    """Counts of days written as text ("29"), as numbers; negative ones left out."""
    days: Counter[int] = Counter()
    for value, n in counted.items():
        if (number := int(value)) >= 0:
            days[number] += n
    return days


def _no_delays() -> list[Counter[int]]:
    return [Counter() for _ in DELAYS]


def median_days(counted: Counter[int]) -> float | None:
    """The median of values given as {value: how many times}: the middle one, or the mean of
    the middle two (as statistics.median); None when there are none."""
    total = counted.total()
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]  # positions in the values in order
    found: list[int] = []
    seen = 0
    for value in sorted(counted):
        seen += counted[value]
        while len(found) < 2 and seen > middle[len(found)]:
            found.append(value)
        if len(found) == 2:
            break
    low, high = found
    return low if low == high else (low + high) / 2


def _group_keys(uow: UnitOfWork, by: str | None) -> Callable[[Sequence[Any]], str]:
    """The report's group of a row, from the (year, unit id[, case type]) SQL grouped it by."""
    if by is None:
        return lambda grouping: ""
    if by == "year":
        return lambda grouping: str(grouping[0])
    if by == "case_type":
        return lambda grouping: str(grouping[2])
    value_of: dict[int, Any] = dict(uow.session.execute(select(t.Unit.id, UNIT_GROUPS[by])).all())
    return lambda grouping: str(value_of.get(grouping[1]))


def _merge(parts: Any) -> dict[tuple[int, str], int]:
    merged: dict[tuple[int, str], int] = defaultdict(int)
    for part in parts:
        for key, n in part.items():
            merged[key] += n
    return dict(merged)


def years_with_cases(ctx: Context, actor: Principal) -> list[int]:
    """The registration years that have cases, newest first."""
    actor.require(Capability.READ_AGGREGATES)
    with ctx.uow() as uow:
        return list(
            uow.session.scalars(select(t.Case.year).distinct().order_by(t.Case.year.desc()))
        )
