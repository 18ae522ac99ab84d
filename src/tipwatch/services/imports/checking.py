"""A batch of rows read and checked without the database, so it can be done in a worker
process (services.ahead) while the batch before is written.

Each row is read (`rows.read_row`), placed in its unit, turned into a case checked by the
domain rules (`bulk.prepare`) and made into rows for the database (`bulk_rows.RowMaker`,
values converted for the driver). What needs the database, the user or a key (the unit being
in the user's reach, a case already stored, accused already on record, sealing personal data)
is left to the batch writer. Accused who share a CNIC within the batch share one new person,
as `bundles.PeopleLinks` makes them; the writer links them to a person on record where there
is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from tipwatch.domain.errors import RuleViolation, TipwatchError
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.services.bulk import PreparedCase, prepare
from tipwatch.services.bulk_rows import CaseRows, PeopleRows, RowMaker
from tipwatch.services.imports.bundles import PeopleLinks, build_bundle, fingerprint, row_content
from tipwatch.services.imports.cells import RowCells, RowProblem
from tipwatch.services.imports.mapping import ColumnPlan, ImportMapping
from tipwatch.services.imports.rows import read_row
from tipwatch.services.imports.store import UnitBook, UnitRow
from tipwatch.services.imports.values import Cell
from tipwatch.storage.database import dialect_named

# The column whose date an event of each kind comes from, to name it when a rule refuses one.
COLUMN_OF_EVENT = {
    "complaint": "reported_on",
    "investigation_started": "investigation_date",
    "arrest": "arrest_date",
    "interim_challan": "interim_challan_date",
    "final_challan": "challan_date",
    "charge_framed": "charge_date",
    "conviction": "verdict_date",
    "acquittal": "verdict_date",
    "sentence": "sentence_date",
    "compromise": "closure_date",
    "fir_cancelled": "closure_date",
    "untraced": "closure_date",
}
COLUMN_OF_FIELD = {
    "provision": "sections",
    "details.imprisonment_months": "sentence_months",
    "details.fine_rupees": "fine_rupees",
    "details.court": "court",
}


@dataclass(frozen=True)
class RowReader:
    """Everything reading a row needs, none of it the database: sent to the worker."""

    plan: ColumnPlan
    rules: ImportMapping
    this_year: int
    today: date
    catalogue: LegalCatalogue
    units: UnitBook
    fingerprint_keys: list[bytes]  # keys derived for fingerprints only (bundles.py)
    dialect: str  # the database's driver name, such as "sqlite" or "postgresql+psycopg"
    now: datetime  # when the import started: the rows' creation time
    stored: frozenset[int] = frozenset()  # `short_hash` of every case an import stored


def short_hash(fingerprint: str) -> int:
    """The first 64 bits of a fingerprint: enough to tell a row probably stored already,
    small enough to send every stored one to the workers."""
    return int(fingerprint[:16], 16)


@dataclass(frozen=True)
class Refusal:
    field: str | None
    reason: str


@dataclass
class CheckedRow:
    """A row read: refused while reading (`refused`), or placed in its unit with the
    fingerprints of its content (one per key, the primary key's first) and either its case's
    rows or the rule that refuses it."""

    number: int
    refused: Refusal | None = None
    unit: UnitRow | None = None
    reference: str = ""
    fingerprints: tuple[str, ...] = ()
    rows: CaseRows | None = None
    broken_rule: Refusal | None = None
    probably_stored: bool = False  # its content is probably stored: not checked further


@dataclass
class CheckedBatch:
    """A batch read and checked, with the new people its cases name."""

    rows: list[CheckedRow]
    people: PeopleRows


def column_of(error: TipwatchError) -> str | None:
    """The spreadsheet column to blame for a domain error about a case made from a row."""
    if isinstance(error, RuleViolation) and error.record and error.record.startswith("new "):
        return COLUMN_OF_EVENT.get(error.record.split()[1], "status")
    if error.field is None:
        return None
    return COLUMN_OF_FIELD.get(error.field, error.field)


@lru_cache(maxsize=2)
def _row_maker(dialect: str, now: datetime) -> RowMaker:
    """One for every batch of an import a process checks: its converters remember the dates
    they have converted, and a register repeats its dates from batch to batch."""
    return RowMaker(dialect_named(dialect), now)


def check_rows(job: tuple[RowReader, Sequence[tuple[int, list[Cell]]]]) -> CheckedBatch:
    """Read and check one batch of (row number, cells) and make its cases' rows."""
    reader, rows = job
    links = PeopleLinks({})
    checked: list[CheckedRow] = []
    cases: list[tuple[CheckedRow, PreparedCase]] = []
    for number, cells in rows:
        try:
            if len(cells) > reader.plan.width:
                raise RowProblem(
                    None,
                    f"the row has {len(cells)} cells but the header {reader.plan.width}: a value "
                    "holds an unquoted comma, or a column has no header",
                )
            cells_read = RowCells(cells, reader.plan, reader.rules, reader.this_year)
            row = read_row(cells_read, reader.catalogue)
            unit = reader.units.find(row.unit_code, row.police_station, row.district)
        except RowProblem as problem:
            checked.append(CheckedRow(number, Refusal(problem.field, problem.reason)))
            continue
        content = row_content(row, unit.id)
        fingerprints = tuple(fingerprint(key, content) for key in reader.fingerprint_keys)
        item = CheckedRow(
            number,
            unit=unit,
            reference=f"{unit.code}/{row.year}/{row.number}",
            fingerprints=fingerprints,
        )
        if reader.stored and any(short_hash(f) in reader.stored for f in fingerprints):
            item.probably_stored = True  # the writer finds it unchanged, or asks again
            checked.append(item)
            continue
        try:
            bundle = build_bundle(row, unit.id, unit.code, fingerprints[0], links)
            cases.append((item, prepare(bundle, reader.catalogue, reader.today)))
        except RowProblem as problem:
            item.broken_rule = Refusal(problem.field, problem.reason)
        except TipwatchError as error:
            item.broken_rule = Refusal(column_of(error), error.message)
        checked.append(item)
    people, made = _row_maker(reader.dialect, reader.now).rows([prepared for _, prepared in cases])
    for (item, _), case_rows in zip(cases, made, strict=True):
        item.rows = case_rows
    return CheckedBatch(checked, people)
