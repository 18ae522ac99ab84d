"""The accused and victims of a row, with the columns lined up with them (CNIC, sex, age).

A blank or "unknown" accused cell stands for one accused not yet identified, so the sections can
still be charged; victims may be named or only counted ("3"). Everyone becomes a person record;
those not named have an empty name and carry only their sex and age.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.identifiers import normalise_cnic
from tipwatch.domain.vocabulary import Sex
from tipwatch.services.imports.cells import RowCells, RowProblem, aligned
from tipwatch.services.imports.lists import NamedPerson, split_aligned, split_people
from tipwatch.services.imports.values import parse_age, parse_count

MAX_NAME = 200
MAX_VICTIMS = 500
_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve"]  # fmt: skip
COUNT_WORDS = {word: n for n, word in enumerate(_NUMBERS, start=1)}


@dataclass
class PersonEntry:
    name: str | None
    father_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    address: str | None = None
    cnic: str | None = None
    sex: str = Sex.UNKNOWN.value
    age: int | None = None


def _people(row: RowCells, column: str) -> list[NamedPerson]:
    people = row.parsed(column, lambda: split_people(row.text(column)))
    for person in people:
        for text in (person.name, person.father_name, person.address, *person.aliases):
            if text is not None and len(text) > MAX_NAME:
                raise RowProblem(column, f"{column} has a name over {MAX_NAME} characters")
    return people


def _entry(person: NamedPerson) -> PersonEntry:
    return PersonEntry(
        person.name, person.father_name, person.aliases, person.address, age=person.age
    )


def read_accused(row: RowCells) -> list[PersonEntry]:
    accused = [_entry(p) for p in _people(row, "accused")] or [PersonEntry(None)]
    cnics = aligned(
        "accused_cnic",
        split_aligned(row.text("accused_cnic")),
        len(accused),
        "accused",
        one_for_all=False,
    )
    seen: set[str] = set()
    for n, (person, cnic) in enumerate(zip(accused, cnics, strict=True), start=1):
        if cnic is None:
            continue
        if person.name is None:
            raise RowProblem("accused_cnic", f"accused_cnic (entry {n}) is for an unnamed accused")
        try:
            person.cnic = normalise_cnic(cnic, field="accused_cnic")
        except InvalidInput as exc:
            raise RowProblem("accused_cnic", f"entry {n}: {exc.message}") from exc
        if person.cnic in seen:
            raise RowProblem("accused_cnic", f"accused_cnic (entry {n}) repeats an earlier CNIC")
        seen.add(person.cnic)
    _sexes(row, "accused_sex", accused, "accused")
    return accused


def read_victims(row: RowCells) -> list[PersonEntry]:
    text = row.text("victims")
    if text.lower() in COUNT_WORDS:  # "Three"
        text = str(COUNT_WORDS[text.lower()])
    if text and text.split()[0].isdigit():
        count = row.parsed("victims", lambda: parse_count(text))
        if count > MAX_VICTIMS:
            raise RowProblem("victims", f"victims counts {count}; at most {MAX_VICTIMS} are read")
        victims = [PersonEntry(None) for _ in range(count)]
    else:
        victims = [_entry(p) for p in _people(row, "victims")]
    _sexes(row, "victim_sex", victims, "victims")
    ages = aligned("victim_age", split_aligned(row.text("victim_age")), len(victims), "victims")
    for n, (victim, age) in enumerate(zip(victims, ages, strict=True), start=1):
        if age is not None:
            victim.age = row.parsed("victim_age", partial(parse_age, age), n)
    return victims


def _sexes(row: RowCells, column: str, people: list[PersonEntry], what: str) -> None:
    sexes = aligned(column, split_aligned(row.text(column)), len(people), what)
    for person, sex in zip(people, sexes, strict=True):
        if sex is not None:
            person.sex = row.word(column, sex)
