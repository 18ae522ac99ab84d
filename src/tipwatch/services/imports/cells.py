"""One row's cells, looked up by canonical column: defaults, value mappings and vocabularies
applied, and every problem raised as a `RowProblem` naming the column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from tipwatch.services.imports.columns import PERSONAL_COLUMNS
from tipwatch.services.imports.mapping import ColumnPlan, ImportMapping
from tipwatch.services.imports.values import Cell, is_blank, parse_date, plain, quoted, text_of
from tipwatch.services.imports.words import WORDS_OF_COLUMN, word_key

T = TypeVar("T")
# Columns that may list several values, a line break between two (Alt+Enter in Excel)
LIST_COLUMNS = frozenset({"accused", "accused_cnic", "accused_sex", "victims", "victim_sex",
                          "victim_age", "exploitation", "verdict", "sections", "arrest_date",
                          "sentence_months", "fine_rupees"})  # fmt: skip


class RowProblem(Exception):
    """Why a row is refused: the canonical column at fault and a reason free of personal data."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class RowCells:
    def __init__(
        self, cells: Sequence[Cell], plan: ColumnPlan, mapping: ImportMapping, this_year: int
    ) -> None:
        self._cells, self._plan, self._mapping, self.this_year = cells, plan, mapping, this_year

    def raw(self, column: str) -> Cell:
        position = self._plan.index.get(column)
        cell = self._cells[position] if position is not None else None
        defaults = self._mapping.defaults
        if defaults and column in defaults and (cell is None or is_blank(text_of(cell))):
            return defaults[column]
        return cell

    def text(self, column: str) -> str:
        """The cell as one line of text, mapped by the mapping file; "" when blank. A column
        that lists values (`LIST_COLUMNS`) keeps its line breaks: each starts an entry."""
        cell = self.raw(column)
        if cell is None or cell == "":
            return ""
        if column in LIST_COLUMNS and type(cell) is str and ("\n" in cell or "\r" in cell):
            lines = plain(cell).splitlines()
            text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
        else:
            text = text_of(cell)
        if table := self._mapping.values.get(column):
            text = table.get(word_key(text), text)
        return "" if is_blank(text) else text

    def required(self, column: str) -> str:
        text = self.text(column)
        if not text:
            raise RowProblem(column, f"{column} is empty")
        return text

    def word(self, column: str, text: str) -> str:
        """One value of a column with a vocabulary, in tipwatch's words."""
        key = word_key(text)
        mapped = self._mapping.values.get(column, {}).get(key)
        found = mapped or WORDS_OF_COLUMN[column].get(key)
        if found is None:
            known = ", ".join(sorted(set(WORDS_OF_COLUMN[column].values())))
            raise RowProblem(
                column,
                f"{column} {self.shown(column, text)} is not known: use one of {known}, "
                f"or map it in the mapping file's [values.{column}]",
            )
        return found

    def day(self, column: str) -> date | None:
        cell = self.raw(column)
        if cell is None or cell == "":
            return None
        table = self._mapping.values.get(column)
        if table and isinstance(cell, str) and cell.strip():
            mapped = table.get(word_key(cell))
            cell = mapped if mapped is not None else cell
        if cell is None or is_blank(text_of(cell)):
            return None
        return self.parsed(column, lambda: parse_date(cell, self.this_year))

    def parsed(self, column: str, read: Callable[[], T], entry: int | None = None) -> T:
        """The result of a reader; its ValueError becomes a RowProblem naming the column."""
        try:
            return read()
        except ValueError as exc:
            where = f"{column} (entry {entry})" if entry is not None else column
            raise RowProblem(column, f"{where}: {exc}") from exc

    @staticmethod
    def shown(column: str, text: str) -> str:
        """A value as a reason may show it: never from a column that may hold personal data."""
        return "(value not shown)" if column in PERSONAL_COLUMNS else quoted(text)


def aligned(
    column: str, entries: list[str], count: int, what: str, *, one_for_all: bool = True
) -> list[str | None]:
    """A list lined up with `count` people or provisions; one entry may stand for all."""
    if not entries:
        return [None] * count
    if count == 0:
        if any(entries):
            raise RowProblem(column, f"{column} is given but the row names no {what}")
        return []
    if len(entries) == 1 and one_for_all:
        return [entries[0] or None] * count
    if len(entries) != count:
        raise RowProblem(column, f"{column} lists {len(entries)} entries for {count} {what}")
    return [entry or None for entry in entries]
