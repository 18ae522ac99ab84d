"""Cells as Pakistani offices write them: dates, terms, fines, lists of people, statuses."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.identifiers import normalise_cnic
from tipwatch.domain.law.catalogue import default_catalogue
from tipwatch.services.imports.cells import RowCells, RowProblem
from tipwatch.services.imports.columns import COLUMNS, canonical_column
from tipwatch.services.imports.lists import NamedPerson, split_aligned, split_people
from tipwatch.services.imports.mapping import ImportMapping, load_mapping, plan_columns
from tipwatch.services.imports.reading import read_table
from tipwatch.services.imports.rows import read_row
from tipwatch.services.imports.statuses import case_events
from tipwatch.services.imports.values import parse_age, parse_date, parse_months, parse_rupees
from tipwatch.services.imports.words import STATUS_WORDS, ImportStatus, word_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "written",
    ["12-01-2023", "12/01/23", "12.01.2023", "12 Jan 2023", "12-Jan-2023", "12th January, 2023",
     "January 12, 2023", "2023-01-12", "12/1/2023", "12-01-2023 00:00:00", "44938",
     "2023-01-12T10:30:00", "dated 12-01-2023", "Dt. 12.01.2023", "12-01-2023 (Thursday)",
     "Thursday, 12 Jan 2023", "12th of January 2023", "12 Jan 2023 10:30 pm", "44938.0",
     "12\u201301\u20132023", "۱۲-۰۱-۲۰۲۳"],
)  # fmt: skip
def test_dates_are_read_day_first_in_every_way_offices_write_them(written: str) -> None:
    assert parse_date(written, 2025) == date(2023, 1, 12)


def test_excel_date_cells_are_dates() -> None:
    assert parse_date(datetime(2023, 1, 12, 0, 0), 2025) == date(2023, 1, 12)
    assert parse_date(date(2023, 1, 12), 2025) == date(2023, 1, 12)
    assert parse_date(44938, 2025) == date(2023, 1, 12)


def test_a_two_digit_year_is_this_century_unless_that_is_in_the_future() -> None:
    assert parse_date("01-02-25", 2025) == date(2025, 2, 1)
    assert parse_date("01-02-98", 2025) == date(1998, 2, 1)


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("31-02-2023", "February 2023 has 28 days"),
        ("29-02-2023", "February 2023 has 28 days"),
        ("01-13-2023", "there is no month 13 (dates are read day first"),
        ("yesterday", "write it day first"),
        ("12-01-1900", "before 1947"),
    ],
)
def test_an_impossible_date_is_refused_saying_why(written: str, why: str) -> None:
    with pytest.raises(ValueError, match=re.escape(why)):
        parse_date(written, 2025)


@pytest.mark.parametrize(
    ("written", "months", "life"),
    [("84", 84, False), ("7 years", 84, False), ("7 yrs", 84, False), ("RI 7 years", 84, False),
     ("2 years 6 months", 30, False), ("6 months", 6, False), ("life", None, True),
     ("Imprisonment for life", None, True), ("10 years R.I.", 120, False),
     ("6 months S.I.", 6, False), ("7 yrs. R.I.", 84, False), ("1.5 years", 18, False),
     ("3 years and 6 months", 42, False)],
)  # fmt: skip
def test_terms_of_imprisonment(written: str, months: int | None, life: bool) -> None:
    assert parse_months(written) == (months, life)


@pytest.mark.parametrize(
    ("written", "rupees"),
    [("100000", 100_000), ("1,00,000", 100_000), ("Rs. 100,000/-", 100_000),
     ("1 lac", 100_000), ("1.5 lakh", 150_000), ("Rs 2 million", 2_000_000), (50000.0, 50_000),
     ("Rs. 50,000/=", 50_000)],
)  # fmt: skip
def test_fines_in_rupees(written: str | float, rupees: int) -> None:
    assert parse_rupees(written) == rupees


def test_a_term_that_is_not_a_term_is_refused() -> None:
    with pytest.raises(ValueError, match="is not a term"):
        parse_months("seven")


@pytest.mark.parametrize("written", ["7 years, 5 years", "7 years and 5 years", "7, 5",
                                     "6 months 2 years"])  # fmt: skip
def test_two_terms_in_one_entry_are_refused_rather_than_added_up(written: str) -> None:
    with pytest.raises(ValueError, match="more than one term"):
        parse_months(written)


@pytest.mark.parametrize(
    "written",
    ["Ahmed, Bilal and Kashif", "Ahmed; Bilal; Kashif", "Ahmed & Bilal & Kashif",
     "1. Ahmed 2. Bilal 3. Kashif", "Ahmed\nBilal\nKashif", "Ahmed, Bilal, and Kashif"],
)  # fmt: skip
def test_several_accused_in_one_cell(written: str) -> None:
    assert [p.name for p in split_people(written)] == ["Ahmed", "Bilal", "Kashif"]


def test_father_alias_and_address_are_kept_apart_from_the_name() -> None:
    assert split_people("Ahmed @ Kaka s/o Bashir, r/o Gujranwala and Sana d/o Akram") == [
        NamedPerson("Ahmed", "Bashir", ["Kaka"], "Gujranwala"),
        NamedPerson("Sana", "Akram"),
    ]


@pytest.mark.parametrize(
    ("written", "name", "aliases"),
    [("Akash Ali", "Akash Ali", []), ("Muhammad Akaash s/o Akbar", "Muhammad Akaash", []),
     ("Ali aka Kaka", "Ali", ["Kaka"]), ("Ali a.k.a. Kaka", "Ali", ["Kaka"]),
     ("Ali a.k.a. Bao", "Ali", ["Bao"]), ("Ali urf Bao", "Ali", ["Bao"]),
     ("Ali AKA Kaka alias Bao", "Ali", ["Kaka", "Bao"])],
)  # fmt: skip
def test_a_name_that_begins_like_aka_is_not_split_as_an_alias(
    written: str, name: str, aliases: list[str]
) -> None:
    (person,) = split_people(written)
    assert (person.name, person.aliases) == (name, aliases)


def test_unknown_accused_stand_for_people_not_yet_identified() -> None:
    assert split_people("Unknown") == [NamedPerson(None)]
    assert [p.name for p in split_people("Ahmed and 2 unknown persons")] == ["Ahmed", None, None]
    assert split_people("Na-maloom") == [NamedPerson(None)]


def test_aligned_lists_keep_empty_places() -> None:
    assert split_aligned("35202-1234567-1; ; 35202-7654321-3") == [
        "35202-1234567-1", "", "35202-7654321-3",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "status"),
    [("Under investigation", "under_investigation"), ("Zer-e-Tafteesh", "under_investigation"),
     ("Challan submitted", "challan_submitted"), ("Under Trial", "under_trial"),
     ("Convicted", "convicted"), ("Acquitted", "acquitted"), ("Bari", "acquitted"),
     ("Compromised", "compromised"), ("Razinama", "compromised"), ("Cancelled", "cancelled"),
     ("Untraced", "untraced"), ("U/I", "under_investigation")],
)  # fmt: skip
def test_statuses_as_registers_write_them(written: str, status: str) -> None:
    assert STATUS_WORDS[word_key(written)] == status


HEADER = ["unit_code", "fir_number", "fir_date", "sections", "accused", "status",
          "challan_date", "charge_date", "verdict_date", "closure_date"]  # fmt: skip


def _row(**values: str) -> RowCells:
    mapping = ImportMapping()
    cells = [values.get(column, "") for column in HEADER]
    return RowCells(cells, plan_columns(HEADER, mapping), mapping, 2025)


def _events(**values: str) -> list[str]:
    base = {"unit_code": "U", "fir_number": "1", "fir_date": "01-01-2023",
            "sections": "3 PTPA", "accused": "Ahmed, Bilal"}  # fmt: skip
    return [e.kind for e in case_events(read_row(_row(**base, **values), default_catalogue()))]


def test_convicted_becomes_fir_investigation_challan_charges_and_convictions() -> None:
    kinds = _events(status="Convicted", challan_date="01-02-2023", charge_date="01-03-2023",
                    verdict_date="01-06-2023")  # fmt: skip
    assert kinds == ["fir_registered", "investigation_started", "final_challan",
                     "charge_framed", "charge_framed", "conviction", "conviction"]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "column"),
    [({"status": "Convicted", "challan_date": "01-02-2023", "charge_date": "01-03-2023"},
      "verdict_date"),
     ({"status": "Under trial", "challan_date": "01-02-2023"}, "charge_date"),
     ({"status": "Challan submitted"}, "challan_date"),
     ({"status": "Untraced"}, "closure_date"),
     ({"status": "Under investigation", "verdict_date": "01-06-2023"}, "verdict_date")],
)  # fmt: skip
def test_a_status_without_the_dates_it_implies_is_refused_naming_the_column(
    values: dict[str, str], column: str
) -> None:
    with pytest.raises(RowProblem) as caught:
        _events(**values)
    assert caught.value.field == column


def test_a_fir_number_may_carry_its_year() -> None:
    row = read_row(_row(unit_code="U", fir_number="FIR No. 112/23", fir_date="01-01-2023",
                        sections="3 PTPA", status="UI"), default_catalogue())  # fmt: skip
    assert (row.number, row.year) == ("112", 2023)


def test_a_mapping_file_is_checked_when_it_is_read() -> None:
    with pytest.raises(InvalidInput, match="'statuss', which is not a column"):
        load_mapping(b'[columns]\n"Status" = "statuss"\n', "m.toml")
    with pytest.raises(InvalidInput, match="maps to 'pending'"):
        load_mapping(b'{"values": {"status": {"Zer-e-Tafteesh": "pending"}}}', "m.json")
    mapping = load_mapping(b'[values.victim_sex]\n"Aurat" = "female"\n', "m.toml")
    assert mapping.values["victim_sex"] == {"aurat": "female"}


def test_headers_offices_use_read_as_template_columns() -> None:
    assert canonical_column("FIR No.") == "fir_number"
    assert canonical_column("Date of Registration") == "fir_date"
    assert canonical_column("Present Status") == "status"
    assert canonical_column("S.No") is None


def test_every_template_column_and_status_is_documented() -> None:
    text = (ROOT / "docs" / "import.md").read_text()
    for column in COLUMNS:
        assert f"`{column}`" in text, column
    for status in ImportStatus:
        assert f"`{status}`" in text, status


def test_a_catalogue_copy_is_not_kept_alive_by_the_notations_read_with_it() -> None:
    """A worker gets a fresh copy of the catalogue with every batch of a long import: the
    notations remembered for one copy must not keep it (and its provisions) in memory."""
    import gc
    import pickle
    import weakref

    from tipwatch.services.imports.rows import provisions_named

    copy = pickle.loads(pickle.dumps(default_catalogue()))
    assert provisions_named(copy, "370/371-A PPC; u/s 3 PTPA") == [
        "PPC 370",
        "PPC 371-A",
        "PTPA 3(1)",
    ]
    gone = weakref.ref(copy)
    del copy
    gc.collect()
    assert gone() is None


def test_an_unknown_section_is_refused_again_when_read_again() -> None:
    from tipwatch.services.imports.rows import provisions_named

    for _ in range(2):  # the second time from what was remembered
        with pytest.raises(RowProblem, match=r"sections: .*999.*not in the legal catalogue"):
            provisions_named(default_catalogue(), "999 PPC")


def test_a_fine_of_hundreds_of_digits_is_refused_as_a_value_not_a_crash() -> None:
    with pytest.raises(ValueError, match="not a plausible fine"):
        parse_rupees("9" * 400)
    with pytest.raises(ValueError, match="not an age"):
        parse_age("9" * 400)


@pytest.mark.parametrize("written", ["3520212345671.0", "35202\u20131234567\u20131",
                                     "۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "35202 1234567 1"])  # fmt: skip
def test_a_cnic_however_written_is_its_13_ascii_digits(written: str) -> None:
    assert normalise_cnic(written) == "3520212345671"


def test_an_opendocument_or_protected_file_is_refused_saying_how_to_save_it() -> None:
    with pytest.raises(InvalidInput, match="OpenDocument"):
        read_table(b"PK\x03\x04rest", "register.ods", ImportMapping())
    with pytest.raises(InvalidInput, match="or one with a password"):
        read_table(b"\xd0\xcf\x11\xe0rest", "register.xlsx", ImportMapping())


def test_a_cell_larger_than_the_csv_modules_limit_leaves_the_file_readable() -> None:
    text = "fir_number,fir_date,sections,status,narrative\n1,12-01-2023,3 PTPA,UI," + "x" * 200_000
    table = read_table(text.encode(), "big.csv", ImportMapping())
    assert len(table.rows) == 1


def test_unreadable_text_and_oversized_files_are_refused_as_files_not_crashes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    from tipwatch.services.imports import reading

    with pytest.raises(InvalidInput, match="not whole UTF-16 text"):
        read_table(b"\xff\xfe\x00", "odd.csv", ImportMapping())
    with pytest.raises(InvalidInput, match="a row of 5,001 cells"):
        read_table(b"fir_number,fir_date\n" + b"," * 5_000, "wide.csv", ImportMapping())
    narrative = '"' + "a clause, " * 5_000 + '"'  # commas inside quotes: one cell
    table = read_table(f"fir_number,narrative\n1,{narrative}\n".encode(), "n.csv", ImportMapping())
    assert len(table.rows[0][1]) == 2
    monkeypatch.setattr(reading, "MAX_CELLS", 1_000)  # as 64 MB of short lines would be
    with pytest.raises(InvalidInput, match="over 1,000 cells"):
        read_table(b"fir_number,fir_date\n" + b",,\n" * 600, "many.csv", ImportMapping())
    monkeypatch.setattr(reading, "MAX_LINES", 1_000)  # or of line breaks alone
    with pytest.raises(InvalidInput, match="or 1,000 lines"):
        read_table(b"fir_number,fir_date\n" + b"\n" * 1_200, "empty.csv", ImportMapping())
    book = Workbook()
    book.active.append(["fir_number", "fir_date", "sections", "status"])
    book.save(tmp_path / "r.xlsx")
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1_000)  # as a zip bomb would be
    with pytest.raises(InvalidInput, match="unpacks to over"):
        read_table((tmp_path / "r.xlsx").read_bytes(), "r.xlsx", ImportMapping())


def test_a_long_cell_is_repeated_in_a_reason_40_characters_at_most() -> None:
    with pytest.raises(ValueError, match="is not a date") as refused:
        parse_date("12-31-2023 " + "x" * 400, 2025)
    assert len(str(refused.value)) < 130
