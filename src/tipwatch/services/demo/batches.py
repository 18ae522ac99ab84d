"""Writing a year's cases through the bulk path: for each batch (`yearly.RowBatch`), one
`write_rows` call, one transaction and one audit entry (ids only)."""

from __future__ import annotations

from tipwatch.domain.access import SYSTEM
from tipwatch.services.audit_trail import audit
from tipwatch.services.bulk_rows import write_rows
from tipwatch.services.context import Context
from tipwatch.services.demo.yearly import RowBatch


def id_ranges(ids: list[int]) -> list[list[int]]:
    """[[first, last], ...] runs of consecutive ids: the audit entry names every case, briefly."""
    runs: list[list[int]] = []
    for case_id in sorted(ids):
        if runs and runs[-1][1] == case_id - 1:
            runs[-1][1] = case_id
        else:
            runs.append([case_id, case_id])
    return runs


def write_cases(ctx: Context, batches: list[RowBatch], seed: int) -> int:
    """Write the batches, each in its own transaction; returns how many cases were written."""
    written = 0
    for batch in batches:
        with ctx.uow() as uow:
            ids = write_rows(uow, batch.people, batch.cases)
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
