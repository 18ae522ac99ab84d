"""Use case: import cases from a spreadsheet, batch by batch.

Every batch is one transaction: its cases, its rejected rows, the run's counts and one audit
entry commit together, so an import killed midway leaves whole batches behind, and running
the file again skips them (their rows are "unchanged") and completes the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import EditConflict, Forbidden
from tipwatch.services.ahead import made_ahead
from tipwatch.services.bulk import many_objects
from tipwatch.services.cases import check_unit_in_reach
from tipwatch.services.context import Context
from tipwatch.services.imports.batches import BatchWriter, ReadRow, unchanged
from tipwatch.services.imports.bundles import fingerprint_keys
from tipwatch.services.imports.cells import RowProblem
from tipwatch.services.imports.checking import (
    CheckedBatch,
    CheckedRow,
    RowReader,
    check_rows,
    short_hash,
)
from tipwatch.services.imports.mapping import ColumnPlan, ImportMapping, load_mapping, plan_columns
from tipwatch.services.imports.packing import check_rows_packed, unpacked
from tipwatch.services.imports.reading import Table, read_table
from tipwatch.services.imports.runs import Reject, end_run, run_summary, start_run
from tipwatch.services.imports.store import UnitBook, UnitRow, stored_cases
from tipwatch.services.imports.values import Cell, as_written, text_of
from tipwatch.services.schemas.imports import ImportSummary
from tipwatch.storage import tables as t
from tipwatch.storage.reporting_tables import ImportRun
from tipwatch.storage.uow import UnitOfWork

BATCH_SIZE = 1000
# From this many rows, batches are read and checked in two worker processes while this one
# writes (services.ahead); below it, starting them would cost more than it saves.
READ_AHEAD_FROM_ROWS = 4_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content: bytes


def import_cases(
    ctx: Context,
    actor: Principal,
    file: UploadedFile,
    mapping: UploadedFile | None = None,
    *,
    dry_run: bool = False,
    batch_size: int | None = None,
    on_batch: Progress | None = None,
) -> ImportSummary:
    """Import every row of a CSV or XLSX file; `on_batch(rows done, rows in all)` after each
    committed batch. A file that cannot be read raises InvalidInput before anything is
    recorded; refused rows are recorded with the run and do not stop it."""
    actor.require(Capability.CREATE_CASES)
    rules = load_mapping(mapping.content, mapping.name) if mapping else ImportMapping()
    table = read_table(file.content, file.name, rules)
    plan = plan_columns(table.header, rules)
    sha256 = hashlib.sha256(file.content).hexdigest()
    run_id = start_run(ctx, actor, file.name, sha256, rules.name, dry_run)
    importer = _Importer(ctx, actor, run_id, table, plan, rules, dry_run)
    total = len(table.rows)
    read_ahead = total >= READ_AHEAD_FROM_ROWS
    batches = _batches(table.rows, batch_size or BATCH_SIZE, read_ahead)
    try:
        with many_objects():
            jobs = [(importer.reader, rows) for rows in batches]
            checked_batches = (
                map(unpacked, made_ahead(check_rows_packed, jobs, workers=2))
                if read_ahead
                else map(check_rows, jobs)
            )
            done = 0
            for rows, checked in zip(batches, checked_batches, strict=True):
                importer.import_batch(rows, checked)
                done += len(rows)
                if on_batch is not None:
                    on_batch(done, total)
    except BaseException:
        with contextlib.suppress(Exception):  # the original error is the one to report
            end_run(ctx, run_id, "failed")
        raise
    end_run(ctx, run_id, "complete")
    with ctx.uow() as uow:
        run = uow.session.get(ImportRun, run_id)
        assert run is not None
        summary = run_summary(uow, run)
    return summary.model_copy(update={"ignored_columns": plan.ignored})


def _batches(
    rows: list[tuple[int, list[Cell]]], size: int, read_ahead: bool
) -> list[list[tuple[int, list[Cell]]]]:
    """The rows in batches of `size`. Read ahead, the first 2 x `size` rows come in quarter
    batches: this process checks them itself while the workers start (about a second), and
    with whole batches it would still be busy with one when the workers are up."""
    small = max(1, size // 4) if read_ahead else size
    starts = [*range(0, min(len(rows), 2 * size), small), *range(2 * size, len(rows), size)]
    return [rows[start:end] for start, end in pairwise([*starts, len(rows)])]


class _Importer:
    def __init__(
        self,
        ctx: Context,
        actor: Principal,
        run_id: int,
        table: Table,
        plan: ColumnPlan,
        rules: ImportMapping,
        dry_run: bool,
    ) -> None:
        self.ctx, self.actor = ctx, actor
        self.header = [text_of(cell) for cell in table.header]
        self.first_row_of: dict[str, int] = {}  # reference -> the row that named it first
        self.refused_units: dict[int, str | None] = {}
        self.writer = BatchWriter(ctx, actor, run_id, self.header, dry_run)
        with ctx.uow() as uow:
            stored = uow.session.scalars(
                select(t.Case.import_hash).where(t.Case.import_hash.is_not(None))
            )
            self.reader = RowReader(
                plan,
                rules,
                ctx.today().year,
                ctx.today(),
                ctx.catalogue,
                UnitBook(uow),
                fingerprint_keys(ctx.codec),
                ctx.engine.url.drivername,
                ctx.now(),
                frozenset(short_hash(h) for h in stored if h),
            )

    def import_batch(self, rows: Sequence[tuple[int, list[Cell]]], checked: CheckedBatch) -> None:
        """Write the batch; if another import or user stored one of its cases meanwhile (the
        same file imported twice at once), write it again as it now finds them."""
        try:
            self._write_batch(rows, checked)
        except IntegrityError:
            try:
                self._write_batch(rows, checked)
            except IntegrityError as again:
                raise EditConflict(
                    "cases of this file were being written by another import at the same "
                    "moment: run the import again (rows already imported are left unchanged)",
                    field="file",
                ) from again

    def _write_batch(self, rows: Sequence[tuple[int, list[Cell]]], checked: CheckedBatch) -> None:
        with self.ctx.uow() as uow:
            read, rejects = self._sorted(uow, rows, checked)
            stored = stored_cases(uow, (r.reference for r in read))
            thought = [r for r in read if r.checked.probably_stored]
            if not all(unchanged(r.checked, stored.get(r.reference)) for r in thought):
                # another user removed or changed a case since the import started: read the
                # batch again in full (rows that share the first 64 bits of a fingerprint too)
                checked = check_rows((replace(self.reader, stored=frozenset()), rows))
                read, rejects = self._sorted(uow, rows, checked)
            self.writer.write(uow, read, rejects, checked.people, stored)

    def _sorted(
        self, uow: UnitOfWork, rows: Sequence[tuple[int, list[Cell]]], checked: CheckedBatch
    ) -> tuple[list[ReadRow], list[Reject]]:
        read: list[ReadRow] = []
        rejects: list[Reject] = []
        for (number, cells), item in zip(rows, checked.rows, strict=True):
            assert number == item.number
            try:
                read.append(self._placed(uow, item, cells))
            except RowProblem as problem:
                values = [as_written(c) for c in cells]
                rejects.append(Reject(number, problem.field, problem.reason, values))
        return read, rejects

    def _placed(self, uow: UnitOfWork, item: CheckedRow, cells: list[Cell]) -> ReadRow:
        """The row, once its unit is known to be in the user's reach and its FIR is not one
        an earlier row of the file already gave."""
        if item.refused is not None:
            raise RowProblem(item.refused.field, item.refused.reason)
        assert item.unit is not None
        self._check_reach(uow, item.unit)
        first = self.first_row_of.setdefault(item.reference, item.number)
        if first != item.number:
            raise RowProblem(
                "fir_number", f"duplicate of row {first}: the same FIR {item.reference}"
            )
        return ReadRow(item, cells)

    def _check_reach(self, uow: UnitOfWork, unit: UnitRow) -> None:
        if unit.id not in self.refused_units:
            try:
                check_unit_in_reach(uow, self.actor, unit.id)
                self.refused_units[unit.id] = None
            except Forbidden:
                self.refused_units[unit.id] = f"unit {unit.code} is outside your reach"
        if (reason := self.refused_units[unit.id]) is not None:
            raise RowProblem("unit_code", reason)
