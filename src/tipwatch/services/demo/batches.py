"""A year of cases, made in a reproducible order and written in batches through the bulk path.

Each batch of cases is one transaction with one audit entry (ids only). Within a batch the cases
go to `write_prepared` in chunks: on SQLite its ordered inserts run one row at a time and
collect their results at a cost that grows with the square of the chunk, so small chunks are
far faster there.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

from tipwatch.domain.access import SYSTEM
from tipwatch.services.audit_trail import audit
from tipwatch.services.bulk import CaseBundle, PartyRecord, prepare, write_prepared
from tipwatch.services.context import Context
from tipwatch.services.demo.cases import CaseFactory
from tipwatch.services.demo.volumes import YearPlan
from tipwatch.storage.database import is_sqlite

BATCH_SIZE = 2_000
SQLITE_CHUNK = 100
POSTGRES_CHUNK = 1_000


def year_bundles(factory: CaseFactory, plan: YearPlan, seed: int) -> list[CaseBundle]:
    """Every case of the year in date order, numbered per unit as FIRs are (1, 2, 3...)."""
    rng = random.Random(f"tipwatch-demo:{seed}:{plan.year}")
    endings = [ending for ending, n in plan.endings.items() for _ in range(n)]
    rng.shuffle(endings)
    by_fia = [n < plan.fia_cases for n in range(len(endings))]
    rng.shuffle(by_fia)
    bundles = [factory.make(rng, plan.year, e, fia) for e, fia in zip(endings, by_fia, strict=True)]
    bundles.sort(key=lambda b: b.reported_on)
    numbers: Counter[str] = Counter()
    for bundle in bundles:
        numbers[bundle.unit_code] += 1
        bundle.number = str(numbers[bundle.unit_code])
    return bundles


def implicate(
    bundles: list[CaseBundle], unit_code: str, person_id: int, rank: str, agency: str
) -> CaseBundle | None:
    """Name a stored person as the implicated official of the unit's first case."""
    bundle = next((b for b in bundles if b.unit_code == unit_code), None)
    if bundle is not None:
        key = f"p{len(bundle.parties) + 1}"
        role = "implicated_official"
        bundle.parties.append(PartyRecord(key, role, person_id, rank=rank, agency=agency))
    return bundle


def id_ranges(ids: list[int]) -> list[list[int]]:
    """[[first, last], ...] runs of consecutive ids: the audit entry names every case, briefly."""
    runs: list[list[int]] = []
    for case_id in sorted(ids):
        if runs and runs[-1][1] == case_id - 1:
            runs[-1][1] = case_id
        else:
            runs.append([case_id, case_id])
    return runs


def _chunks(items: list[CaseBundle], size: int) -> Iterator[list[CaseBundle]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_cases(ctx: Context, bundles: list[CaseBundle], seed: int) -> int:
    """Check every bundle by the API's rules, then write them; returns how many were written."""
    today = ctx.today()
    chunk = SQLITE_CHUNK if is_sqlite(ctx.engine) else POSTGRES_CHUNK
    written = 0
    for batch in _chunks(bundles, BATCH_SIZE):
        prepared = [prepare(bundle, ctx.catalogue, today) for bundle in batch]
        now = ctx.now()
        with ctx.uow() as uow:
            ids: list[int] = []
            for start in range(0, len(prepared), chunk):
                ids += write_prepared(uow, prepared[start : start + chunk], now)
            details = {
                "source": "demo",
                "seed": seed,
                "cases": len(ids),
                "case_ids": id_ranges(ids),
            }
            audit(uow, ctx, SYSTEM, "case.bulk_create", "case", None, details=details)
            uow.commit()
        written += len(ids)
    return written
