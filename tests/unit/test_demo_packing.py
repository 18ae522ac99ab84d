"""A year of demo rows crosses from the worker to the writer as bytes and comes back as it was."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tipwatch.domain.events import EventKind
from tipwatch.domain.law.catalogue import default_catalogue
from tipwatch.domain.vocabulary import CaseType, ExploitationForm, PersonRole
from tipwatch.services.bulk import (
    CaseBundle,
    ChargeRecord,
    EventRecord,
    NewPerson,
    PartyRecord,
    prepare,
)
from tipwatch.services.bulk_rows import CaseRows, PeopleRows, RowMaker
from tipwatch.services.demo.yearly import RowBatch, packed_year, unpacked_year
from tipwatch.storage.database import dialect_named


def _batch(reported_on: object, number: int) -> RowBatch:
    case = CaseRows(
        case=(f"FIA-LHR/2023/{number}", str(number), 2023, 3, reported_on, None),
        forms=["forced_labour"],
        parties=[(0, None, "accused", None), (None, 12, "victim", None)],
        charges=[(None, 1, "PTPA 3(1)", "[]")],
        events=[(None, None, None, "fir_registered", reported_on, "{}")],
        legs=[(None, 2, 1, "LHE", "DXB")],
    )
    people = PeopleRows(
        "2026-11-29 05:00:00", [("male", 30, None)], [b'{"name":"A"}'], [[("name", "a")]]
    )
    return RowBatch(people, [case])


@pytest.mark.parametrize(
    ("reported_on", "format_used"),
    [("2023-01-12", b"M"), (date(2023, 1, 12), b"P")],  # as SQLite's driver takes it, and PG's
)
def test_a_year_of_rows_comes_back_from_the_worker_as_it_was(
    reported_on: object, format_used: bytes
) -> None:
    year = [_batch(reported_on, 7), _batch(reported_on, 8)]
    data = packed_year(year)

    assert data[:1] == format_used
    assert unpacked_year(data) == year


def test_rows_made_from_vocabulary_values_cross_as_plain_text() -> None:
    """The demo names types, roles, forms and events by their vocabulary (StrEnum) values:
    the rows made from them must still be plain values, or every year goes through pickle."""
    accused = NewPerson({"name": "Accused 1", "cnic": "3520211112223"}, sex="male")
    bundle = CaseBundle(
        number="1",
        year=2024,
        unit_id=1,
        unit_code="FIA-LHR",
        case_type=CaseType.TRAFFICKING,
        reported_on=date(2024, 1, 5),
        offence_date=date(2024, 1, 1),
        exploitation=[ExploitationForm.FORCED_LABOUR],
        parties=[
            PartyRecord("a", PersonRole.ACCUSED, accused),
            PartyRecord("v", PersonRole.VICTIM, NewPerson({"name": "Victim 1"}, sex="female")),
        ],
        charges=[ChargeRecord("c", "a", "3(1) PTPA")],
        events=[
            EventRecord(EventKind.FIR_REGISTERED, date(2024, 1, 5)),
            EventRecord(EventKind.ARREST, date(2024, 1, 6), party_key="a"),
        ],
    )
    prepared = prepare(bundle, default_catalogue(), date(2025, 1, 1))
    people, cases = RowMaker(dialect_named("sqlite"), datetime(2025, 1, 1)).rows([prepared])
    year = [RowBatch(people, cases)]

    data = packed_year(year)

    assert data[:1] == b"M"
    assert unpacked_year(data) == year
