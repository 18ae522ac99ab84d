"""The people of one cell, and the values lined up with them, as FIR registers write them:
each case here was once read wrong without an error."""

from __future__ import annotations

from datetime import date

import pytest

from tipwatch.domain.law.catalogue import default_catalogue
from tipwatch.services.imports.cells import RowCells, RowProblem
from tipwatch.services.imports.lists import NamedPerson, split_aligned, split_people
from tipwatch.services.imports.mapping import ImportMapping, plan_columns
from tipwatch.services.imports.rows import CaseRow, read_row
from tipwatch.services.imports.values import parse_age


@pytest.mark.parametrize(
    ("written", "address"),
    [("Ahmed s/o Ghulam Rasool r/o Mohallah Islamabad, Gujranwala",
      "Mohallah Islamabad, Gujranwala"),
     ("Ahmed s/o Ghulam Rasool r/o Village Kot, Tehsil and District Gujrat",
      "Village Kot, Tehsil and District Gujrat"),
     ("Ahmed s/o Ghulam Rasool r/o Village & P.O. Shah Kot", "Village & P.O. Shah Kot"),
     ("Ahmed s/o Ghulam Rasool r/o House No. 12. Gulberg", "House No. 12. Gulberg")],
)  # fmt: skip
def test_an_address_with_commas_and_ands_stays_one_accused(written: str, address: str) -> None:
    assert split_people(written) == [NamedPerson("Ahmed", "Ghulam Rasool", [], address)]


def test_the_next_person_named_with_a_father_or_an_address_ends_an_address() -> None:
    assert split_people("Ahmed s/o Bashir r/o Lahore, Gujranwala, Bilal s/o Nazir r/o Gujrat") == [
        NamedPerson("Ahmed", "Bashir", [], "Lahore, Gujranwala"),
        NamedPerson("Bilal", "Nazir", [], "Gujrat"),
    ]
    assert [p.name for p in split_people("Ahmed r/o Lahore and Bilal r/o Gujrat")] == [
        "Ahmed",
        "Bilal",
    ]


def test_an_age_written_with_a_name_is_the_persons_age_not_another_person() -> None:
    assert split_people("Ahmed s/o Bashir, aged 30 years, r/o Lahore") == [
        NamedPerson("Ahmed", "Bashir", [], "Lahore", age=30)
    ]
    assert split_people("Ahmed aged 30 years s/o Bashir")[0].age == 30


@pytest.mark.parametrize(
    ("written", "unidentified"),
    [("Ahmed and 2 others", 2), ("Ahmed & others", 1), ("3 unknown accused persons", 3),
     ("unknown (3)", 3), ("Na maloom 2", 2), ("2 unknown", 2)],
)  # fmt: skip
def test_others_and_unknown_accused_are_counted_not_named(written: str, unidentified: int) -> None:
    people = split_people(written)
    assert [p for p in people if p.name is None] == [NamedPerson(None)] * unidentified
    assert all(p.name in (None, "Ahmed") for p in people)


@pytest.mark.parametrize(
    "written", ["1. Ahmed 2. Bilal", "1- Ahmed 2- Bilal", "1.Ahmed 2.Bilal", "(1) Ahmed (2) Bilal",
                "1) Ahmed 2) Bilal"],
)  # fmt: skip
def test_numbered_lists_in_every_way_registers_number_them(written: str) -> None:
    assert [p.name for p in split_people(written)] == ["Ahmed", "Bilal"]


@pytest.mark.parametrize(
    ("written", "person"),
    [("Mst. Kausar Bibi w/o Muhammad Aslam", NamedPerson("Mst. Kausar Bibi", "Muhammad Aslam")),
     ("Ahmed s/o: Bashir r/o: Lahore", NamedPerson("Ahmed", "Bashir", [], "Lahore")),
     ("Ahmed urf Kaka s/o Bashir resident of Lahore",
      NamedPerson("Ahmed", "Bashir", ["Kaka"], "Lahore")),
     ("Ahmed s/o Bashir sakin Gujrat", NamedPerson("Ahmed", "Bashir", [], "Gujrat")),
     ("Zafar s/o Din Muhammad alias Kaloo", NamedPerson("Zafar", "Din Muhammad", ["Kaloo"])),
     ("Ahmed (alias Kaka)", NamedPerson("Ahmed", None, ["Kaka"])),
     ("Ahmed r/o Lahore s/o Bashir", NamedPerson("Ahmed", "Bashir", [], "Lahore"))],
)  # fmt: skip
def test_the_markers_registers_use_for_father_husband_alias_and_address(
    written: str, person: NamedPerson
) -> None:
    assert split_people(written) == [person]


def test_numbered_values_lined_up_with_people() -> None:
    assert split_aligned("1. M 2. F") == ["M", "F"]
    assert split_aligned("1. 14 2. 16") == ["14", "16"]
    assert split_aligned("1.5") == ["1.5"]


@pytest.mark.parametrize(
    ("written", "years"), [("14", 14), ("14 years", 14), ("14 yrs old", 14), ("8 months", 0)]
)
def test_ages_in_years_and_a_babys_in_months(written: str, years: int) -> None:
    assert parse_age(written) == years


HEADER = ["unit_code", "fir_number", "fir_date", "sections", "accused", "status", "arrest_date",
          "victims", "victim_age"]  # fmt: skip


def _read(**values: str) -> CaseRow:
    base = {"unit_code": "U", "fir_number": "1", "fir_date": "01-01-2023",
            "sections": "3 PTPA", "accused": "Ahmed, Bilal", "status": "UI"}  # fmt: skip
    cells = [{**base, **values}.get(column, "") for column in HEADER]
    mapping = ImportMapping()
    return read_row(RowCells(cells, plan_columns(HEADER, mapping), mapping, 2025),
                    default_catalogue())  # fmt: skip


@pytest.mark.parametrize("written", ["112-23", "112-2023", "112/23", "112"])
def test_an_fir_number_with_its_year_after_a_dash_is_the_same_fir(written: str) -> None:
    row = _read(fir_number=written)
    assert (row.number, row.year) == ("112", 2023)


def test_a_dash_and_a_number_that_is_not_the_year_stay_in_the_fir_number() -> None:
    row = _read(fir_number="112-19")
    assert (row.number, row.year) == ("112-19", 2023)


def test_one_arrest_date_written_with_a_comma_is_every_accuseds() -> None:
    row = _read(arrest_date="12 Jan, 2023")
    assert row.arrests == [date(2023, 1, 12), date(2023, 1, 12)]


def test_urdu_separators_and_markers_split_people_as_english_ones_do() -> None:
    assert split_people("عمران ولد اسلم ساکن لاہور اور جاوید عرف کاکا، نذر") == [
        NamedPerson("عمران", "اسلم", [], "لاہور"),
        NamedPerson("جاوید", None, ["کاکا"]),
        NamedPerson("نذر"),
    ]


def test_names_lost_to_question_marks_are_refused_saying_how_to_save_the_file() -> None:
    with pytest.raises(ValueError, match="lost its Urdu letters"):
        split_people("????? ???, Ahmed")


@pytest.mark.parametrize("written", ["F.I.R No. 112", "112 of 2023", "FIR # 112/2023"])
def test_more_ways_an_fir_number_is_written(written: str) -> None:
    row = _read(fir_number=written)
    assert (row.number, row.year) == ("112", 2023)


def test_victims_counted_in_words_are_counted() -> None:
    row = _read(victims="Three")
    assert [v.name for v in row.victims] == [None, None, None]


def test_a_victim_age_for_a_row_without_victims_is_refused_not_dropped() -> None:
    with pytest.raises(RowProblem, match="victim_age is given but the row names no victims"):
        _read(victim_age="14")


@pytest.mark.parametrize(
    "written", ["Ahmed s/o\nBashir", "Ahmed s/o Bashir\nr/o Lahore", "Ahmed\ns/o Bashir"]
)
def test_a_line_broken_at_a_father_or_an_address_is_still_one_person(written: str) -> None:
    (person,) = split_people(written)
    assert (person.name, person.father_name) == ("Ahmed", "Bashir")


@pytest.mark.parametrize(
    ("written", "years"), [("14 saal", 14), ("14 (approx)", 14), ("14 years approx", 14),
                           ("10 days", 0), ("3 weeks", 0)],
)  # fmt: skip
def test_ages_written_with_a_word_after_them(written: str, years: int) -> None:
    assert parse_age(written) == years
