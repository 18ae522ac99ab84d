"""What a demo build made, counted with plain SQL on the funnel columns, and a digest of the
case table so two builds can be compared."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tipwatch.domain.funnel import FunnelStage
from tipwatch.services.context import Context
from tipwatch.storage import tables as t

SEED_YEAR = 2023


@dataclass
class DemoCounts:
    cases_by_year: dict[int, int] = field(default_factory=dict)
    investigated_by_year: dict[int, int] = field(default_factory=dict)
    convicted_by_year: dict[int, int] = field(default_factory=dict)
    final_states: dict[str, int] = field(default_factory=dict)

    @property
    def investigated_2023(self) -> int:
        return self.investigated_by_year.get(SEED_YEAR, 0)

    @property
    def convicted_2023(self) -> int:
        return self.convicted_by_year.get(SEED_YEAR, 0)


def _by_year(ctx: Context, least_stage: FunnelStage) -> dict[int, int]:
    query = (
        select(t.Case.year, func.count())
        .where(t.Case.funnel_stage >= int(least_stage))
        .group_by(t.Case.year)
        .order_by(t.Case.year)
    )
    with ctx.engine.connect() as connection:
        return dict(connection.execute(query).all())


def count_demo(ctx: Context) -> DemoCounts:
    """Cases per year; investigated = funnel stage 2 or more, convicted = 6 or more."""
    states = select(t.Case.final_state, func.count()).group_by(t.Case.final_state)
    with ctx.engine.connect() as connection:
        final_states = dict(connection.execute(states).all())
    return DemoCounts(
        _by_year(ctx, FunnelStage.REPORTED),
        _by_year(ctx, FunnelStage.UNDER_INVESTIGATION),
        _by_year(ctx, FunnelStage.CONVICTED),
        dict(sorted(final_states.items())),
    )


_SKIPPED = {"id", "unit_id", "prosecution_office_id", "created_at", "updated_at"}


def case_table_digest(ctx: Context) -> str:
    """SHA-256 of every case row in reference order: each column but the ids (given as unit
    codes instead) and the timestamps of the load itself."""
    office = aliased(t.Unit)
    columns = [c for c in t.Case.__table__.columns if c.name not in _SKIPPED]
    query = (
        select(*columns, t.Unit.code, office.code)
        .join(t.Unit, t.Unit.id == t.Case.unit_id)
        .outerjoin(office, office.id == t.Case.prosecution_office_id)
        .order_by(t.Case.reference)
    )
    digest = hashlib.sha256()
    with ctx.engine.connect() as connection:
        for row in connection.execute(query):
            digest.update(json.dumps(list(row), default=str).encode())
            digest.update(b"\n")
    return digest.hexdigest()
