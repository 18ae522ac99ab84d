"""`build_demo`: the whole synthetic national dataset, through the same services as real data.

Units, recurring people and organisations, users and the share go through their use cases
(`add_unit`, `add_person`, `add_organisation`, `add_user`, `share_case`); every case through
`bulk.prepare` (the API's rules) and `bulk_rows` (made into rows, then written). So personal
data is encrypted, the blind index is filled and the audit log records the build. The same seed
gives the same data.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tipwatch.domain.access import SYSTEM
from tipwatch.domain.vocabulary import UnitKind
from tipwatch.services.ahead import made_ahead
from tipwatch.services.audit_trail import audit
from tipwatch.services.bulk import many_objects
from tipwatch.services.context import Context
from tipwatch.services.demo.batches import write_cases
from tipwatch.services.demo.names import Community, IdentityAllocator
from tipwatch.services.demo.people import PeopleMaker, Someone
from tipwatch.services.demo.pools import build_pools
from tipwatch.services.demo.report import DemoCounts, count_demo
from tipwatch.services.demo.reset import DEMO_BUILD_ACTION, make_room
from tipwatch.services.demo.unit_tree import UnitDirectory, build_unit_tree
from tipwatch.services.demo.users import (
    DEMO_PASSWORD,
    DEMO_USERS,
    INVESTIGATOR_UNIT,
    DemoUser,
    add_demo_users,
)
from tipwatch.services.demo.volumes import Scale, year_plans
from tipwatch.services.demo.yearly import Insider, YearJob, unpacked_year, year_rows_packed
from tipwatch.services.sharing import ShareCreate, share_case
from tipwatch.storage import tables as t

LAST_DAY = date(2025, 12, 31)
INSIDER_YEAR = 2024  # the year of the case the demo investigator is implicated in
Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoOptions:
    seed: int = 2025
    scale: Scale = Scale.NATIONAL
    replace: bool = False


@dataclass(frozen=True)
class DemoReport:
    options: DemoOptions
    last_day: date
    counts: DemoCounts
    users: tuple[DemoUser, ...]
    unit_names: dict[str, str]
    seconds: float
    password: str = DEMO_PASSWORD


def build_demo(ctx: Context, options: DemoOptions, progress: Progress | None = None) -> DemoReport:
    """Build the demo into an empty database (or, with `replace`, an earlier demo's)."""
    with many_objects():
        return _build(ctx, options, progress)


def _build(ctx: Context, options: DemoOptions, progress: Progress | None) -> DemoReport:
    started = time.perf_counter()
    say = progress or (lambda message: None)
    make_room(ctx, options.replace)
    last_day = min(LAST_DAY, ctx.today())
    rng = random.Random(f"tipwatch-demo:{options.seed}")
    units = build_unit_tree(ctx)
    cast_maker = PeopleMaker(IdentityAllocator.block(0))
    divisor = 10 if options.scale is Scale.SMALL else 1
    recurring = build_pools(ctx, rng, cast_maker, divisor)
    insider_id = cast_maker.stored(ctx, rng, Someone(True, 41, Community.PUNJABI))
    say(f"{len(units.ids)} units and the recurring cast stored")
    plans = year_plans(options.scale, last_day.year)
    insider_year = min(INSIDER_YEAR, plans[-1].year)
    insider = Insider(
        insider_id, insider_year, INVESTIGATOR_UNIT, "Sub-Inspector", "FIA AHTC Gujranwala"
    )
    dialect, now = ctx.engine.url.drivername, ctx.now()
    jobs = [
        YearJob(
            plan,
            options.seed,
            last_day,
            ctx.today(),
            ctx.catalogue,
            units,
            recurring,
            dialect,
            now,
            insider,
        )
        for plan in plans
    ]
    # Two workers: with one, the writer waited 3 to 4 s for each of the later, larger years.
    years = map(unpacked_year, made_ahead(year_rows_packed, jobs, workers=2))
    for plan, batches in zip(plans, years, strict=True):
        written = write_cases(ctx, batches, options.seed)
        del batches
        say(f"{plan.year}: {written:,} cases ({time.perf_counter() - started:.0f} s)")
    _share_a_transferred_case(ctx, units)
    add_demo_users(ctx, units, insider_id)
    counts = count_demo(ctx)
    with ctx.uow() as uow:
        details = {
            "seed": options.seed,
            "scale": options.scale.value,
            "cases": sum(counts.cases_by_year.values()),
        }
        audit(uow, ctx, SYSTEM, DEMO_BUILD_ACTION, None, None, details=details)
        uow.commit()
    names = _unit_names(ctx, [u.unit_code for u in DEMO_USERS if u.unit_code])
    return DemoReport(options, last_day, counts, DEMO_USERS, names, time.perf_counter() - started)


def _share_a_transferred_case(ctx: Context, units: UnitDirectory) -> None:
    """A police case transferred to the FIA is shared with the FIA circle that took it over."""
    query = (
        select(t.Case.id)
        .join(t.Unit, t.Unit.id == t.Case.unit_id)
        .where(t.Case.final_state == "transferred", t.Unit.kind == UnitKind.POLICE_STATION)
        .order_by((t.Unit.district == "Gujranwala").desc(), t.Case.id)
        .limit(1)
    )
    with ctx.engine.connect() as connection:
        case_id = connection.scalar(query)
    if case_id is not None:
        reason = "Transferred to the FIA: the victims were taken abroad (demo share)"
        share_case(
            ctx, SYSTEM, case_id, ShareCreate(unit_id=units.ids[INVESTIGATOR_UNIT], reason=reason)
        )


def _unit_names(ctx: Context, codes: list[str]) -> dict[str, str]:
    with ctx.engine.connect() as connection:
        query = select(t.Unit.code, t.Unit.name).where(t.Unit.code.in_(codes))
        return dict(connection.execute(query).all())
