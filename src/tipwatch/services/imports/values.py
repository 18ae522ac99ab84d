"""Values as Pakistani offices write them: day-first dates, rupees in lakhs, "7 years".

Each reader takes one cell and returns the value or raises ValueError with a message that is
safe to store and show: it repeats the cell only where the cell cannot be personal data.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

Cell = str | int | float | date | datetime | None

EARLIEST_YEAR = 1947
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(17_533, 80_000)  # 1948-01-01 to 2118: numbers Excel stores for dates
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
} | {"sept": 9}
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.\s]+(\d{1,2})[-/.\s]+(\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_NAMED = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?[-/.,\s]*(?:of\s+)?([a-z]+)[-/.,\s]*(\d{4}|\d{2})"
)
_NAMED_DAY = re.compile(r"([a-z]+)[-/.\s]*(\d{1,2})(?:st|nd|rd|th)?[,\s]+(\d{4})")
_TIME = re.compile(r"(?:\s+|(?<=\d)t)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?$")
_SERIAL_WRITTEN = re.compile(r"\d{5}\.0+")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "dated 12-01-2023", "Dt. 12.01.2023", "Thursday, 12 Jan 2023", "12-01-2023 (Thursday)"
_AROUND_DATE = re.compile(
    rf"^(?:(?:dated|date|dt|on)\b\.?\s*:?\s*)?(?:{_WEEKDAY},?\s+)?|\s*\(?{_WEEKDAY}\)?$"
)


# Urdu (Arabic-Indic) digits and the dashes word processors put in, as ASCII: an FIR number or
# a date written in Urdu digits or with en dashes is the same as one written in ASCII.
_ASCII_FORMS = str.maketrans(
    {**{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)},
     **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")}
)  # fmt: skip


def plain(text: str) -> str:
    """Text with Urdu digits and typographic dashes in their ASCII forms."""
    return text if text.isascii() else text.translate(_ASCII_FORMS)


def text_of(cell: Cell) -> str:
    """A cell as text: numbers without a spurious ".0", dates in ISO form, blanks as "";
    Urdu digits and typographic dashes as ASCII (`plain`)."""
    if type(cell) is str:  # every cell of a CSV file: first
        return " ".join(plain(cell).split())
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return " ".join(plain(str(cell)).split())


def quoted(text: str) -> str:
    """A value as a reason may repeat it: at most 40 characters (a cell can hold anything)."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def as_written(cell: Cell) -> str:
    """A cell as text, as written: line breaks and spacing within it kept (a refused row is
    kept so, to be corrected and imported again); numbers and dates as `text_of` gives them."""
    return cell.strip() if isinstance(cell, str) else text_of(cell)


def is_blank(text: str) -> bool:
    return text.strip().casefold() in ("", "-", "--", "n/a", "na", "nil", "none", "null")


def parse_date(cell: Cell, this_year: int) -> date:
    """A date written day first (12-01-2023, 12/01/23, 12.01.2023, 12 Jan 2023), in ISO form
    (2023-01-12), as an Excel date cell or an Excel date number."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            raise ValueError("is not a date")
        return _excel_serial(int(cell), str(cell))
    return _date_as_written(str(cell), this_year)


@lru_cache(maxsize=65_536)
def _date_as_written(written: str, this_year: int) -> date:
    """A date from a cell's text as written (a register repeats its dates from row to row)."""
    return _date_from_text(" ".join(plain(written).split()).lower(), this_year)


def _date_from_text(text: str, this_year: int) -> date:
    written, text = text, _AROUND_DATE.sub("", _TIME.sub("", text)).strip().rstrip(".")
    if not text:
        raise ValueError(f"{quoted(written)} is not a date: write it day first, like 12-01-2023")
    if _SERIAL_WRITTEN.fullmatch(text):  # "44938.0": an Excel date number, written by a program
        text = text.split(".")[0]
    if text.isdigit() and len(text) == 5:
        return _excel_serial(int(text), text)
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month = int(match[1]), int(match[2])
        year = _full_year(match[3], this_year)
    elif (match := _DAY_NAMED.fullmatch(text)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], _full_year(match[3], this_year)
    elif (match := _NAMED_DAY.fullmatch(text)) and match[1] in _MONTHS:
        month, day, year = _MONTHS[match[1]], int(match[2]), int(match[3])
    else:
        raise ValueError(
            f"{quoted(text)} is not a date: write it day first, like 12-01-2023, or as 2023-01-12"
        )
    return _real_date(year, month, day, text)


def _full_year(digits: str, this_year: int) -> int:
    if len(digits) == 4:
        return int(digits)
    year = 2000 + int(digits)
    return year if year <= this_year else year - 100


def _real_date(year: int, month: int, day: int, text: str) -> date:
    if year < EARLIEST_YEAR:
        raise ValueError(f"{quoted(text)} is before {EARLIEST_YEAR}")
    if not 1 <= month <= 12:
        raise ValueError(
            f"{quoted(text)} is not a date: there is no month {month} "
            "(dates are read day first: 12-01-2023 is 12 January 2023)"
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"{quoted(text)} is not a date: {calendar.month_name[month]} {year} has {last} days"
        )
    return date(year, month, day)


def _excel_serial(number: int, text: str) -> date:
    if number not in _EXCEL_SERIALS:
        raise ValueError(f"{quoted(text)} is not a date")
    return _EXCEL_EPOCH + timedelta(days=number)


_COUNT = re.compile(r"(\d+)(?:\.0+)?(?:\s*[a-z() ]*)?")


def parse_count(cell: Cell) -> int:
    """A whole number, possibly followed by a word: "3", "3.0", "3 victims"."""
    text = text_of(cell).lower()
    if not (match := _COUNT.fullmatch(text)):
        raise ValueError("is not a whole number")
    return int(match[1])


_TERM = re.compile(r"(\d+(?:\.\d+)?)\s*(years?|yrs?|y|months?|mon|m)?\b\.?")
_LIFE = re.compile(r"\b(life|imprisonment for life|li)\b")
_SENTENCE_WORDS = re.compile(r"\b(?:ri|si|rigorous|simple|imprisonment|and)\b|\b[rs]\.\s?i\.|,")


def parse_months(cell: Cell) -> tuple[int | None, bool]:
    """A term of imprisonment: months ("84"), "7 years", "2 years 6 months", "10 years R.I.",
    or "life". Returns (months, life imprisonment). Two terms in one entry ("7 years, 5
    years") are refused: each section's term is an entry of its own."""
    text = text_of(cell).lower()
    if _LIFE.search(text):
        return None, True
    rest = _SENTENCE_WORDS.sub(" ", text)
    terms = [(float(m[1]), (m[2] or "")[:1]) for m in _TERM.finditer(rest)]
    if not terms or _TERM.sub("", rest).strip():
        raise ValueError("is not a term: write months (84), years (7 years) or life")
    if len(terms) > 1 and [unit for _, unit in terms] != ["y", "m"]:
        raise ValueError(
            "gives more than one term: write one (2 years 6 months), and the terms for "
            "several sections as entries of their own, separated by ;"
        )
    months = sum(number * 12 if unit == "y" else number for number, unit in terms)
    if months > 1200:
        raise ValueError("is more than 100 years")
    return round(months), False


_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z()\s.]*)")
_IN_MONTHS = re.compile(r"(months?|mons?|mo)\b")
_IN_DAYS_OR_WEEKS = re.compile(r"(days?|weeks?|wks?)\b")


def parse_age(cell: Cell) -> int:
    """An age in whole years: "14", "14 years", "14 yrs old", "14 saal", "14 (approx)"; a
    baby's "8 months" or "10 days" is 0."""
    match = _AGE.fullmatch(text_of(cell).lower())
    if not match:
        raise ValueError("is not an age: write years (14), or months for a baby (8 months)")
    number, unit = float(match[1]), match[2].strip(" ()")
    if number > 1500:
        raise ValueError("is not an age in years")
    if _IN_MONTHS.match(unit):
        years = int(number / 12)
    elif _IN_DAYS_OR_WEEKS.match(unit):
        years = 0
    else:
        years = int(number)
    if years > 120:
        raise ValueError("is not an age in years")
    return years


_RUPEE_WORDS = re.compile(r"\b(rs|pkr|rupees?)\b\.?|/[-=]+|=/?-?")
_MULTIPLIERS = {"lac": 10**5, "lacs": 10**5, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7,
                "crores": 10**7, "million": 10**6, "m": 10**6}  # fmt: skip
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)?")


def parse_rupees(cell: Cell) -> int:
    """A fine: "100000", "1,00,000", "Rs. 100,000/-", "1 lac", "1.5 lakh", "2 million"."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if not math.isfinite(cell):
            raise ValueError("is not an amount in rupees")
        return _within_fine(round(cell))
    text = _RUPEE_WORDS.sub(" ", text_of(cell).lower()).replace(",", "").strip()
    match = _AMOUNT.fullmatch(text)
    if match and len(match[1]) > 20:
        raise ValueError("is not a plausible fine")
    if not match or (match[2] and match[2] not in _MULTIPLIERS):
        raise ValueError("is not an amount in rupees, like 100000, 1,00,000/- or 1 lac")
    return _within_fine(round(float(match[1]) * _MULTIPLIERS.get(match[2] or "", 1)))


def _within_fine(amount: int) -> int:
    if not 0 <= amount <= 10**12:
        raise ValueError("is not a plausible fine")
    return amount
