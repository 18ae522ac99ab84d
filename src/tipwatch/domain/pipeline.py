"""The justice pipeline's rules: which step may follow which, replayed in date order.

`replay` applies every event of a case in the order they happened and refuses the first one that
breaks a rule, naming the rule. Adding an event is checked by replaying the case with it, so a
step recorded late but dated early is judged where it belongs on the timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tipwatch.domain.errors import InvalidInput, RuleViolation
from tipwatch.domain.events import (
    CARE_EVENTS,
    DETAIL_FIELDS,
    MAX_DETAIL_TEXT,
    SUBJECT,
    AppealOutcome,
    Appellant,
    CaseFacts,
    EventKind,
    PipelineEvent,
    Subject,
)
from tipwatch.domain.stages import (
    CLOSING_EVENTS,
    AccusedRecord,
    AccusedStage,
    CaseRecord,
    Verdict,
)

E = EventKind


def _refuse(
    rule: str, message: str, event: PipelineEvent, field: str | None = None
) -> RuleViolation:
    record = f"event {event.id}" if event.id else f"new {event.kind} event"
    return RuleViolation(f"{message} (rule: {rule})", rule=rule, record=record, field=field)


def check_event_shape(event: PipelineEvent, facts: CaseFacts, today: date) -> None:
    """Checks that need no history: the date, the subject and the details the kind needs."""
    if event.occurred_on > today:
        raise _refuse(
            "no-future-dates",
            f"{event.kind} is dated {event.occurred_on}, after today ({today})",
            event,
            "occurred_on",
        )
    subject = SUBJECT[event.kind]
    if subject is Subject.CHARGE:
        if event.charge_id is None:
            raise _refuse("charge-required", f"{event.kind} must name a charge", event, "charge_id")
        if event.charge_id not in facts.charges:
            raise _refuse(
                "charge-required",
                f"charge {event.charge_id} is not a charge of this case",
                event,
                "charge_id",
            )
        charge = facts.charges[event.charge_id]
        if event.party_id is not None and event.party_id != charge.accused_id:
            raise _refuse(
                "charge-required",
                f"charge {event.charge_id} is against party "
                f"{charge.accused_id}, not party {event.party_id}",
                event,
                "party_id",
            )
    elif subject is Subject.ACCUSED or (subject is Subject.CASE_OR_ACCUSED and event.party_id):
        if event.party_id not in facts.accused_ids:
            raise _refuse(
                "accused-required",
                f"{event.kind} must name an accused of this case",
                event,
                "party_id",
            )
    elif subject is Subject.VICTIM:
        if event.party_id not in facts.victim_ids:
            raise _refuse(
                "victim-required",
                f"{event.kind} must name a victim of this case",
                event,
                "party_id",
            )
    elif event.party_id is not None or event.charge_id is not None:
        raise _refuse(
            "case-event",
            f"{event.kind} concerns the whole case; it names no party or charge",
            event,
            "party_id",
        )
    _check_details(event)


def _check_detail_types(event: PipelineEvent) -> None:
    allowed = DETAIL_FIELDS[event.kind]
    for name, value in event.details.items():
        where = f"details.{name}"
        if name not in allowed:
            known = ", ".join(allowed) or "none"
            raise InvalidInput(
                f"{event.kind} takes no detail {name!r} (it takes: {known})", field=where
            )
        wanted = allowed[name]
        if value is None:
            continue
        if wanted is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidInput(f"{name} must be a whole number", field=where)
        if wanted is bool and not isinstance(value, bool):
            raise InvalidInput(f"{name} must be true or false", field=where)
        if wanted is str and (
            not isinstance(value, str)
            or len(value) > MAX_DETAIL_TEXT
            or any(ord(c) < 32 for c in value)
        ):
            raise InvalidInput(
                f"{name} must be one line of text of at most {MAX_DETAIL_TEXT} characters",
                field=where,
            )


def _check_details(event: PipelineEvent) -> None:
    _check_detail_types(event)
    details = event.details
    for name, limit in (("imprisonment_months", 1200), ("fine_rupees", 10**12)):
        value = details.get(name)
        if value is not None and not 0 <= value <= limit:
            raise InvalidInput(f"{name} must be from 0 to {limit:,}", field=f"details.{name}")
    if event.kind is E.SENTENCE:
        sentence = event.sentence()
        if not sentence.imprisons and not sentence.fines:
            raise InvalidInput(
                "a sentence imposes imprisonment, a fine or both",
                field="details.imprisonment_months",
            )
    elif event.kind is E.APPEAL_DECIDED:
        outcome = details.get("outcome")
        if outcome not in set(AppealOutcome):
            allowed = ", ".join(AppealOutcome)
            raise InvalidInput(
                f"an appeal decision needs an outcome: one of {allowed}", field="details.outcome"
            )
    elif event.kind is E.APPEAL_FILED and details.get("appellant") not in (None, *Appellant):
        raise InvalidInput(
            "appellant is one of: " + ", ".join(Appellant), field="details.appellant"
        )
    elif event.kind is E.TRANSFERRED and not str(details.get("to_agency", "")).strip():
        raise InvalidInput("a transfer names the agency it went to", field="details.to_agency")
    elif event.kind is E.VICTIM_REFERRED and not str(details.get("referred_to", "")).strip():
        raise InvalidInput(
            "a referral names where the victim was referred", field="details.referred_to"
        )


def replay(facts: CaseFacts, today: date) -> CaseRecord:
    """Apply every event in date order; the first that breaks a rule raises RuleViolation."""
    record = CaseRecord(accused={a: AccusedRecord() for a in facts.accused_ids})
    for event in sorted(facts.events, key=PipelineEvent.sort_key):
        check_event_shape(event, facts, today)
        _apply(record, facts, event)
    return record


def replay_with(facts: CaseFacts, new_events: Iterable[PipelineEvent], today: date) -> CaseRecord:
    """The case as it would be with the new events added; raises if any of them is refused."""
    added = tuple(new_events)
    for event in added:
        check_event_shape(event, facts, today)
    merged = CaseFacts(facts.accused_ids, facts.victim_ids, facts.charges, facts.events + added)
    return replay(merged, today)


def _apply(record: CaseRecord, facts: CaseFacts, event: PipelineEvent) -> None:
    kind = event.kind
    if kind is E.COMPLAINT:
        if record.complaint_on is not None:
            raise _refuse("once-only", "the case already has its complaint", event)
        record.complaint_on = event.occurred_on
        return
    if kind is E.FIR_REGISTERED:
        if record.fir_on is not None:
            raise _refuse("once-only", f"an FIR was already registered on {record.fir_on}", event)
        record.fir_on = event.occurred_on
        return
    if record.fir_on is None:
        fir_on = next((e.occurred_on for e in facts.events if e.kind is E.FIR_REGISTERED), None)
        if fir_on is not None:
            raise _refuse(
                "not-before-fir",
                f"{kind} on {event.occurred_on} is dated before the FIR ({fir_on})",
                event,
                "occurred_on",
            )
        raise _refuse("fir-first", f"{kind} needs a registered FIR first", event)
    if event.occurred_on < record.fir_on:
        raise _refuse(
            "not-before-fir",
            f"{kind} on {event.occurred_on} is dated before the FIR ({record.fir_on})",
            event,
            "occurred_on",
        )
    if kind in CARE_EVENTS:
        _apply_care(record, event)
        return
    if record.closure is not None and kind not in (E.REOPENED, E.APPEAL_FILED, E.APPEAL_DECIDED):
        raise _refuse(
            "closed-case",
            f"the case was closed as {record.closure} on "
            f"{record.closed_on}; it takes only an appeal or a reopening",
            event,
        )
    if record.decided and kind not in (E.APPEAL_FILED, E.APPEAL_DECIDED):
        raise _refuse(
            "closed-case",
            "the trial of every accused is over; the case takes only an appeal",
            event,
        )
    if SUBJECT[kind] in (Subject.CASE, Subject.CASE_OR_ACCUSED) and event.party_id is None:
        _apply_case_event(record, event)
    else:
        _apply_accused_event(record, facts, event)


def _apply_care(record: CaseRecord, event: PipelineEvent) -> None:
    assert event.party_id is not None
    if event.kind is E.VICTIM_IDENTIFIED:
        if event.party_id in record.victims_identified:
            raise _refuse("once-only", "this victim was already identified", event)
        record.victims_identified.add(event.party_id)
    else:
        record.victims_referred.add(event.party_id)


def _apply_case_event(record: CaseRecord, event: PipelineEvent) -> None:
    kind = event.kind
    if kind is E.INVESTIGATION_STARTED:
        if record.investigation_on is not None:
            raise _refuse("once-only", "the investigation has already started", event)
        record.investigation_on = event.occurred_on
    elif kind is E.INTERIM_CHALLAN:
        if record.interim_challan_on is not None or record.final_challan_on is not None:
            raise _refuse(
                "challan-order", "an interim challan comes before the final one, once", event
            )
        record.interim_challan_on = event.occurred_on
    elif kind is E.FINAL_CHALLAN:
        if record.final_challan_on is not None:
            raise _refuse("once-only", "the final challan was already submitted", event)
        record.final_challan_on = event.occurred_on
    elif kind is E.REOPENED:
        if record.closure is None:
            raise _refuse("reopen-closed-only", "only a closed case can be reopened", event)
        record.closure = None
        record.closed_on = None
    elif kind in CLOSING_EVENTS:
        _close(record, event)


def _close(record: CaseRecord, event: PipelineEvent) -> None:
    kind = event.kind
    if kind in (E.FIR_CANCELLED, E.UNTRACED, E.TRANSFERRED) and record.any_framed:
        raise _refuse(
            "closure-before-trial",
            f"{kind} ends a case before trial; charges have already been framed",
            event,
        )
    if kind is E.COMPROMISE and all(a.resolved for a in record.accused.values()) and record.accused:
        raise _refuse("closure-before-trial", "every accused's trial is already over", event)
    record.closure = CLOSING_EVENTS[kind]
    record.closed_on = event.occurred_on


def _apply_accused_event(record: CaseRecord, facts: CaseFacts, event: PipelineEvent) -> None:
    kind = event.kind
    accused_id = event.party_id
    if event.charge_id is not None:
        accused_id = facts.charges[event.charge_id].accused_id
    assert accused_id is not None
    person = record.accused[accused_id]
    if kind in (E.APPEAL_FILED, E.APPEAL_DECIDED):
        _apply_appeal(person, event)
        return
    if kind is E.SENTENCE:
        _apply_sentence(person, event)
        return
    if person.resolved and not (kind is E.ARREST and person.ended_as is AccusedStage.UNTRACED):
        raise _refuse(
            "accused-resolved",
            f"the trial of accused {accused_id} is already over ({person.stage(None)})",
            event,
        )
    if kind is E.ARREST:
        if person.in_custody:
            raise _refuse(
                "already-in-custody",
                f"accused {accused_id} is already in custody since {person.arrested_on}",
                event,
            )
        person.in_custody, person.on_bail, person.arrested_on = True, False, event.occurred_on
        person.ended_as = None
    elif kind is E.BAIL:
        if not person.in_custody:
            raise _refuse("bail-needs-arrest", f"accused {accused_id} is not in custody", event)
        person.in_custody, person.on_bail = False, True
    elif kind is E.CHARGE_FRAMED:
        _frame(record, person, event)
    elif kind is E.DISCHARGE:
        if record.challan_on is None:
            raise _refuse(
                "discharge-needs-challan",
                "a court discharges an accused on a challan; none has been submitted",
                event,
            )
        if person.verdicts:
            raise _refuse("discharge-before-verdict", "a verdict has already been given", event)
        person.discharged, person.discharged_on = True, event.occurred_on
    elif kind in (E.CONVICTION, E.ACQUITTAL):
        _give_verdict(person, event)
    elif kind in (E.COMPROMISE, E.UNTRACED):
        person.ended_as = (
            AccusedStage.COMPROMISED if kind is E.COMPROMISE else AccusedStage.UNTRACED
        )


def _frame(record: CaseRecord, person: AccusedRecord, event: PipelineEvent) -> None:
    assert event.charge_id is not None
    if record.challan_on is None:
        raise _refuse(
            "charge-needs-challan",
            "a charge is framed on a challan (CrPC s.173); none has been submitted",
            event,
        )
    if event.charge_id in person.framed:
        raise _refuse("once-only", f"charge {event.charge_id} was already framed", event)
    person.framed[event.charge_id] = event.occurred_on


def _give_verdict(person: AccusedRecord, event: PipelineEvent) -> None:
    assert event.charge_id is not None
    if event.charge_id not in person.framed:
        raise _refuse(
            "verdict-needs-charge",
            f"no {event.kind} without a charge: charge {event.charge_id} has not been framed",
            event,
            "charge_id",
        )
    if event.charge_id in person.verdicts:
        raise _refuse(
            "once-only",
            f"charge {event.charge_id} already has a verdict ({person.verdicts[event.charge_id]})",
            event,
        )
    verdict = Verdict.CONVICTED if event.kind is E.CONVICTION else Verdict.ACQUITTED
    person.verdicts[event.charge_id] = verdict
    person.verdict_dates[event.charge_id] = event.occurred_on
    if verdict is Verdict.CONVICTED:
        person.in_custody = person.on_bail = False


def _apply_sentence(person: AccusedRecord, event: PipelineEvent) -> None:
    assert event.charge_id is not None
    if person.verdicts.get(event.charge_id) is not Verdict.CONVICTED:
        raise _refuse(
            "sentence-needs-conviction",
            f"no sentence without a conviction: charge {event.charge_id} has none",
            event,
            "charge_id",
        )
    if event.charge_id in person.sentences:
        raise _refuse(
            "once-only",
            f"charge {event.charge_id} was already sentenced; a changed "
            "sentence is recorded as an appeal decision",
            event,
        )
    person.sentences[event.charge_id] = event.sentence()
    person.sentence_dates[event.charge_id] = event.occurred_on


def _apply_appeal(person: AccusedRecord, event: PipelineEvent) -> None:
    if event.kind is E.APPEAL_FILED:
        if not person.verdicts:
            raise _refuse(
                "appeal-needs-verdict",
                "an appeal lies against a verdict; this accused has none",
                event,
            )
        if person.appeal_pending:
            raise _refuse("once-only", "an appeal of this accused is already pending", event)
        person.appeal_pending = True
        return
    if not person.appeal_pending:
        raise _refuse("decision-needs-appeal", "no appeal of this accused is pending", event)
    person.appeal_pending = False
    outcome = AppealOutcome(event.details["outcome"])
    person.appeal_outcome = outcome
    if outcome is AppealOutcome.OVERTURNED:
        flipped = {Verdict.CONVICTED: Verdict.ACQUITTED, Verdict.ACQUITTED: Verdict.CONVICTED}
        person.verdicts = {c: flipped[v] for c, v in person.verdicts.items()}
        person.sentences = {}
    elif outcome is AppealOutcome.REMANDED:
        person.verdicts, person.sentences, person.appeal_outcome = {}, {}, None
        person.discharged = False
    elif outcome in (AppealOutcome.SENTENCE_REDUCED, AppealOutcome.SENTENCE_ENHANCED):
        charge_id = event.charge_id
        if charge_id is not None and charge_id in person.sentences:
            person.sentences[charge_id] = event.sentence()
