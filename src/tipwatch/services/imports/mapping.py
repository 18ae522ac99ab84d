"""Mapping files (JSON or TOML) for layouts other than the template, and the column plan of a
file: which of its columns feeds which canonical column.

    sheet = "Register 2023"              # XLSX only; default the first sheet
    header_row = 3                       # default: found among the first 20 rows
    [columns]                            # the file's header -> canonical column
    "Present Status" = "status"
    [values.status]                      # the file's value -> tipwatch's value
    "Zer-e-Tafteesh" = "under_investigation"
    [defaults]                           # for a column the file lacks, or a blank cell
    unit_code = "PS-GRW-SADDAR"
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tipwatch.domain.errors import InvalidInput
from tipwatch.services.imports.columns import COLUMNS, REQUIRED, canonical_column
from tipwatch.services.imports.values import Cell, text_of
from tipwatch.services.imports.words import WORDS_OF_COLUMN, canonical_values, word_key

_TOP_LEVEL = ("sheet", "header_row", "columns", "values", "defaults")


@dataclass(frozen=True)
class ImportMapping:
    name: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # word_key(header) -> column
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> key -> value
    defaults: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None
    source_headers: dict[str, str] = field(default_factory=dict)  # word_key -> as written


def _bad(message: str) -> InvalidInput:
    return InvalidInput(f"mapping file: {message}", field="mapping")


def _strings(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise _bad(f"{where} must be a table of texts")
    return value


def _column(name: str, where: str) -> str:
    if name not in COLUMNS:
        raise _bad(f"{where} names {name!r}, which is not a column of the template")
    return name


def load_mapping(content: bytes, name: str) -> ImportMapping:
    """Read and check a mapping file; InvalidInput (field "mapping") names what is wrong."""
    text = content.decode("utf-8-sig", errors="replace")
    data: Any
    try:
        data = json.loads(text) if name.lower().endswith(".json") else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if name.lower().endswith(".json") else "TOML"
        raise _bad(f"not valid {kind}: {exc}") from exc
    if not isinstance(data, dict):
        raise _bad("must be a table at the top level")
    if unknown := sorted(set(data) - set(_TOP_LEVEL)):
        raise _bad(f"unknown entry {unknown[0]!r} (known: {', '.join(_TOP_LEVEL)})")
    columns = _strings(data.get("columns", {}), "[columns]")
    values: dict[str, dict[str, str]] = {}
    tables = data.get("values", {})
    if not isinstance(tables, dict):
        raise _bad("[values] must be a table of tables, one per column")
    for column, table in tables.items():
        where = f"[values.{column}]"
        known = canonical_values(column) if _column(column, where) in WORDS_OF_COLUMN else None
        for target in _strings(table, where).values():
            if known is not None and target not in known:
                raise _bad(f"{where} maps to {target!r}; use one of {', '.join(sorted(known))}")
        values[column] = {word_key(k): v for k, v in table.items()}
    defaults = _strings(data.get("defaults", {}), "[defaults]")
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise _bad("header_row must be a row number, 1 or more")
    sheet = data.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise _bad("sheet must be the name of a sheet")
    return ImportMapping(
        name=name,
        columns={word_key(k): _column(v, f"[columns] {k!r}") for k, v in columns.items()},
        values=values,
        defaults={_column(k, "[defaults]"): v for k, v in defaults.items()},
        sheet=sheet,
        header_row=header_row,
        source_headers={word_key(k): k for k in columns},
    )


@dataclass(frozen=True)
class ColumnPlan:
    index: dict[str, int]  # canonical column -> position in the row
    ignored: list[str]  # headers read as no column
    width: int = 0  # cells in the header: a row with more is refused


def recognised(header: Sequence[Cell], mapping: ImportMapping) -> int:
    """How many cells of a row read as columns: to find the header below any title rows."""
    keys = [word_key(text_of(cell)) for cell in header]
    return sum(1 for k in keys if k and (k in mapping.columns or canonical_column(k)))


def plan_columns(header: Sequence[Cell], mapping: ImportMapping) -> ColumnPlan:
    """Which column feeds which canonical column; InvalidInput for a file that cannot be read."""
    index: dict[str, int] = {}
    strength: dict[str, int] = {}
    ignored: list[str] = []
    texts = [text_of(cell) for cell in header]
    for position, text in enumerate(texts):
        key = word_key(text)
        column = mapping.columns.get(key) or canonical_column(text)
        if not key or column is None:
            if text:
                ignored.append(text)
            continue
        rank = 2 if key in mapping.columns else 1 if key == word_key(column) else 0
        if column in index and rank == strength[column]:
            raise InvalidInput(
                f"columns {texts[index[column]]!r} and {text!r} both read as {column}: "
                "say which in a mapping file",
                field="file",
            )
        if column not in index or rank > strength[column]:
            if column in index:
                ignored.append(texts[index[column]])
            index[column], strength[column] = position, rank
        else:
            ignored.append(text)
    present = {word_key(t) for t in texts}
    for key, written in mapping.source_headers.items():
        if key not in present:
            raise InvalidInput(
                f"the mapping names column {written!r}, which the file does not have "
                f"(its columns: {', '.join(t for t in texts if t)})",
                field="mapping",
            )
    needed = [*REQUIRED, "unit_code" if "police_station" not in index else "police_station"]
    if missing := [c for c in needed if c not in index and c not in mapping.defaults]:
        raise InvalidInput(
            f"the file has no column for {', '.join(missing)} (see docs/import.md; a mapping "
            "file can name the file's own headers)",
            field="file",
        )
    return ColumnPlan(index, ignored, len(header))
