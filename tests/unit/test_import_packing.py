"""A checked batch crosses from a worker to the writer as bytes and comes back as it was."""

from __future__ import annotations

from datetime import date

import pytest

from tipwatch.services.bulk_rows import CaseRows, PeopleRows
from tipwatch.services.imports.checking import CheckedBatch, CheckedRow, Refusal
from tipwatch.services.imports.packing import packed, unpacked
from tipwatch.services.imports.store import UnitRow


def _batch(reported_on: object) -> CheckedBatch:
    unit = UnitRow(3, "FIA-LHR", "Lahore")
    case = CaseRows(
        case=("FIA-LHR/2023/7", "7", 2023, 3, reported_on, None),
        forms=["forced_labour"],
        parties=[(0, None, "accused", None), (None, 12, "victim", None)],
        charges=[(None, 1, "PTPA 3(1)", "[]")],
        events=[(None, None, None, "fir_registered", reported_on, "{}")],
        legs=[],
    )
    return CheckedBatch(
        [
            CheckedRow(
                2, unit=unit, reference="FIA-LHR/2023/7", fingerprints=("ab", "cd"), rows=case
            ),
            CheckedRow(3, refused=Refusal("fir_date", "fir_date is empty")),
            CheckedRow(
                4,
                unit=unit,
                reference="FIA-LHR/2023/8",
                fingerprints=("ef",),
                broken_rule=Refusal(None, "a rule"),
            ),
            CheckedRow(
                5, unit=unit, reference="FIA-LHR/2023/9", fingerprints=("01",), probably_stored=True
            ),
        ],
        PeopleRows(
            "2026-11-29 05:00:00",
            [("male", 30, None)],
            [b'{"name":"Accused 1"}'],
            [[("name", "accused 1")]],
        ),
    )


@pytest.mark.parametrize(
    "reported_on",
    ["2023-01-12", date(2023, 1, 12)],  # as SQLite's driver takes it, and PostgreSQL's
)
def test_a_checked_batch_comes_back_from_the_worker_as_it_was(reported_on: object) -> None:
    batch = _batch(reported_on)

    assert unpacked(packed(batch)) == batch
