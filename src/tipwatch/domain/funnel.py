"""Where each case and each accused left the justice pipeline: the attrition funnel's terms.

Every case (and every accused) has one furthest stage reached and one final state, so the
stages and the drop-outs always add up: each is counted once, as pending or as one ending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum

from tipwatch.domain.stages import AccusedRecord, AccusedStage, CaseRecord, CaseStage


class FunnelStage(IntEnum):
    REPORTED = 0
    FIR_REGISTERED = 1
    UNDER_INVESTIGATION = 2
    CHALLAN_SUBMITTED = 3
    CHARGE_FRAMED = 4
    TRIAL_CONCLUDED = 5
    CONVICTED = 6
    SENTENCED_TO_PRISON = 7

    @property
    def label(self) -> str:
        return self.name.lower()


class FinalState(StrEnum):
    PENDING = "pending"  # still moving: waiting at its furthest stage
    COMPROMISED = "compromised"
    CANCELLED = "cancelled"
    UNTRACED = "untraced"
    TRANSFERRED = "transferred"
    DISCHARGED = "discharged"
    ACQUITTED = "acquitted"
    FINE_ONLY = "fine_only"  # convicted, no imprisonment
    IMPRISONED = "imprisoned"


_CLOSURE_STATE = {
    CaseStage.COMPROMISED: FinalState.COMPROMISED,
    CaseStage.CANCELLED: FinalState.CANCELLED,
    CaseStage.UNTRACED: FinalState.UNTRACED,
    CaseStage.TRANSFERRED: FinalState.TRANSFERRED,
}
_ACCUSED_ENDING = {
    AccusedStage.COMPROMISED: FinalState.COMPROMISED,
    AccusedStage.UNTRACED: FinalState.UNTRACED,
}


@dataclass(frozen=True)
class FunnelPosition:
    stage: FunnelStage
    state: FinalState
    investigation_on: date | None = None
    charged_on: date | None = None
    concluded_on: date | None = None
    convicted_on: date | None = None
    sentenced_on: date | None = None


def _min(dates: list[date | None]) -> date | None:
    present = [d for d in dates if d is not None]
    return min(present) if present else None


def _reached_before_trial(case: CaseRecord, investigation_on: date | None) -> FunnelStage:
    stage = FunnelStage.REPORTED
    if case.fir_on is not None:
        stage = FunnelStage.FIR_REGISTERED
    if investigation_on is not None:
        stage = FunnelStage.UNDER_INVESTIGATION
    if case.challan_on is not None:
        stage = FunnelStage.CHALLAN_SUBMITTED
    return stage


def accused_position(case: CaseRecord, person: AccusedRecord) -> FunnelPosition:
    """The furthest stage this accused reached, nested: each stage implies the ones before."""
    convicted = person.convicted_charges
    investigation_on = case.investigation_on or person.arrested_on
    stage = _reached_before_trial(case, investigation_on)
    charged_on = _min(list(person.framed.values()))
    concluded_on = convicted_on = sentenced_on = None
    if charged_on is not None:
        stage = FunnelStage.CHARGE_FRAMED
        if person.trial_over and not person.discharged:
            stage = FunnelStage.TRIAL_CONCLUDED
            concluded_on = max(person.verdict_dates.values())
            if convicted:
                stage = FunnelStage.CONVICTED
                convicted_on = min(person.verdict_dates[c] for c in convicted)
                sentenced_on = _min([person.sentence_dates.get(c) for c in convicted])
                if any(s.imprisons for c, s in person.sentences.items() if c in convicted):
                    stage = FunnelStage.SENTENCED_TO_PRISON
    return FunnelPosition(
        stage,
        _accused_state(case, person),
        investigation_on,
        charged_on,
        concluded_on,
        convicted_on,
        sentenced_on,
    )


def _accused_state(case: CaseRecord, person: AccusedRecord) -> FinalState:
    # A case compromised while one accused was still on trial ends for that accused only: one
    # convicted or acquitted before it keeps that outcome.
    if case.closure is not None and not person.resolved:
        return _CLOSURE_STATE[case.closure]
    if person.ended_as in _ACCUSED_ENDING:
        return _ACCUSED_ENDING[person.ended_as]
    if person.discharged:
        return FinalState.DISCHARGED
    if person.trial_over and not person.convicted_charges:
        return FinalState.ACQUITTED
    if person.trial_over and not person.sentences_pending:
        prison = any(
            s.imprisons for c, s in person.sentences.items() if c in person.convicted_charges
        )
        return FinalState.IMPRISONED if prison else FinalState.FINE_ONLY
    return FinalState.PENDING


# When every accused of a case is done with, the case ends as the best of their outcomes.
_STATE_RANK = [
    FinalState.IMPRISONED,
    FinalState.FINE_ONLY,
    FinalState.ACQUITTED,
    FinalState.DISCHARGED,
    FinalState.COMPROMISED,
    FinalState.UNTRACED,
    FinalState.CANCELLED,
    FinalState.TRANSFERRED,
]


def case_position(case: CaseRecord, accused: list[FunnelPosition]) -> FunnelPosition:
    """A case has concluded its trial when every accused is done with (or only awaits
    sentence) and at least one had a verdict; it is convicted if any accused was."""
    investigation_on = case.investigation_on or _min([a.investigation_on for a in accused])
    stage = _reached_before_trial(case, investigation_on)
    charged_on = _min([a.charged_on for a in accused])
    if charged_on is not None:
        stage = FunnelStage.CHARGE_FRAMED
    if case.closure is not None and not any(a.concluded_on for a in accused):
        return FunnelPosition(stage, _CLOSURE_STATE[case.closure], investigation_on, charged_on)
    waiting = [a for a in accused if a.state is FinalState.PENDING]
    done = not accused or all(a.concluded_on is not None for a in waiting)
    state = FinalState.PENDING
    if accused and not waiting:
        state = min((a.state for a in accused), key=_STATE_RANK.index)
    concluded_on = convicted_on = sentenced_on = None
    if accused and done and any(a.concluded_on is not None for a in accused):
        stage = FunnelStage.TRIAL_CONCLUDED
        concluded_on = max(a.concluded_on for a in accused if a.concluded_on is not None)
        convicted_on = _min([a.convicted_on for a in accused])
        if convicted_on is not None:
            stage = FunnelStage.CONVICTED
            sentenced_on = _min([a.sentenced_on for a in accused])
            if any(a.stage is FunnelStage.SENTENCED_TO_PRISON for a in accused):
                stage = FunnelStage.SENTENCED_TO_PRISON
    return FunnelPosition(
        stage, state, investigation_on, charged_on, concluded_on, convicted_on, sentenced_on
    )


def positions(case: CaseRecord) -> tuple[FunnelPosition, dict[int, FunnelPosition]]:
    """The case's position and each accused's."""
    accused = {pid: accused_position(case, person) for pid, person in case.accused.items()}
    return case_position(case, list(accused.values())), accused
