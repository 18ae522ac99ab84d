"""Keeping a case's derived state true: serialising writes, replaying the pipeline, flagging.

Every write to a case or its parts first claims the case (`claim_case`), which bumps its version
inside the transaction: concurrent writers to one case are serialised, and a stale editor gets
a 409. After the write, `refresh_case` replays the events and rewrites the snapshot columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from tipwatch.domain.deadlines import ChallanClock, challan_clock, challan_due_date
from tipwatch.domain.errors import EditConflict, NotFound, Unavailable
from tipwatch.domain.events import CaseFacts, ChargeRef, PipelineEvent
from tipwatch.domain.funnel import FunnelPosition, positions
from tipwatch.domain.law.catalogue import LegalCatalogue, Provision
from tipwatch.domain.pipeline import replay
from tipwatch.domain.sentences import SentenceFlag, check_sentence
from tipwatch.domain.stages import CaseRecord
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def claim_case(uow: UnitOfWork, case_id: int, expected_version: int | None = None) -> t.Case:
    """Lock the case for this transaction and bump its version; returns the case, fresh."""
    statement = update(t.Case).where(t.Case.id == case_id)
    if expected_version is not None:
        statement = statement.where(t.Case.version == expected_version)
    try:
        result = uow.session.execute(statement.values(version=t.Case.version + 1))
    except OperationalError as exc:
        raise Unavailable("the database is busy; try again in a moment") from exc
    if result.rowcount == 0:  # type: ignore[attr-defined]
        case = uow.session.get(t.Case, case_id)
        if case is None:
            raise NotFound(f"case {case_id} does not exist", record=f"case {case_id}")
        raise EditConflict(
            f"case {case_id} was changed by someone else (now version {case.version}, "
            f"you sent {expected_version}); reload it and apply your change again",
            record=f"case {case_id}",
            field="version",
            details={"current_version": case.version},
        )
    case = uow.session.get(t.Case, case_id, populate_existing=True)
    assert case is not None
    return case


def judging_date(case: t.Case) -> date:
    """The date whose law applies: the offence date, else the FIR date, else the report date."""
    return case.offence_date or case.fir_registered_on or case.reported_on


def load_facts(uow: UnitOfWork, case_id: int) -> CaseFacts:
    session = uow.session
    parties = session.execute(
        select(t.Party.id, t.Party.role).where(t.Party.case_id == case_id)
    ).all()
    charges = session.scalars(select(t.Charge).where(t.Charge.case_id == case_id)).all()
    events = session.scalars(select(t.Event).where(t.Event.case_id == case_id)).all()
    return CaseFacts(
        accused_ids=frozenset(p.id for p in parties if p.role == PersonRole.ACCUSED),
        victim_ids=frozenset(p.id for p in parties if p.role == PersonRole.VICTIM),
        charges={c.id: ChargeRef(c.id, c.party_id, c.provision_key) for c in charges},
        events=tuple(to_pipeline_event(e) for e in events),
    )


def to_pipeline_event(row: t.Event) -> PipelineEvent:
    from tipwatch.domain.events import EventKind

    return PipelineEvent(
        EventKind(row.kind),
        row.occurred_on,
        row.party_id,
        row.charge_id,
        dict(row.details or {}),
        row.id,
    )


@dataclass(frozen=True)
class Snapshot:
    """The derived columns of a case, its accused and its charges, from one replay."""

    case: dict[str, Any]
    accused: dict[int, dict[str, Any]]
    charges: dict[int, dict[str, Any]]


def _position_columns(position: FunnelPosition) -> dict[str, Any]:
    return {
        "funnel_stage": int(position.stage),
        "final_state": position.state.value,
        "investigation_on": position.investigation_on,
        "charged_on": position.charged_on,
        "concluded_on": position.concluded_on,
        "convicted_on": position.convicted_on,
        "sentenced_on": position.sentenced_on,
    }


def snapshot(
    record: CaseRecord, charges: Mapping[int, ChargeRef], catalogue: LegalCatalogue, judged_on: date
) -> Snapshot:
    """What a replayed case writes back: shared by single edits and bulk loads."""
    case_position, accused_positions = positions(record)
    closure = record.closure
    case_columns = {
        "stage": record.stage().value,
        "fir_registered_on": record.fir_on,
        "challan_due_on": challan_due_date(record.fir_on) if record.fir_on else None,
        "challan_submitted_on": record.challan_on,
        "closed_on": record.closed_on,
        **_position_columns(case_position),
    }
    accused: dict[int, dict[str, Any]] = {}
    for party_id, person in record.accused.items():
        outcome = person.outcome()
        accused[party_id] = {
            "stage": person.stage(closure).value,
            "outcome": outcome.value if outcome else (closure.value if closure else None),
            **_position_columns(accused_positions[party_id]),
        }
    charge_columns = {
        charge.id: _charge_columns(charge, record, catalogue, judged_on)
        for charge in charges.values()
    }
    return Snapshot(case_columns, accused, charge_columns)


def _charge_columns(
    charge: ChargeRef, record: CaseRecord, catalogue: LegalCatalogue, judged_on: date
) -> dict[str, Any]:
    person = record.accused[charge.accused_id]
    verdict = person.verdicts.get(charge.id)
    sentence = person.sentences.get(charge.id)
    flags: list[SentenceFlag] = []
    if sentence is not None:
        provision = _provision_on(catalogue, charge.provision_key, judged_on)
        flags = check_sentence(sentence, provision or catalogue.get(charge.provision_key))
    return {
        "framed_on": person.framed.get(charge.id),
        "outcome": verdict.value if verdict else ("discharged" if person.discharged else None),
        "imprisonment_months": sentence.imprisonment_months if sentence else None,
        "life_imprisonment": sentence.life_imprisonment if sentence else None,
        "fine_rupees": sentence.fine_rupees if sentence else None,
        "flags": [f"{f.kind}: {f.message}" for f in flags],
    }


def refresh_case(uow: UnitOfWork, case: t.Case, catalogue: LegalCatalogue, today: date) -> None:
    """Replay the case and rewrite its snapshot: stage, dates, accused stages, charge outcomes."""
    facts = load_facts(uow, case.id)
    result = snapshot(replay(facts, today), facts.charges, catalogue, judging_date(case))
    for name, value in result.case.items():
        setattr(case, name, value)
    for party in uow.session.scalars(select(t.Party).where(t.Party.case_id == case.id)):
        for name, value in result.accused.get(party.id, {}).items():
            setattr(party, name, value)
    for charge in uow.session.scalars(select(t.Charge).where(t.Charge.case_id == case.id)):
        for name, value in result.charges[charge.id].items():
            setattr(charge, name, value)


def _provision_on(catalogue: LegalCatalogue, key: str, on: date) -> Provision | None:
    for version in catalogue.versions(key):
        if version.in_force_on(on):
            return version
    return None


def clock_of(case: t.Case, today: date) -> ChallanClock:
    return challan_clock(case.fir_registered_on, case.challan_submitted_on, case.closed_on, today)


def case_flags(uow: UnitOfWork, case: t.Case, today: date) -> list[dict[str, str | None]]:
    """What needs attention on this case: the s.173 clock, sentences, implicated officials."""
    flags: list[dict[str, str | None]] = []
    clock = clock_of(case, today)
    if clock.is_overdue:
        flags.append(
            {
                "kind": "challan_overdue",
                "record": None,
                "message": f"no s.173 report: due {clock.due_on}, {clock.days_late} days overdue",
            }
        )
    elif clock.status == "late":
        flags.append(
            {
                "kind": "challan_late",
                "record": None,
                "message": f"s.173 report submitted {clock.days_late} days after it was due",
            }
        )
    charges = uow.session.scalars(select(t.Charge).where(t.Charge.case_id == case.id)).all()
    for charge in charges:
        for text in charge.flags or []:
            kind, _, message = text.partition(": ")
            flags.append({"kind": kind, "record": f"charge {charge.id}", "message": message})
    officials = uow.session.scalar(
        select(t.Party.id)
        .where(t.Party.case_id == case.id, t.Party.role == PersonRole.IMPLICATED_OFFICIAL)
        .limit(1)
    )
    if officials is not None:
        flags.append(
            {
                "kind": "implicated_official",
                "record": None,
                "message": "an official is implicated in this case",
            }
        )
    return flags
