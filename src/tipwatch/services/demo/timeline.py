"""A case's life from the FIR to where its planned ending leaves it on the demo's last day.

The steps are planned in days after the FIR with realistic delays (most s.173 reports well past
day 17, trials of one to three years), then squeezed, if need be, so the step that defines the
ending falls on or before the last day; optional steps after it (a bail, an appeal decision)
are dropped if they would fall later. Steps are planned in pipeline order, so squeezing never
reorders them against the rules.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from tipwatch.domain.events import EventKind
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.bulk import ChargeRecord, EventRecord
from tipwatch.services.demo.cast import Cast
from tipwatch.services.demo.geography import DISTRICT
from tipwatch.services.demo.sentencing import appeals_court, trial_court
from tipwatch.services.demo.verdicts import give_verdicts
from tipwatch.services.demo.volumes import Ending

K = EventKind
_CLOSING = {
    Ending.COMPROMISED: (K.COMPROMISE, (20, 300)),
    Ending.CANCELLED: (K.FIR_CANCELLED, (30, 300)),
    Ending.UNTRACED: (K.UNTRACED, (60, 500)),
    Ending.TRANSFERRED: (K.TRANSFERRED, (5, 90)),
}
VERDICT_ENDINGS = frozenset(
    {Ending.ACQUITTED, Ending.AWAITING_SENTENCE, Ending.FINE_ONLY, Ending.IMPRISONED}
)


@dataclass
class _Step:
    offset: int  # days after the FIR, before squeezing
    kind: EventKind
    party: str | None = None
    charge: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class CaseLife:
    """Plans the steps of one case; `must` is the offset of the step that defines its ending."""

    rng: random.Random
    cast: Cast
    catalogue: LegalCatalogue
    district: str
    fia: bool
    steps: list[_Step] = field(default_factory=list)
    must: int = 0
    final_challan: int | None = None

    def add(
        self,
        offset: int,
        kind: EventKind,
        party: str | None = None,
        charge: str | None = None,
        **details: Any,
    ) -> int:
        self.steps.append(_Step(offset, kind, party, charge, details))
        return offset

    @cached_property  # the charges are settled before the case's life is planned
    def trial_court(self) -> str:
        return trial_court([c.provision for c in self.cast.charges], self.district)

    @property
    def appeals_court(self) -> str:
        return appeals_court(self.trial_court, self.district, DISTRICT[self.district].province)

    def charges_of(self, accused: str) -> list[ChargeRecord]:
        return [c for c in self.cast.charges if c.party_key == accused]

    def plan(self, ending: Ending) -> None:
        if ending is Ending.FIR_ONLY:
            return
        rng = self.rng
        self.must = inv = self.add(rng.randint(0, 3), K.INVESTIGATION_STARTED)
        accused = self.cast.keys(PersonRole.ACCUSED)
        if ending is Ending.INVESTIGATING:
            self.arrests(accused, inv, 0.5, None)
            return
        if ending in _CLOSING and (ending is not Ending.COMPROMISED or rng.random() < 0.6):
            kind, (low, high) = _CLOSING[ending]
            at = inv + rng.randint(low, high)
            if ending is not Ending.UNTRACED:
                self.arrests(accused, inv, 0.35, at)
            agency = {"to_agency": "Police" if self.fia else "FIA"}
            self.must = self.add(at, kind, **(agency if kind is K.TRANSFERRED else {}))
            return
        challan = self.challan(inv)
        tried = accused
        # A proclaimed offender: not with a compromise, which squeezed onto the same day
        # would come first and close the case
        pending_or_closed = (Ending.CHALLANED, Ending.COMPROMISED)
        if len(accused) > 1 and ending not in pending_or_closed and rng.random() < 0.2:
            absconder, tried = accused[-1], accused[:-1]
            at = challan + rng.randint(0, 30)
            self.arrests([absconder], inv, 0.3, at)
            self.add(at, K.UNTRACED, absconder)
        self.trial(ending, challan, tried, inv)

    def challan(self, inv: int) -> int:
        """The s.173 report: on time (by day 17) in about 15% of cases."""
        rng = self.rng
        late = 18 + min(700, int(rng.expovariate(1 / 75)))
        at = inv + (rng.randint(3, 17) if rng.random() < 0.15 else late)
        self.must = at
        if rng.random() < 0.55:
            self.add(at, K.INTERIM_CHALLAN)
            self.final_challan = at + rng.randint(30, 300)  # filed once the trial court sits
        else:
            self.add(at, K.FINAL_CHALLAN)
        return at

    def complete_challan(self, before: int | None) -> None:
        """The final report after an interim one, no later than the court's next step."""
        if self.final_challan is not None:
            self.add(min(self.final_challan, before or self.final_challan), K.FINAL_CHALLAN)

    def trial(self, ending: Ending, challan: int, tried: list[str], inv: int) -> None:
        rng = self.rng
        if ending is Ending.CHALLANED:
            self.complete_challan(None)
            self.arrests(tried, inv, 0.7, None)
            return
        frame = challan + rng.randint(20, 400)
        if ending is Ending.DISCHARGED:  # instead of a charge (CrPC s.242, s.265-D)
            at = challan + rng.randint(30, 300)
            self.complete_challan(at)
            self.arrests(tried, inv, 0.6, at)
            for person in tried:
                self.add(at, K.DISCHARGE, person)
            self.must = at
            return
        self.complete_challan(frame)
        resolve = frame + rng.randint(180, 1100)
        until = resolve if ending in VERDICT_ENDINGS or ending is Ending.COMPROMISED else None
        self.arrests(tried, inv, 0.75, until)
        self.must = self.frame(tried, frame)
        if ending is Ending.COMPROMISED:
            self.must = self.add(resolve, K.COMPROMISE)
        elif ending in VERDICT_ENDINGS:
            self.verdicts(ending, tried, resolve)

    def frame(self, tried: list[str], at: int) -> int:
        for person in tried:
            for charge in self.charges_of(person):
                self.add(at, K.CHARGE_FRAMED, charge=charge.key)
        return at

    def arrests(self, accused: list[str], inv: int, share: float, until: int | None) -> None:
        """Arrests (and bail for some) before `until`, the day the accused's part ends."""
        rng = self.rng
        for person in accused:
            if rng.random() >= share:
                continue
            at = inv + rng.randint(0, 40)
            at = min(at, until) if until is not None else at
            self.add(at, K.ARREST, person)
            bail = at + rng.randint(7, 120)
            if rng.random() < 0.5 and (until is None or bail <= until):
                self.add(bail, K.BAIL, person, court=f"Judicial Magistrate {self.district}")

    def verdicts(self, ending: Ending, tried: list[str], at: int) -> None:
        give_verdicts(self, ending, tried, at)

    def dated(self, fir_on: date, last_day: date) -> list[EventRecord]:
        """The planned steps as events, squeezed if need be so the ending falls by `last_day`."""
        available = (last_day - fir_on).days
        factor = 1.0
        if self.must > available:  # end somewhere in the later half of the time there is
            factor = self.rng.randint(available // 2, available) / self.must
        events = []
        for step in self.steps:
            day = fir_on + timedelta(days=int(step.offset * factor))
            if day <= last_day:
                events.append(EventRecord(step.kind, day, step.party, step.charge, step.details))
        return events
