"""The CrPC s.173 clock: a police report is due within 14 days of the FIR, an interim one by day 17.

If the investigation is not complete 14 days after the FIR, the officer in charge must submit an
interim report within the next 3 days, on which the court starts the trial. The provision is
"mostly observed in the breach"; tipwatch shows how often.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

INVESTIGATION_DAYS = 14
INTERIM_REPORT_GRACE_DAYS = 3
CHALLAN_DUE_AFTER_DAYS = INVESTIGATION_DAYS + INTERIM_REPORT_GRACE_DAYS


class ChallanStatus(StrEnum):
    NO_FIR = "no_fir"  # the clock has not started
    PENDING = "pending"  # not yet submitted, not yet due
    OVERDUE = "overdue"  # not submitted and past due
    ON_TIME = "on_time"
    LATE = "late"  # submitted after the due date
    STOPPED = "stopped"  # the case ended (cancelled, untraced...) before the report fell due


@dataclass(frozen=True)
class ChallanClock:
    status: ChallanStatus
    due_on: date | None = None
    submitted_on: date | None = None
    days_late: int = 0

    @property
    def is_overdue(self) -> bool:
        return self.status is ChallanStatus.OVERDUE


def challan_due_date(fir_on: date) -> date:
    return fir_on + timedelta(days=CHALLAN_DUE_AFTER_DAYS)


def challan_clock(
    fir_on: date | None, challan_on: date | None, closed_on: date | None, today: date
) -> ChallanClock:
    """Where the s.173 report stands for a case with this FIR date, report date and closure date."""
    if fir_on is None:
        return ChallanClock(ChallanStatus.NO_FIR)
    due = challan_due_date(fir_on)
    if challan_on is not None:
        late = (challan_on - due).days
        status = ChallanStatus.LATE if late > 0 else ChallanStatus.ON_TIME
        return ChallanClock(status, due, challan_on, max(late, 0))
    if closed_on is not None and closed_on <= due:
        return ChallanClock(ChallanStatus.STOPPED, due)
    end = min(today, closed_on) if closed_on is not None else today
    if end > due:
        return ChallanClock(ChallanStatus.OVERDUE, due, None, (end - due).days)
    return ChallanClock(ChallanStatus.PENDING, due)
