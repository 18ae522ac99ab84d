"""A checked batch (`checking.CheckedBatch`) as bytes, to cross from a worker to the writer.

A batch of 1,000 rows is about 120,000 values. Pickled as the dataclasses it is made of, the
writer spent 90 µs a row unpickling it, a third of its own work, and the writer is the one
process an import cannot share between cores. As plain tuples in `marshal`, the interpreter's
own format for builtins, it reads back in well under half the time. Rows made for a driver
that takes objects marshal cannot hold (dates for PostgreSQL) are pickled instead.
"""

from __future__ import annotations

import marshal
import pickle
from collections.abc import Sequence
from typing import Any

from tipwatch.services.bulk_rows import CaseRows, PeopleRows
from tipwatch.services.imports.checking import (
    CheckedBatch,
    CheckedRow,
    Refusal,
    RowReader,
    check_rows,
)
from tipwatch.services.imports.store import UnitRow
from tipwatch.services.imports.values import Cell

_MARSHAL, _PICKLE = b"M", b"P"


def packed(batch: CheckedBatch) -> bytes:
    p = batch.people
    value = (
        [_row_tuple(row) for row in batch.rows],
        (p.created_at, p.facts, p.records, p.found_by),
    )
    try:
        return _MARSHAL + marshal.dumps(value)
    except ValueError:  # a value marshal cannot hold
        return _PICKLE + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(data: bytes) -> CheckedBatch:
    """The batch `packed` made: only ever bytes this process's own workers sent."""
    body = memoryview(data)[1:]
    rows, people = marshal.loads(body) if data[:1] == _MARSHAL else pickle.loads(body)
    return CheckedBatch([_row(*row) for row in rows], PeopleRows(*people))


def _row_tuple(row: CheckedRow) -> tuple[Any, ...]:
    rows = row.rows
    return (
        row.number,
        None if row.refused is None else (row.refused.field, row.refused.reason),
        None if row.unit is None else (row.unit.id, row.unit.code, row.unit.district),
        row.reference,
        row.fingerprints,
        None
        if rows is None
        else (rows.case, rows.forms, rows.parties, rows.charges, rows.events, rows.legs),
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
        None if rows is None else CaseRows(*rows),
        None if broken_rule is None else Refusal(*broken_rule),
        probably_stored,
    )


def check_rows_packed(job: tuple[RowReader, Sequence[tuple[int, list[Cell]]]]) -> bytes:
    """`checking.check_rows`, packed: what a worker process runs."""
    return packed(check_rows(job))
