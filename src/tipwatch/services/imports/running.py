"""Use case: import cases from a spreadsheet, batch by batch.

Every batch is one transaction: its cases, its rejected rows, the run's counts and one audit
entry commit together, so an import killed midway leaves whole batches behind, and running
the file again skips them (their rows are "unchanged") and completes the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import Forbidden
from tipwatch.services.bulk import many_objects
from tipwatch.services.cases import check_unit_in_reach
from tipwatch.services.context import Context
from tipwatch.services.imports.batches import BatchWriter, ReadRow
from tipwatch.services.imports.cells import RowCells, RowProblem
from tipwatch.services.imports.mapping import ColumnPlan, ImportMapping, load_mapping, plan_columns
from tipwatch.services.imports.reading import Table, read_table
from tipwatch.services.imports.rows import read_row
from tipwatch.services.imports.runs import Reject, end_run, run_summary, start_run
from tipwatch.services.imports.store import UnitBook, UnitRow
from tipwatch.services.imports.values import Cell, text_of
from tipwatch.services.schemas.imports import ImportSummary
from tipwatch.storage.reporting_tables import ImportRun
from tipwatch.storage.uow import UnitOfWork

BATCH_SIZE = 500
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
    batch_size: int = BATCH_SIZE,
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
    try:
        with many_objects():
            for start in range(0, total, batch_size):
                importer.import_batch(table.rows[start : start + batch_size])
                if on_batch is not None:
                    on_batch(min(start + batch_size, total), total)
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
        self.ctx, self.actor, self.plan, self.rules = ctx, actor, plan, rules
        self.this_year = ctx.today().year
        self.header = [text_of(cell) for cell in table.header]
        self.first_row_of: dict[str, int] = {}  # reference -> the row that named it first
        self.refused_units: dict[int, str | None] = {}
        self.writer = BatchWriter(ctx, actor, run_id, self.header, dry_run)
        with ctx.uow() as uow:
            self.units = UnitBook(uow)

    def import_batch(self, rows: Sequence[tuple[int, list[Cell]]]) -> None:
        with self.ctx.uow() as uow:
            read: list[ReadRow] = []
            rejects: list[Reject] = []
            for number, cells in rows:
                try:
                    read.append(self._read(uow, number, cells))
                except RowProblem as problem:
                    values = [text_of(c) for c in cells]
                    rejects.append(Reject(number, problem.field, problem.reason, values))
            self.writer.write(uow, read, rejects)

    def _read(self, uow: UnitOfWork, number: int, cells: list[Cell]) -> ReadRow:
        row = read_row(RowCells(cells, self.plan, self.rules, self.this_year), self.ctx.catalogue)
        unit = self.units.find(row.unit_code, row.police_station, row.district)
        self._check_reach(uow, unit)
        reference = f"{unit.code}/{row.year}/{row.number}"
        first = self.first_row_of.setdefault(reference, number)
        if first != number:
            raise RowProblem("fir_number", f"duplicate of row {first}: the same FIR {reference}")
        return ReadRow(number, [text_of(c) for c in cells], row, unit, reference)

    def _check_reach(self, uow: UnitOfWork, unit: UnitRow) -> None:
        if unit.id not in self.refused_units:
            try:
                check_unit_in_reach(uow, self.actor, unit.id)
                self.refused_units[unit.id] = None
            except Forbidden:
                self.refused_units[unit.id] = f"unit {unit.code} is outside your reach"
        if (reason := self.refused_units[unit.id]) is not None:
            raise RowProblem("unit_code", reason)
