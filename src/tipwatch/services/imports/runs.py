"""Import runs and their rejected rows: recorded batch by batch, read back, downloaded as CSV.

A rejected row's values may hold personal data: they are stored encrypted and decrypted only
for the download, which the audit log records. A run is open to the user who made it (and to
the server's operator, who runs the `tipwatch` command).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import NotFound
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.schemas.imports import REJECTS_SHOWN, ImportSummary, RejectOut
from tipwatch.storage.reporting_tables import ImportReject, ImportRun
from tipwatch.storage.uow import UnitOfWork

REJECT_PURPOSE = "imports.rejected_row"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Reject:
    row: int
    field: str | None
    reason: str
    values: list[str]  # the row's cells as text, lined up with the file's header


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected


def start_run(
    ctx: Context, actor: Principal, file_name: str, sha256: str, mapping: str | None, dry: bool
) -> int:
    with ctx.uow() as uow:
        run = ImportRun(file_name=file_name[:255], file_sha256=sha256,
                        mapping=mapping[:255] if mapping else None, dry_run=dry,
                        status="running", user_id=actor.user_id, started_at=ctx.now())  # fmt: skip
        uow.session.add(run)
        uow.flush()
        uow.commit()
        return run.id


def record_batch(
    uow: UnitOfWork, run_id: int, counts: Counts, rejects: list[Reject], header: list[str]
) -> None:
    """Add a batch's counts and rejects to its run, in the batch's own transaction."""
    if rejects:
        uow.session.execute(
            insert(ImportReject),
            [
                {
                    "run_id": run_id,
                    "row_number": r.row,
                    "field": r.field,
                    "reason": r.reason,
                    "row_values": uow.codec.encrypt_bytes(
                        json.dumps({"columns": header, "values": r.values}).encode(),
                        REJECT_PURPOSE,
                    ),
                }
                for r in rejects
            ],
        )
    column = ImportRun.__table__.c
    uow.session.execute(
        update(ImportRun)
        .where(ImportRun.id == run_id)
        .values(
            rows_read=column.rows_read + counts.rows,
            created=column.created + counts.created,
            updated=column.updated + counts.updated,
            unchanged=column.unchanged + counts.unchanged,
            rejected=column.rejected + counts.rejected,
        )
    )


def end_run(ctx: Context, run_id: int, status: str) -> None:
    with ctx.uow() as uow:
        uow.session.execute(
            update(ImportRun)
            .where(ImportRun.id == run_id)
            .values(status=status, finished_at=ctx.now())
        )
        uow.commit()


def _open_run(uow: UnitOfWork, actor: Principal, run_id: int) -> ImportRun:
    actor.require(Capability.CREATE_CASES)
    run = uow.session.get(ImportRun, run_id)
    # another user's run is answered as one that does not exist: a run's number says nothing
    if run is None or (actor.user_id is not None and run.user_id != actor.user_id):
        raise NotFound(f"import run {run_id} does not exist", record=f"import run {run_id}")
    return run


def run_summary(uow: UnitOfWork, run: ImportRun) -> ImportSummary:
    rejects = uow.session.execute(
        select(ImportReject.row_number, ImportReject.field, ImportReject.reason)
        .where(ImportReject.run_id == run.id)
        .order_by(ImportReject.row_number, ImportReject.id)
        .limit(REJECTS_SHOWN)
    )
    return ImportSummary(
        run_id=run.id,
        **{k: getattr(run, k) for k in ("file_name", "mapping", "dry_run", "status")},
        **{k: getattr(run, k) for k in ("rows_read", "created", "updated", "unchanged")},
        rejected=run.rejected,
        started_at=run.started_at,
        finished_at=run.finished_at,
        rejects=[RejectOut(row=r.row_number, field=r.field, reason=r.reason) for r in rejects],
    )


def get_run(ctx: Context, actor: Principal, run_id: int) -> ImportSummary:
    """A run's counts and its first refused rows (numbers, columns and reasons only)."""
    with ctx.uow() as uow:
        return run_summary(uow, _open_run(uow, actor, run_id))


def _safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula when the CSV is opened."""
    return "'" + cell if cell.startswith(_FORMULA_START) and cell.strip() != "-" else cell


def rejected_rows_csv(ctx: Context, actor: Principal, run_id: int) -> str:
    """The refused rows with their original columns, then row, field and reason: fix them and
    import the file again (the three added columns are ignored)."""
    with ctx.uow() as uow:
        _open_run(uow, actor, run_id)
        rows = uow.session.execute(
            select(ImportReject)
            .where(ImportReject.run_id == run_id)
            .order_by(ImportReject.row_number, ImportReject.id)
        ).scalars()
        found = [
            (reject, json.loads(uow.codec.decrypt_bytes(reject.row_values, REJECT_PURPOSE)))
            for reject in rows
        ]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        count = len(found)
        if found:
            columns = found[0][1]["columns"]
            # a row refused for holding more cells than the header keeps them all: the header
            # gets as many columns, so row, field and reason stay lined up
            width = max(len(columns), *(len(stored["values"]) for _, stored in found))
            extra = ["(extra cell)"] * (width - len(columns))
            writer.writerow([*map(_safe, columns), *extra, "row", "field", "reason"])
            for reject, stored in found:
                values = [*map(_safe, stored["values"])]
                writer.writerow([*values, *[""] * (width - len(values)), reject.row_number,
                                 reject.field or "", reject.reason])  # fmt: skip
        else:
            writer.writerow(["row", "field", "reason"])
        audit(uow, ctx, actor, "import.rejects_read", "import_run", run_id,
              details={"rows": count})  # fmt: skip
        uow.commit()
        return out.getvalue()
