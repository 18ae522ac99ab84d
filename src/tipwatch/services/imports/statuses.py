"""A register's status turned into the dated events that make it true.

Each status needs the dates of the steps it implies; a missing one refuses the row naming the
column, rather than inventing a date. A date for a step beyond the status is refused too (the
status or the date is wrong). Two dates are taken from the law and practice, not invented:
the investigation starts with the FIR (CrPC s.156) unless `investigation_date` says otherwise,
and a sentence is passed in the judgment (CrPC s.367) unless `sentence_date` says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from tipwatch.domain.events import EventKind
from tipwatch.services.bulk import EventRecord
from tipwatch.services.imports.cells import RowProblem
from tipwatch.services.imports.rows import CaseRow
from tipwatch.services.imports.words import ImportStatus, Verdict

S, E = ImportStatus, EventKind
TRIAL_PATH = (S.UNDER_TRIAL, S.CONVICTED, S.SENTENCED, S.ACQUITTED)
VERDICTS = (S.CONVICTED, S.SENTENCED, S.ACQUITTED)
CLOSURES = {S.COMPROMISED: E.COMPROMISE, S.CANCELLED: E.FIR_CANCELLED, S.UNTRACED: E.UNTRACED}
# The furthest step whose date a status may carry: 0 FIR, 1 investigation, 2 challan, 3 charge,
# 4 verdict. Closures may come at any point a case has reached.
_REACH = {S.FIR_REGISTERED: 0, S.UNDER_INVESTIGATION: 1, S.CHALLAN_SUBMITTED: 2,
          S.UNDER_TRIAL: 3, S.CONVICTED: 4, S.SENTENCED: 4, S.ACQUITTED: 4,
          S.COMPROMISED: 3, S.CANCELLED: 2, S.UNTRACED: 2}  # fmt: skip
_STEP = {"investigation_date": 1, "interim_challan_date": 2, "challan_date": 2,
         "charge_date": 3, "verdict_date": 4, "sentence_date": 4}  # fmt: skip


def _event(kind: EventKind, day: date, **fields: Any) -> EventRecord:
    return EventRecord(kind.value, day, **fields)


def charge_key(accused: int, provision: int) -> str:
    return f"c{accused}.{provision}"


def _refuse_dates_beyond(row: CaseRow) -> None:
    reach = _REACH[row.status]
    for column, step in _STEP.items():
        if column in row.dates and step > reach:
            raise RowProblem(
                column,
                f"{column} is given but the status {row.status} has no such step: "
                "correct the status or clear the date",
            )
    if "closure_date" in row.dates and row.status not in CLOSURES:
        raise RowProblem("closure_date", f"closure_date is given but the status is {row.status}")
    if any(row.arrests) and row.status is S.FIR_REGISTERED:
        raise RowProblem("arrest_date", "arrest_date is given but the status is fir_registered")
    if any(row.sentences) and row.status not in (S.CONVICTED, S.SENTENCED):
        raise RowProblem("sentence_months", f"a sentence is given but the status is {row.status}")


def _needed(row: CaseRow, column: str) -> date:
    if column not in row.dates:
        raise RowProblem(column, f"the status {row.status} needs {column}")
    return row.dates[column]


def case_events(row: CaseRow) -> list[EventRecord]:
    """Every event of the row's case, or RowProblem naming the column at fault."""
    _refuse_dates_beyond(row)
    court = {"court": row.court} if row.court else {}
    events = [_event(E.FIR_REGISTERED, row.fir_date)]
    if row.reported_on < row.fir_date:
        events.append(_event(E.COMPLAINT, row.reported_on))
    if row.status is not S.FIR_REGISTERED:
        events.append(
            _event(E.INVESTIGATION_STARTED, row.dates.get("investigation_date", row.fir_date))
        )
    events += [
        _event(E.ARREST, day, party_key=f"a{n}")
        for n, day in enumerate(row.arrests, start=1)
        if day is not None
    ]
    if row.status in (S.CHALLAN_SUBMITTED, *TRIAL_PATH) and not (
        {"challan_date", "interim_challan_date"} & row.dates.keys()
    ):
        raise RowProblem("challan_date", f"the status {row.status} needs challan_date")
    challans = (("interim_challan_date", E.INTERIM_CHALLAN), ("challan_date", E.FINAL_CHALLAN))
    for column, kind in challans:
        if column in row.dates:
            events.append(_event(kind, row.dates[column], details=dict(court)))
    if row.status in TRIAL_PATH or "charge_date" in row.dates:
        framed = _needed(row, "charge_date")
        if any(a.name is None for a in row.accused):
            raise RowProblem("accused", "a charge is framed against named accused only")
        events += [
            _event(E.CHARGE_FRAMED, framed, charge_key=key, details=dict(court))
            for key in _charges(row)
        ]
    if row.status in VERDICTS:
        events += _verdicts(row, court)
    if row.status in CLOSURES:
        events.append(_event(CLOSURES[row.status], _needed(row, "closure_date")))
    return events


def _charges(row: CaseRow) -> Iterator[str]:
    for a in range(1, len(row.accused) + 1):
        for p in range(1, len(row.provisions) + 1):
            yield charge_key(a, p)


def _verdicts(row: CaseRow, court: dict[str, Any]) -> list[EventRecord]:
    decided = _needed(row, "verdict_date")
    default = Verdict.ACQUITTED if row.status is S.ACQUITTED else Verdict.CONVICTED
    verdicts = [v or default for v in row.verdicts]
    if row.status is S.ACQUITTED and Verdict.CONVICTED in verdicts:
        raise RowProblem("verdict", "the status is acquitted but verdict names a conviction")
    if row.status is not S.ACQUITTED and Verdict.CONVICTED not in verdicts:
        raise RowProblem("verdict", f"the status is {row.status} but verdict names no conviction")
    if row.status is S.SENTENCED and not any(row.sentences):
        raise RowProblem(
            "sentence_months", "the status sentenced needs sentence_months or fine_rupees"
        )
    sentenced_on = row.dates.get("sentence_date", decided)
    events: list[EventRecord] = []
    for a, verdict in enumerate(verdicts, start=1):
        kind = E.CONVICTION if verdict == Verdict.CONVICTED else E.ACQUITTAL
        for p, sentence in enumerate(row.sentences, start=1):
            key = charge_key(a, p)
            events.append(_event(kind, decided, charge_key=key, details=dict(court)))
            if kind is E.CONVICTION and sentence is not None:
                details: dict[str, Any] = {**court, "life_imprisonment": sentence.life}
                if sentence.months:
                    details["imprisonment_months"] = sentence.months
                if sentence.fine:
                    details["fine_rupees"] = sentence.fine
                events.append(_event(E.SENTENCE, sentenced_on, charge_key=key, details=details))
    return events
