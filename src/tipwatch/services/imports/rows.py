"""One spreadsheet row read into a `CaseRow`: every value parsed and checked, nothing written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from weakref import WeakKeyDictionary

from tipwatch.domain.errors import TipwatchError
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.domain.vocabulary import CaseType
from tipwatch.services.imports.cells import RowCells, RowProblem, aligned
from tipwatch.services.imports.lists import split_aligned, split_list
from tipwatch.services.imports.people import PersonEntry, read_accused, read_victims
from tipwatch.services.imports.values import parse_count, parse_date, parse_months, parse_rupees
from tipwatch.services.imports.words import ImportStatus

STEP_DATES = (
    "investigation_date",
    "interim_challan_date",
    "challan_date",
    "charge_date",
    "verdict_date",
    "sentence_date",
    "closure_date",
)
_FIR_NUMBER = re.compile(
    r"(?:f\.?\s?i\.?\s?r\.?\s*(?:no\.?|number|#)?\s*[:.#-]?\s*)?([a-z0-9][a-z0-9-]{0,38})"
    r"(?:\s*(?:/|\bof\b)\s*(\d{4}|\d{2}))?",
    re.IGNORECASE,
)
# What Excel shows for a number it took for a date: 23-May, May-23
_MONTH_ABBR = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DATE_FOR_NUMBER = re.compile(rf"\d{{1,2}}-(?:{_MONTH_ABBR})|(?:{_MONTH_ABBR})-\d{{2,4}}", re.I)
_DASHED_YEAR = re.compile(r"(\d+)-(\d{4}|\d{2})")
MAX_TEXT = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # below space, but tab and line ends


@dataclass(frozen=True)
class SentenceEntry:
    months: int | None
    life: bool
    fine: int | None


@dataclass
class CaseRow:
    unit_code: str
    police_station: str
    district: str
    number: str
    year: int
    fir_date: date
    reported_on: date
    offence_date: date | None
    case_type: str
    provisions: list[str]
    accused: list[PersonEntry]
    victims: list[PersonEntry]
    exploitation: list[str]
    status: ImportStatus
    dates: dict[str, date]
    arrests: list[date | None]
    verdicts: list[str | None]
    sentences: list[SentenceEntry | None]
    court: str | None
    narrative: str = field(repr=False)


def read_row(row: RowCells, catalogue: LegalCatalogue) -> CaseRow:
    """The row's case, or RowProblem naming the first column at fault."""
    fir_date = row.day("fir_date")
    if fir_date is None:
        raise RowProblem("fir_date", "fir_date is empty")
    number, year = _number_and_year(row, fir_date)
    reported_on = row.day("reported_on") or fir_date
    if reported_on > fir_date:
        raise RowProblem("reported_on", "reported_on is after fir_date")
    offence_date = row.day("offence_date")
    if offence_date and offence_date > reported_on:
        raise RowProblem("offence_date", "offence_date is after the case was reported")
    status = ImportStatus(row.word("status", row.required("status")))
    provisions = provisions_named(catalogue, row.required("sections"))
    accused, victims = read_accused(row), read_victims(row)
    return CaseRow(
        unit_code=row.text("unit_code"),
        police_station=row.text("police_station"),
        district=row.text("district"),
        number=number,
        year=year,
        fir_date=fir_date,
        reported_on=reported_on,
        offence_date=offence_date,
        case_type=row.word("case_type", row.text("case_type") or CaseType.TRAFFICKING),
        provisions=provisions,
        accused=accused,
        victims=victims,
        exploitation=list(
            dict.fromkeys(
                row.word("exploitation", t) for t in split_aligned(row.text("exploitation")) if t
            )
        ),
        status=status,
        dates={c: d for c in STEP_DATES if (d := row.day(c)) is not None},
        arrests=_arrests(row, len(accused)),
        verdicts=[
            row.word("verdict", v) if v else None
            for v in aligned("verdict", split_aligned(row.text("verdict")), len(accused), "accused")
        ],
        sentences=_sentences(row, len(provisions)),
        court=_one_line(row, "court", 200) or None,
        narrative=_one_line(row, "narrative", MAX_TEXT, multi_line=True),
    )


def _exploitation(row: RowCells) -> list[str]:
    forms = split_aligned(row.text("exploitation"))
    return list(dict.fromkeys(row.word("exploitation", form) for form in forms if form))


def _number_and_year(row: RowCells, fir_date: date) -> tuple[str, int]:
    text = row.required("fir_number")
    if isinstance(row.raw("fir_number"), date) or _DATE_FOR_NUMBER.fullmatch(text):
        raise RowProblem(
            "fir_number",
            "fir_number holds a date: Excel turns numbers such as 23/5 into dates; format the "
            "column as text and write the FIR numbers again",
        )
    match = _FIR_NUMBER.fullmatch(text)
    if not match:
        raise RowProblem(
            "fir_number", f"fir_number {row.shown('fir_number', text)} is not like 112 or 112/2023"
        )
    number, in_number = match[1], match[2]
    dashed = _DASHED_YEAR.fullmatch(number) if in_number is None else None
    if dashed and _year(int(dashed[2]), row.this_year) == fir_date.year:
        # "112-23" or "112-2023": FIR 112 of that year, when it is the year of fir_date
        number, in_number = dashed[1], dashed[2]
    written = row.text("fir_year")
    years = {
        row.parsed("fir_year", lambda: _year(parse_count(written), row.this_year))
        if written
        else None,
        _year(int(in_number), row.this_year) if in_number else None,
    } - {None}
    year = years.pop() if len(years) == 1 else fir_date.year if not years else None
    if year is None:
        raise RowProblem("fir_year", "fir_year and the year in fir_number differ")
    if year != fir_date.year:
        raise RowProblem(
            "fir_year",
            f"the FIR is of {year} but fir_date is in {fir_date.year}: an FIR is numbered in "
            "the year it is registered",
        )
    # "0112" is FIR 112: a register saved again by Excel loses the leading zero
    return (str(int(number)) if number.isdigit() else number.upper()), year


def _year(value: int, this_year: int) -> int:
    if value < 100:
        value += 2000 if 2000 + value <= this_year else 1900
    return value


# What each notation names, per catalogue: registers repeat the same few notations thousands of
# times. Weakly keyed: a worker process gets a fresh copy of the catalogue with every batch, and
# a copy done with is dropped rather than kept alive by its entries; at most NOTATIONS_KEPT a
# catalogue, for a server's catalogue lives as long as the server.
NOTATIONS_KEPT = 4096
_NAMED: WeakKeyDictionary[LegalCatalogue, dict[str, tuple[str, ...] | str]] = WeakKeyDictionary()


def _keys_of(catalogue: LegalCatalogue, notation: str) -> tuple[str, ...] | str:
    """The provision keys a notation names, or the reason it names none."""
    known = _NAMED.setdefault(catalogue, {})
    if notation not in known:
        if len(known) >= NOTATIONS_KEPT:
            known.clear()
        try:
            known[notation] = tuple(p.key for p in catalogue.parse(notation))
        except TipwatchError as exc:
            known[notation] = exc.message
    return known[notation]


def provisions_named(catalogue: LegalCatalogue, text: str) -> list[str]:
    keys: list[str] = []
    for part in split_list(text):
        found = _keys_of(catalogue, part)
        if isinstance(found, str):
            raise RowProblem("sections", f"sections: {found}")
        keys += found
    return list(dict.fromkeys(keys))


def _arrests(row: RowCells, accused: int) -> list[date | None]:
    text = row.text("arrest_date")
    entries = split_list(text)
    if len(entries) == 1 and accused > 1 and "," in text and not _is_date(text, row.this_year):
        entries = [e.strip() for e in text.split(",")]
    listed = aligned("arrest_date", entries, accused, "accused")
    return [
        row.parsed("arrest_date", partial(parse_date, e, row.this_year), n) if e else None
        for n, e in enumerate(listed, start=1)
    ]


def _is_date(text: str, this_year: int) -> bool:
    try:
        parse_date(text, this_year)
    except ValueError:
        return False
    return True


def _sentences(row: RowCells, provisions: int) -> list[SentenceEntry | None]:
    months = aligned("sentence_months", split_list(row.text("sentence_months")), provisions,
                     "provisions in sections")  # fmt: skip
    fines = aligned("fine_rupees", split_list(row.text("fine_rupees")), provisions,
                    "provisions in sections")  # fmt: skip
    sentences: list[SentenceEntry | None] = []
    for n, (term, fine) in enumerate(zip(months, fines, strict=True), start=1):
        if term is None and fine is None:
            sentences.append(None)
            continue
        length, life = (
            row.parsed("sentence_months", partial(parse_months, term), n) if term else (None, False)
        )
        amount = row.parsed("fine_rupees", partial(parse_rupees, fine), n) if fine else None
        sentences.append(SentenceEntry(length or None, life, amount or None))
    return sentences


def _one_line(row: RowCells, column: str, limit: int, *, multi_line: bool = False) -> str:
    text = str(row.raw(column) or "").strip() if multi_line else row.text(column)
    if len(text) > limit:
        raise RowProblem(column, f"{column} is over {limit} characters")
    if _CONTROL.search(text):
        raise RowProblem(column, f"{column} holds control characters")
    return text
