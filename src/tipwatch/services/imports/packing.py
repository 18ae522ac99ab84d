"""A checked batch (`checking.CheckedBatch`) as bytes, to cross from a worker to the writer
(services.packing: plain tuples in `marshal`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tipwatch.services import packing
from tipwatch.services.imports.checking import (
    CheckedBatch,
    CheckedRow,
    Refusal,
    RowReader,
    check_rows,
)
from tipwatch.services.imports.store import UnitRow
from tipwatch.services.imports.values import Cell


def packed(batch: CheckedBatch) -> bytes:
    value = ([_row_tuple(row) for row in batch.rows], packing.people_tuple(batch.people))
    return packing.packed(value)


def unpacked(data: bytes) -> CheckedBatch:
    """The batch `packed` made: only ever bytes this process's own workers sent."""
    rows, people = packing.unpacked(data)
    return CheckedBatch([_row(*row) for row in rows], packing.people_rows(people))


def _row_tuple(row: CheckedRow) -> tuple[Any, ...]:
    rows = row.rows
    return (
        row.number,
        None if row.refused is None else (row.refused.field, row.refused.reason),
        None if row.unit is None else (row.unit.id, row.unit.code, row.unit.district),
        row.reference,
        row.fingerprints,
        None if rows is None else packing.case_tuple(rows),
        None if row.broken_rule is None else (row.broken_rule.field, row.broken_rule.reason),
        row.probably_stored,
    )


def _row(
    number: int,
    refused: tuple[str | None, str] | None,
    unit: tuple[int, str, str | None] | None,
    reference: str,
    fingerprints: tuple[str, ...],
    rows: tuple[Any, ...] | None,
    broken_rule: tuple[str | None, str] | None,
    probably_stored: bool,
) -> CheckedRow:
    return CheckedRow(
        number,
        None if refused is None else Refusal(*refused),
        None if unit is None else UnitRow(*unit),
        reference,
        fingerprints,
        None if rows is None else packing.case_rows(rows),
        None if broken_rule is None else Refusal(*broken_rule),
        probably_stored,
    )


def check_rows_packed(job: tuple[RowReader, Sequence[tuple[int, list[Cell]]]]) -> bytes:
    """`checking.check_rows`, packed: what a worker process runs."""
    return packed(check_rows(job))
