"""The CrPC s.173 clock: a report is due 17 days after the FIR."""

from __future__ import annotations

from datetime import date

from tipwatch.domain.deadlines import ChallanStatus, challan_clock

FIR = date(2025, 1, 1)


def test_no_report_17_days_after_the_fir_is_not_yet_overdue() -> None:
    clock = challan_clock(FIR, None, None, today=date(2025, 1, 18))
    assert clock.status is ChallanStatus.PENDING
    assert clock.due_on == date(2025, 1, 18)


def test_no_report_on_day_18_is_overdue() -> None:
    clock = challan_clock(FIR, None, None, today=date(2025, 1, 19))
    assert clock.status is ChallanStatus.OVERDUE
    assert clock.days_late == 1


def test_a_report_after_the_due_date_is_late() -> None:
    clock = challan_clock(FIR, date(2025, 3, 1), None, today=date(2025, 6, 1))
    assert clock.status is ChallanStatus.LATE
    assert clock.days_late == (date(2025, 3, 1) - date(2025, 1, 18)).days


def test_a_case_closed_before_the_due_date_stops_the_clock() -> None:
    clock = challan_clock(FIR, None, date(2025, 1, 10), today=date(2025, 6, 1))
    assert clock.status is ChallanStatus.STOPPED


def test_no_fir_no_clock() -> None:
    assert challan_clock(None, None, None, date(2025, 1, 1)).status is ChallanStatus.NO_FIR
