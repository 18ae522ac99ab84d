"""The justice pipeline's rules, replayed on plain facts (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from tipwatch.domain.errors import InvalidInput, RuleViolation
from tipwatch.domain.events import CaseFacts, ChargeRef, EventKind, PipelineEvent
from tipwatch.domain.pipeline import replay, replay_with
from tipwatch.domain.stages import AccusedStage, CaseStage

TODAY = date(2025, 6, 30)
A, B, V = 1, 2, 3
CHARGE_A, CHARGE_B = 10, 20


def ev(
    kind: str, day: str, party: int | None = None, charge: int | None = None, **details: object
) -> PipelineEvent:
    return PipelineEvent(EventKind(kind), date.fromisoformat(day), party, charge, details)


def facts(*events: PipelineEvent) -> CaseFacts:
    return CaseFacts(
        accused_ids=frozenset({A, B}),
        victim_ids=frozenset({V}),
        charges={
            CHARGE_A: ChargeRef(CHARGE_A, A, "PTPA 3(1)"),
            CHARGE_B: ChargeRef(CHARGE_B, B, "PTPA 3(1)"),
        },
        events=events,
    )


TRIAL = (
    ev("fir_registered", "2025-01-10"),
    ev("arrest", "2025-01-11", A),
    ev("arrest", "2025-01-11", B),
    ev("interim_challan", "2025-01-27"),
    ev("charge_framed", "2025-02-10", charge=CHARGE_A),
    ev("charge_framed", "2025-02-10", charge=CHARGE_B),
)


def refused_rule(*events: PipelineEvent) -> str:
    with pytest.raises(RuleViolation) as caught:
        replay(facts(*events), TODAY)
    assert caught.value.rule is not None
    return caught.value.rule


def test_a_case_with_only_a_complaint_is_reported() -> None:
    assert replay(facts(ev("complaint", "2025-01-01")), TODAY).stage() is CaseStage.REPORTED


def test_conviction_before_charge_is_rejected() -> None:
    rule = refused_rule(*TRIAL[:4], ev("conviction", "2025-03-01", charge=CHARGE_A))
    assert rule == "verdict-needs-charge"


def test_sentence_without_conviction_is_rejected() -> None:
    rule = refused_rule(
        *TRIAL, ev("sentence", "2025-03-01", charge=CHARGE_A, imprisonment_months=24)
    )
    assert rule == "sentence-needs-conviction"


def test_charge_before_challan_is_rejected() -> None:
    rule = refused_rule(*TRIAL[:3], ev("charge_framed", "2025-01-20", charge=CHARGE_A))
    assert rule == "charge-needs-challan"


def test_any_step_before_the_fir_is_rejected() -> None:
    assert refused_rule(ev("arrest", "2025-01-01", A)) == "fir-first"


def test_bail_needs_an_arrest() -> None:
    assert refused_rule(TRIAL[0], ev("bail", "2025-01-12", A)) == "bail-needs-arrest"


def test_a_second_fir_is_rejected() -> None:
    assert refused_rule(TRIAL[0], ev("fir_registered", "2025-01-12")) == "once-only"


def test_a_date_in_the_future_is_rejected() -> None:
    assert refused_rule(ev("fir_registered", "2025-07-01")) == "no-future-dates"


def test_an_appeal_needs_a_verdict() -> None:
    assert refused_rule(*TRIAL, ev("appeal_filed", "2025-04-01", A)) == "appeal-needs-verdict"


def test_a_cancelled_case_takes_nothing_but_an_appeal_or_a_reopening() -> None:
    closed = (TRIAL[0], ev("fir_cancelled", "2025-02-01"))
    assert refused_rule(*closed, ev("interim_challan", "2025-02-02")) == "closed-case"
    record = replay(facts(*closed, ev("reopened", "2025-03-01")), TODAY)
    assert record.stage() is CaseStage.FIR_REGISTERED


def test_a_case_cannot_be_cancelled_once_charges_are_framed() -> None:
    assert refused_rule(*TRIAL, ev("fir_cancelled", "2025-03-01")) == "closure-before-trial"


def test_a_decided_case_takes_only_an_appeal() -> None:
    decided = (
        *TRIAL,
        ev("acquittal", "2025-04-01", charge=CHARGE_A),
        ev("acquittal", "2025-04-01", charge=CHARGE_B),
    )
    assert replay(facts(*decided), TODAY).stage() is CaseStage.ACQUITTED
    assert refused_rule(*decided, ev("arrest", "2025-04-02", A)) == "closed-case"
    record = replay(facts(*decided, ev("appeal_filed", "2025-04-20", A, appellant="state")), TODAY)
    assert record.stage() is CaseStage.UNDER_APPEAL


def test_stages_follow_one_conviction_and_one_acquittal() -> None:
    events = (
        *TRIAL,
        ev("conviction", "2025-04-01", charge=CHARGE_A),
        ev("acquittal", "2025-04-01", charge=CHARGE_B),
    )
    record = replay(facts(*events), TODAY)
    assert record.stage() is CaseStage.CONVICTED
    assert record.accused[A].stage(None) is AccusedStage.CONVICTED
    assert record.accused[B].stage(None) is AccusedStage.ACQUITTED
    sentenced = replay(
        facts(*events, ev("sentence", "2025-04-10", charge=CHARGE_A, fine_rupees=50_000)), TODAY
    )
    assert sentenced.stage() is CaseStage.SENTENCED


def test_an_appeal_that_overturns_a_conviction_acquits() -> None:
    events = (
        *TRIAL,
        ev("conviction", "2025-04-01", charge=CHARGE_A),
        ev("acquittal", "2025-04-01", charge=CHARGE_B),
        ev("sentence", "2025-04-10", charge=CHARGE_A, imprisonment_months=36),
        ev("appeal_filed", "2025-04-20", A, appellant="accused"),
        ev("appeal_decided", "2025-06-01", A, outcome="overturned"),
    )
    record = replay(facts(*events), TODAY)
    assert record.stage() is CaseStage.APPEAL_DECIDED
    outcome = record.accused[A].outcome()
    assert outcome is not None
    assert outcome.value == "acquitted"


def test_all_accused_discharged_is_discharged() -> None:
    events = (*TRIAL[:4], ev("discharge", "2025-02-01", A), ev("discharge", "2025-02-01", B))
    assert replay(facts(*events), TODAY).stage() is CaseStage.DISCHARGED


def test_an_untraced_accused_can_later_be_arrested() -> None:
    events = (TRIAL[0], ev("untraced", "2025-02-01", A), ev("arrest", "2025-03-01", A))
    assert replay(facts(*events), TODAY).accused[A].stage(None) is AccusedStage.ARRESTED


def test_a_back_dated_step_is_checked_where_it_falls() -> None:
    base = facts(*TRIAL[:4])
    with pytest.raises(RuleViolation):
        replay_with(base, [ev("charge_framed", "2025-01-20", charge=CHARGE_A)], TODAY)
    record = replay_with(base, [ev("investigation_started", "2025-01-10")], TODAY)
    assert record.stage() is CaseStage.CHALLAN_SUBMITTED


def test_an_event_names_the_right_kind_of_party() -> None:
    with pytest.raises(RuleViolation) as caught:
        replay(facts(TRIAL[0], ev("arrest", "2025-01-11", V)), TODAY)
    assert caught.value.field == "party_id"
    with pytest.raises(RuleViolation) as referral:
        replay(facts(TRIAL[0], ev("victim_referred", "2025-01-11", A, referred_to="x")), TODAY)
    assert referral.value.rule == "victim-required"


def test_a_sentence_must_impose_something() -> None:
    with pytest.raises(InvalidInput) as caught:
        replay(
            facts(
                *TRIAL,
                ev("conviction", "2025-04-01", charge=CHARGE_A),
                ev("sentence", "2025-04-02", charge=CHARGE_A),
            ),
            TODAY,
        )
    assert caught.value.field == "details.imprisonment_months"


def test_unknown_details_are_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as caught:
        replay(facts(ev("fir_registered", "2025-01-10", colour="red")), TODAY)
    assert caught.value.field == "details.colour"


def test_victim_care_continues_after_the_case_closes() -> None:
    events = (
        TRIAL[0],
        ev("compromise", "2025-02-01"),
        ev("victim_referred", "2025-02-05", V, referred_to="Dar-ul-Aman Lahore"),
    )
    record = replay(facts(*events), TODAY)
    assert record.stage() is CaseStage.COMPROMISED
    assert V in record.victims_referred
