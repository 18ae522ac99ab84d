"""Where a case and each accused left the pipeline, from the case's events."""

from __future__ import annotations

from datetime import date

from tipwatch.domain.events import CaseFacts, ChargeRef, EventKind, PipelineEvent
from tipwatch.domain.funnel import FinalState, FunnelPosition, FunnelStage, positions
from tipwatch.domain.pipeline import replay
from tipwatch.domain.stages import AccusedStage

E = EventKind
CHARGES = {1: ChargeRef(1, 1, "PTPA 3(1)"), 2: ChargeRef(2, 2, "PTPA 3(1)")}


def _steps(*events: PipelineEvent) -> tuple[PipelineEvent, ...]:
    return (
        PipelineEvent(E.FIR_REGISTERED, date(2023, 1, 1)),
        PipelineEvent(E.FINAL_CHALLAN, date(2023, 2, 1)),
        PipelineEvent(E.CHARGE_FRAMED, date(2023, 3, 1), 1, 1),
        PipelineEvent(E.CHARGE_FRAMED, date(2023, 3, 1), 2, 2),
        *events,
    )


def _positions(*events: PipelineEvent) -> tuple[FunnelPosition, dict[int, FunnelPosition]]:
    facts = CaseFacts(frozenset({1, 2}), frozenset(), CHARGES, _steps(*events))
    record = replay(facts, date(2025, 1, 1))
    return positions(record)


def test_an_accused_convicted_before_the_rest_compromised_keeps_the_conviction() -> None:
    case, accused = _positions(
        PipelineEvent(E.CONVICTION, date(2023, 6, 1), 1, 1),
        PipelineEvent(E.SENTENCE, date(2023, 6, 1), 1, 1, {"imprisonment_months": 84}),
        PipelineEvent(E.COMPROMISE, date(2023, 7, 1)),
    )
    assert (accused[1].stage, accused[1].state) == (
        FunnelStage.SENTENCED_TO_PRISON,
        FinalState.IMPRISONED,
    )
    assert (accused[2].stage, accused[2].state) == (
        FunnelStage.CHARGE_FRAMED,
        FinalState.COMPROMISED,
    )
    assert (case.stage, case.state) == (
        FunnelStage.SENTENCED_TO_PRISON,
        FinalState.IMPRISONED,
    )


def test_an_accused_sentenced_before_a_compromise_stays_sentenced_in_the_case_file() -> None:
    facts_events = (
        PipelineEvent(E.CONVICTION, date(2023, 6, 1), 1, 1),
        PipelineEvent(E.SENTENCE, date(2023, 6, 1), 1, 1, {"imprisonment_months": 84}),
        PipelineEvent(E.COMPROMISE, date(2023, 7, 1)),
    )
    record = replay(
        CaseFacts(frozenset({1, 2}), frozenset(), CHARGES, _steps(*facts_events)), date(2025, 1, 1)
    )
    assert record.accused[1].stage(record.closure) == AccusedStage.SENTENCED
    assert record.accused[2].stage(record.closure) == AccusedStage.COMPROMISED


def test_a_case_compromised_before_any_verdict_is_compromised_for_everyone() -> None:
    case, accused = _positions(PipelineEvent(E.COMPROMISE, date(2023, 7, 1)))
    assert [a.state for a in accused.values()] == [FinalState.COMPROMISED] * 2
    assert (case.stage, case.state) == (
        FunnelStage.CHARGE_FRAMED,
        FinalState.COMPROMISED,
    )
