"""Writing prepared cases through the bulk path: one `write_prepared` call, one transaction
and one audit entry (ids only) per batch of 2,000 cases."""

from __future__ import annotations

from collections.abc import Iterator

from tipwatch.domain.access import SYSTEM
from tipwatch.services.audit_trail import audit
from tipwatch.services.bulk import PreparedCase
from tipwatch.services.bulk_rows import write_prepared
from tipwatch.services.context import Context

BATCH_SIZE = 2_000


def id_ranges(ids: list[int]) -> list[list[int]]:
    """[[first, last], ...] runs of consecutive ids: the audit entry names every case, briefly."""
    runs: list[list[int]] = []
    for case_id in sorted(ids):
        if runs and runs[-1][1] == case_id - 1:
            runs[-1][1] = case_id
        else:
            runs.append([case_id, case_id])
    return runs


def _chunks(items: list[PreparedCase], size: int) -> Iterator[list[PreparedCase]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_cases(ctx: Context, prepared: list[PreparedCase], seed: int) -> int:
    """Write the cases in batches; returns how many were written."""
    written = 0
    for batch in _chunks(prepared, BATCH_SIZE):
        with ctx.uow() as uow:
            ids = write_prepared(uow, batch, ctx.now())
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
