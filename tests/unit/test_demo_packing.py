"""A year of demo rows crosses from the worker to the writer as bytes and comes back as it was."""

from __future__ import annotations

from datetime import date

import pytest

from tipwatch.services.bulk_rows import CaseRows, PeopleRows
from tipwatch.services.demo.yearly import RowBatch, packed_year, unpacked_year


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
