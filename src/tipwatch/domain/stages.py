"""Where a case and each accused stand, derived from the events (never stored as the truth)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tipwatch.domain.events import AppealOutcome, EventKind, Sentence


class CaseStage(StrEnum):
    REPORTED = "reported"
    FIR_REGISTERED = "fir_registered"
    UNDER_INVESTIGATION = "under_investigation"
    CHALLAN_SUBMITTED = "challan_submitted"
    UNDER_TRIAL = "under_trial"
    CONVICTED = (
        "convicted"  # every accused's trial over, at least one convicted, a sentence pending
    )
    SENTENCED = "sentenced"  # every conviction sentenced
    ACQUITTED = "acquitted"  # every accused's trial over, none convicted
    DISCHARGED = "discharged"  # every accused discharged without trial
    UNDER_APPEAL = "under_appeal"
    APPEAL_DECIDED = "appeal_decided"
    COMPROMISED = "compromised"
    CANCELLED = "cancelled"
    UNTRACED = "untraced"
    TRANSFERRED = "transferred"


class AccusedStage(StrEnum):
    NAMED = "named"
    ARRESTED = "arrested"
    ON_BAIL = "on_bail"
    UNDER_TRIAL = "under_trial"
    DISCHARGED = "discharged"
    ACQUITTED = "acquitted"
    CONVICTED = "convicted"
    SENTENCED = "sentenced"
    UNDER_APPEAL = "under_appeal"
    APPEAL_DECIDED = "appeal_decided"
    COMPROMISED = "compromised"
    UNTRACED = "untraced"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"


class Verdict(StrEnum):
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"


# Case-level endings without a trial, and the accused stage each implies.
CLOSING_EVENTS: dict[EventKind, CaseStage] = {
    EventKind.COMPROMISE: CaseStage.COMPROMISED,
    EventKind.FIR_CANCELLED: CaseStage.CANCELLED,
    EventKind.UNTRACED: CaseStage.UNTRACED,
    EventKind.TRANSFERRED: CaseStage.TRANSFERRED,
}
_ACCUSED_STAGE_OF_CLOSURE = {
    CaseStage.COMPROMISED: AccusedStage.COMPROMISED,
    CaseStage.CANCELLED: AccusedStage.CANCELLED,
    CaseStage.UNTRACED: AccusedStage.UNTRACED,
    CaseStage.TRANSFERRED: AccusedStage.TRANSFERRED,
}


@dataclass
class AccusedRecord:
    """What has happened to one accused so far."""

    in_custody: bool = False
    arrested_on: date | None = None
    on_bail: bool = False
    framed: dict[int, date] = field(default_factory=dict)  # charge id -> framed on
    verdicts: dict[int, Verdict] = field(default_factory=dict)
    sentences: dict[int, Sentence] = field(default_factory=dict)
    discharged: bool = False
    discharged_on: date | None = None
    verdict_dates: dict[int, date] = field(default_factory=dict)
    sentence_dates: dict[int, date] = field(default_factory=dict)
    ended_as: AccusedStage | None = None  # compromised or untraced, this accused alone
    appeal_pending: bool = False
    appeal_outcome: AppealOutcome | None = None

    @property
    def trial_over(self) -> bool:
        """Discharged, or a verdict on every framed charge (and at least one)."""
        if self.discharged:
            return True
        return bool(self.framed) and self.framed.keys() <= self.verdicts.keys()

    @property
    def convicted_charges(self) -> set[int]:
        return {c for c, v in self.verdicts.items() if v is Verdict.CONVICTED}

    @property
    def sentences_pending(self) -> bool:
        return bool(self.convicted_charges - self.sentences.keys())

    @property
    def resolved(self) -> bool:
        """Nothing more happens to this accused at trial: only sentence and appeal remain."""
        return self.ended_as is not None or self.trial_over

    def stage(self, closure: CaseStage | None) -> AccusedStage:
        if closure is not None and not self.resolved:  # convicted before a compromise: convicted
            return _ACCUSED_STAGE_OF_CLOSURE[closure]
        if self.appeal_pending:
            return AccusedStage.UNDER_APPEAL
        if self.appeal_outcome is not None:
            return AccusedStage.APPEAL_DECIDED
        if self.ended_as is not None:
            return self.ended_as
        if self.discharged:
            return AccusedStage.DISCHARGED
        if self.trial_over:
            if not self.convicted_charges:
                return AccusedStage.ACQUITTED
            return AccusedStage.CONVICTED if self.sentences_pending else AccusedStage.SENTENCED
        if self.framed:
            return AccusedStage.UNDER_TRIAL
        if self.on_bail:
            return AccusedStage.ON_BAIL
        if self.in_custody:
            return AccusedStage.ARRESTED
        return AccusedStage.NAMED

    def outcome(self) -> Verdict | None:
        """The standing verdict for this accused: convicted if any charge stands convicted."""
        if not self.verdicts:
            return None
        return Verdict.CONVICTED if self.convicted_charges else Verdict.ACQUITTED


@dataclass
class CaseRecord:
    """What has happened to a case so far: the state the rules check against."""

    complaint_on: date | None = None
    fir_on: date | None = None
    investigation_on: date | None = None
    interim_challan_on: date | None = None
    final_challan_on: date | None = None
    closure: CaseStage | None = None
    closed_on: date | None = None
    accused: dict[int, AccusedRecord] = field(default_factory=dict)
    victims_identified: set[int] = field(default_factory=set)
    victims_referred: set[int] = field(default_factory=set)

    @property
    def challan_on(self) -> date | None:
        dates = [d for d in (self.interim_challan_on, self.final_challan_on) if d]
        return min(dates) if dates else None

    @property
    def any_framed(self) -> bool:
        return any(a.framed for a in self.accused.values())

    @property
    def decided(self) -> bool:
        """Every accused's trial is over and every conviction sentenced."""
        return bool(self.accused) and all(
            a.resolved and not a.sentences_pending for a in self.accused.values()
        )

    def stage(self) -> CaseStage:
        if self.closure is not None:
            return self.closure
        if self.fir_on is None:
            return CaseStage.REPORTED
        people = list(self.accused.values())
        if any(a.appeal_pending for a in people):
            return CaseStage.UNDER_APPEAL
        if people and all(a.resolved for a in people):
            return self._stage_after_trial(people)
        if any(a.framed for a in people):
            return CaseStage.UNDER_TRIAL
        if self.challan_on is not None:
            return CaseStage.CHALLAN_SUBMITTED
        if self.investigation_on or any(a.arrested_on for a in people):
            return CaseStage.UNDER_INVESTIGATION
        return CaseStage.FIR_REGISTERED

    def _stage_after_trial(self, people: list[AccusedRecord]) -> CaseStage:
        if any(a.appeal_outcome is not None for a in people):
            return CaseStage.APPEAL_DECIDED
        if any(a.sentences_pending for a in people):
            return CaseStage.CONVICTED
        if any(a.convicted_charges for a in people):
            return CaseStage.SENTENCED
        if any(a.verdicts for a in people):
            return CaseStage.ACQUITTED
        if all(a.discharged for a in people):
            return CaseStage.DISCHARGED
        if all(a.ended_as is AccusedStage.COMPROMISED for a in people):
            return CaseStage.COMPROMISED
        if any(a.discharged for a in people):
            return CaseStage.DISCHARGED
        return CaseStage.UNTRACED
