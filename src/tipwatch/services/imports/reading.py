"""Reading a spreadsheet (CSV or XLSX) into rows numbered as the user sees them.

A row's number is its row in the spreadsheet: with the header in row 1, the first case is row 2.
Title rows above the header are skipped (the header is the row of the first 20 that names the
most known columns, or the mapping's `header_row`); blank rows are skipped and not counted. A
CSV file's separator is the one that makes such a header. A row with more cells than the header
is kept whole, for the import to refuse (a value with an unquoted comma would shift the rest).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from itertools import islice

from tipwatch.domain.errors import InvalidInput
from tipwatch.services.imports.mapping import ImportMapping, recognised
from tipwatch.services.imports.values import Cell

MAX_ROWS = 200_000
MAX_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # an XLSX file's parts, unpacked
MAX_CELLS_IN_A_ROW = 2_000
MAX_SEPARATORS_IN_A_LINE = 100_000  # a line can hold a quoted narrative full of commas
MAX_CELLS = 20_000_000  # 200,000 rows of 100 columns
MAX_LINES = 2_000_000
_HEADER_SEARCH = 20
_URDU_RUN = re.compile(rb"[\xc0-\xff]{3}")
# A cell may be as large as a file (the csv module's own limit, 128 KiB, refused a whole file
# for one long cell): a cell over its column's limit refuses its row, naming it.
csv.field_size_limit(MAX_BYTES)


@dataclass(frozen=True)
class Table:
    header: list[Cell]
    header_row: int
    rows: list[tuple[int, list[Cell]]]  # (row number, cells lined up with the header)


def _bad(message: str) -> InvalidInput:
    return InvalidInput(message, field="file")


def read_table(content: bytes, name: str, mapping: ImportMapping) -> Table:
    """The header and data rows of a CSV or XLSX file; InvalidInput if it cannot be read."""
    if len(content) > MAX_BYTES:
        raise _bad(f"{name} is over {MAX_BYTES // 2**20} MB: split it into several files")
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _bad(
            f"{name} is an old Excel (.xls) file or one with a password: save it as .xlsx "
            "without a password, or as .csv"
        )
    if name.lower().endswith(".ods"):
        raise _bad(f"{name} is an OpenDocument spreadsheet: save it as .xlsx or .csv")
    if content.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(content, name, mapping.sheet)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise _bad(f"{name} is not a readable Excel file")
    else:
        rows = _csv_rows(content, name, mapping)
    return _table(rows, name, mapping)


def _table(rows: list[list[Cell]], name: str, mapping: ImportMapping) -> Table:
    if mapping.header_row is not None:
        at = mapping.header_row - 1
        if at >= len(rows):
            raise _bad(f"{name} has no row {mapping.header_row} to read the header from")
    else:
        filled = [i for i, r in enumerate(rows) if any(_filled(c) for c in r)]
        if not filled:
            raise _bad(f"{name} is empty")
        count, at = _header_at(rows, mapping)
        at = at if count >= 2 else filled[0]
    header = rows[at]
    width = len(header)
    data = [
        (number, _lined_up(cells, width))
        for number, cells in enumerate(rows[at + 1 :], start=at + 2)
        if any(_filled(c) for c in cells)
    ]
    if len(data) > MAX_ROWS:
        raise _bad(f"{name} has {len(data)} rows; at most {MAX_ROWS} are read: split the file")
    return Table(header, at + 1, data)


def _header_at(rows: list[list[Cell]], mapping: ImportMapping) -> tuple[int, int]:
    """(columns named, row) of the row among the first that names the most known columns."""
    counts = [(recognised(r, mapping), -i) for i, r in enumerate(rows[:_HEADER_SEARCH])]
    count, at = max(counts, default=(0, 0))
    return count, -at


def _lined_up(cells: list[Cell], width: int) -> list[Cell]:
    """The cells, one per column of the header; a row with more filled cells keeps them all."""
    if len(cells) < width:
        return cells + [None] * (width - len(cells))
    if any(_filled(c) for c in cells[width:]):
        return cells
    return cells[:width]


def _filled(cell: Cell) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _decode(content: bytes, name: str) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _bad(f"{name} is not whole UTF-16 text: save it again") from exc
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Excel's "CSV" on Windows: Arabic script (cp1256) on a computer set to Urdu, else Western
    # (cp1252). Urdu words are runs of bytes above 0xBF, which Western text hardly ever has.
    encoding = "cp1256" if _URDU_RUN.search(content) else "cp1252"
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _bad(f"{name} is neither UTF-8 nor Windows text: save it as CSV UTF-8") from exc


def _csv_rows(content: bytes, name: str, mapping: ImportMapping) -> list[list[Cell]]:
    text = _decode(content, name)
    if "\x00" in text:
        raise _bad(f"{name} is not a CSV or XLSX file")
    delimiter = _delimiter(text, mapping)
    # every cell and row costs memory whether filled or not: a file of separators or of line
    # breaks alone would cost gigabytes before the row limit could refuse it
    if text.count(delimiter) >= MAX_CELLS or text.count("\n") >= MAX_LINES:
        raise _bad(f"{name} has over {MAX_CELLS:,} cells or {MAX_LINES:,} lines: split it")
    lines = io.StringIO(text, newline=None)  # every line ending, without a list of them all
    widest = max((line.count(delimiter) for line in lines), default=0)
    if widest >= MAX_SEPARATORS_IN_A_LINE:  # even inside quotes: no narrative is that long
        raise _bad(f"{name} has a line of {widest:,} separators: split it or quote less")
    return _csv_parsed(text, name, delimiter, width=MAX_CELLS_IN_A_ROW)


def _delimiter(text: str, mapping: ImportMapping) -> str:
    """The separator whose reading of the first rows gives the best header; failing that, the
    one a line holds most of (commas within cells do not count: they are quoted)."""
    head = "".join(islice(io.StringIO(text, newline=None), _HEADER_SEARCH))
    best = {d: _header_at(_csv_parsed(head, "", d, quiet=True), mapping)[0] for d in ",;\t|"}
    if max(best.values()) >= 2:
        return max(",;\t|", key=lambda d: best[d])
    lines = head.splitlines()
    return max(",;\t|", key=lambda d: max((line.count(d) for line in lines), default=0))


def _csv_parsed(
    text: str, name: str, delimiter: str, quiet: bool = False, width: int | None = None
) -> list[list[Cell]]:
    """The rows of CSV text; with `width`, a row of that many cells or more refuses the file
    (counted as read, so commas inside a quoted narrative do not count)."""
    rows: list[list[Cell]] = []
    try:
        for number, row in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
        ):
            if width is not None and len(row) >= width:
                raise _bad(
                    f"{name} has a row of {len(row):,} cells (row {number}): "
                    f"at most {width - 1:,} are read"
                )
            rows.append(list(row))
    except csv.Error as exc:
        if quiet:
            return []
        raise _bad(f"{name} is not a readable CSV file: {exc}") from exc
    return rows


def _xlsx_rows(content: bytes, name: str, sheet: str | None) -> list[list[Cell]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:  # a small file can unpack to gigabytes (a zip bomb): refused before it is opened
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            unpacked = sum(part.file_size for part in package.infolist())
    except zipfile.BadZipFile as exc:
        raise _bad(f"{name} is not a readable Excel file") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise _bad(f"{name} unpacks to over {MAX_UNPACKED_BYTES // 2**20} MB: split it")

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a damaged file fails in many ways inside openpyxl
        raise _bad(f"{name} is not a readable Excel file") from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise _bad(f"{name} has no sheet {sheet!r} (its sheets: {', '.join(book.sheetnames)})")
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        try:
            rows = [list(row) for row in worksheet.iter_rows(min_row=1, values_only=True)]
        except Exception as exc:
            raise _bad(f"{name} is not a readable Excel file") from exc
        path = getattr(worksheet, "_worksheet_path", None)  # the sheet's part in the package
    finally:
        book.close()
    if path:
        _fill_merged_down(rows, content, path)
    return rows


_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _fill_merged_down(rows: list[list[Cell]], content: bytes, path: str) -> None:
    """Give every row of a cell merged down a column (a unit or a date written once for a block
    of cases) the merged cell's value: Excel keeps it in the first row only. Cells merged across
    columns are layout and left as they are."""
    from openpyxl.utils.cell import column_index_from_string  # type: ignore[import-untyped]

    merged: set[tuple[bytes, ...]] = set()
    try:  # read in pieces: a sheet's XML can be hundreds of MB, its merged cells at its end
        with (
            zipfile.ZipFile(io.BytesIO(content)) as package,
            package.open(path.lstrip("/")) as part,
        ):
            tail = b""
            while piece := part.read(1 << 20):
                text = tail + piece
                merged.update(_MERGED.findall(text))
                tail = text[-200:]  # a reference cut between two pieces
    except (KeyError, zipfile.BadZipFile):
        return
    for first_col, first_row, last_col, last_row in sorted(merged):
        if first_col != last_col:
            continue
        column, top, bottom = (
            column_index_from_string(first_col.decode()) - 1,
            int(first_row),
            int(last_row),
        )
        if top > len(rows) or column >= len(rows[top - 1]):
            continue
        value = rows[top - 1][column]
        for number in range(top + 1, min(bottom, len(rows)) + 1):
            row = rows[number - 1]
            row.extend([None] * (column + 1 - len(row)))
            if row[column] is None:
                row[column] = value
