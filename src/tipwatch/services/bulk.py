"""Writing many whole cases at once (the national demo, imports), by the same rules as one.

A `CaseBundle` is a case with its parties, charges, events and route legs, named by keys local
to the bundle. `prepare` checks it with the same domain rules as the API (provisions in force on
the offence date, pipeline rules, identifiers) and replays it; `write_prepared` inserts a batch
with set-based statements in the caller's transaction, personal data through the codec.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table

from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.events import CaseFacts, ChargeRef, EventKind, PipelineEvent
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.domain.pipeline import replay
from tipwatch.domain.stages import CaseStage
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.case_state import Snapshot, snapshot
from tipwatch.services.persons import search_tokens_of
from tipwatch.storage import tables as t
from tipwatch.storage.database import insert_rows, insert_with_ids
from tipwatch.storage.uow import UnitOfWork

# The snapshot columns of a party who is not an accused: every party row has the same keys,
# so a batch is inserted in one statement.
NOT_ACCUSED: dict[str, Any] = {
    "stage": None,
    "outcome": None,
    "funnel_stage": 0,
    "final_state": "pending",
    "investigation_on": None,
    "charged_on": None,
    "concluded_on": None,
    "convicted_on": None,
    "sentenced_on": None,
}


@dataclass
class NewPerson:
    personal: dict[str, Any]  # name, aliases, father_name, cnic, phones... already normalised
    sex: str = "unknown"
    age_years: int | None = None
    nationality: str | None = None


@dataclass
class PartyRecord:
    key: str
    role: str
    person: NewPerson | int | None = None  # a new person, or the id of one already stored
    organisation_id: int | None = None
    rank: str | None = None
    agency: str | None = None
    care_unit_id: int | None = None


@dataclass
class ChargeRecord:
    key: str
    party_key: str
    provision: str  # any notation naming one provision


@dataclass
class EventRecord:
    kind: str
    occurred_on: date
    party_key: str | None = None
    charge_key: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class RouteLegRecord:
    origin: str
    origin_country: str
    destination: str
    destination_country: str
    mode: str
    port: str | None = None
    departed_on: date | None = None
    party_key: str | None = None


@dataclass
class CaseBundle:
    number: str
    year: int
    unit_id: int
    unit_code: str
    case_type: str
    reported_on: date
    offence_date: date | None = None
    exploitation: list[str] = field(default_factory=list)
    narrative: str = ""
    prosecution_office_id: int | None = None
    parties: list[PartyRecord] = field(default_factory=list)
    charges: list[ChargeRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    route_legs: list[RouteLegRecord] = field(default_factory=list)
    import_hash: str | None = None

    @property
    def reference(self) -> str:
        return f"{self.unit_code}/{self.year}/{self.number}"


@dataclass
class PreparedCase:
    bundle: CaseBundle
    provision_keys: dict[str, str]  # charge key -> canonical provision key
    snapshot: Snapshot  # keyed by local party and charge numbers


@contextmanager
def many_objects() -> Iterator[None]:
    """Pause Python's cycle collector while a bulk job makes and keeps millions of objects.

    The bulk paths make no reference cycles worth collecting, but every collection of the
    oldest generation would walk all the objects they hold: at national scale that was a third
    of the demo build's time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def prepare(bundle: CaseBundle, catalogue: LegalCatalogue, today: date) -> PreparedCase:
    """Check a bundle by the rules every case obeys; raises a TipwatchError naming the field."""
    for name, value in (("reported_on", bundle.reported_on), ("offence_date", bundle.offence_date)):
        if value is not None and value > today:
            raise InvalidInput(f"{name} {value} is in the future", field=name)
    party_no = {p.key: n for n, p in enumerate(bundle.parties, start=1)}
    if len(party_no) != len(bundle.parties):
        raise InvalidInput("two parties share a key", field="parties")
    judged_on = bundle.offence_date or _fir_date(bundle) or bundle.reported_on
    provisions: dict[str, str] = {}
    refs: dict[int, ChargeRef] = {}
    for n, charge in enumerate(bundle.charges, start=1):
        found = catalogue.parse(charge.provision, on=judged_on)
        if len(found) != 1:
            raise InvalidInput(
                f"{charge.provision!r} names {len(found)} provisions", field="provision"
            )
        if charge.party_key not in party_no:
            raise InvalidInput(f"charge {charge.key} names no party of the case", field="party")
        provisions[charge.key] = found[0].key
        refs[n] = ChargeRef(n, party_no[charge.party_key], found[0].key)
    charge_no = {c.key: n for n, c in enumerate(bundle.charges, start=1)}
    events = tuple(
        PipelineEvent(
            EventKind(e.kind),
            e.occurred_on,
            party_no.get(e.party_key) if e.party_key else None,
            charge_no.get(e.charge_key) if e.charge_key else None,
            e.details,
        )
        for e in bundle.events
    )
    facts = CaseFacts(
        accused_ids=frozenset(
            party_no[p.key] for p in bundle.parties if p.role == PersonRole.ACCUSED
        ),
        victim_ids=frozenset(
            party_no[p.key] for p in bundle.parties if p.role == PersonRole.VICTIM
        ),
        charges=refs,
        events=events,
    )
    record = replay(facts, today)
    return PreparedCase(bundle, provisions, snapshot(record, refs, catalogue, judged_on))


def _fir_date(bundle: CaseBundle) -> date | None:
    return next((e.occurred_on for e in bundle.events if e.kind == EventKind.FIR_REGISTERED), None)


def _table(model: Any) -> Table:
    """The Core table of a mapped class, for set-based inserts without the ORM's overhead."""
    table: Table = model.__table__
    return table


def _ids(uow: UnitOfWork, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    return insert_with_ids(uow.session, _table(model), rows)


def write_prepared(uow: UnitOfWork, cases: list[PreparedCase], now: datetime) -> list[int]:
    """Insert the cases with everything in them; returns their ids in order."""
    case_ids = _ids(uow, t.Case, [_case_row(p, now) for p in cases])
    forms = [
        {"case_id": cid, "form": form}
        for cid, p in zip(case_ids, cases, strict=True)
        for form in dict.fromkeys(p.bundle.exploitation)
    ]
    if forms:
        insert_rows(uow.session, _table(t.CaseExploitation), forms)
    person_ids = _write_people(uow, cases, now)
    party_rows, party_index = [], []
    for cid, prepared in zip(case_ids, cases, strict=True):
        for n, party in enumerate(prepared.bundle.parties, start=1):
            person = party.person
            person_id = person if isinstance(person, int) else person_ids.get(id(person))
            party_rows.append(
                {
                    "case_id": cid,
                    "person_id": person_id,
                    "role": party.role,
                    "organisation_id": party.organisation_id,
                    "rank": party.rank,
                    "agency": party.agency,
                    "care_unit_id": party.care_unit_id,
                    "notes": "",
                    "created_at": now,
                    **NOT_ACCUSED,
                    **prepared.snapshot.accused.get(n, {}),
                }
            )
            party_index.append((cid, party.key))
    party_id = dict(zip(party_index, _ids(uow, t.Party, party_rows), strict=True))
    charge_rows, charge_index = [], []
    for cid, prepared in zip(case_ids, cases, strict=True):
        for n, charge in enumerate(prepared.bundle.charges, start=1):
            charge_rows.append(
                {
                    "case_id": cid,
                    "party_id": party_id[(cid, charge.party_key)],
                    "provision_key": prepared.provision_keys[charge.key],
                    "created_at": now,
                    **prepared.snapshot.charges[n],
                }
            )
            charge_index.append((cid, charge.key))
    charge_id = dict(zip(charge_index, _ids(uow, t.Charge, charge_rows), strict=True))
    _write_steps(uow, case_ids, cases, party_id, charge_id, now)
    return case_ids


def _case_row(prepared: PreparedCase, now: datetime) -> dict[str, Any]:
    b = prepared.bundle
    return {
        "reference": b.reference,
        "number": b.number,
        "year": b.year,
        "unit_id": b.unit_id,
        "case_type": b.case_type,
        "offence_date": b.offence_date,
        "reported_on": b.reported_on,
        "narrative": b.narrative,
        "prosecution_office_id": b.prosecution_office_id,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "import_hash": b.import_hash,
        **{"stage": CaseStage.REPORTED.value},
        **prepared.snapshot.case,
    }


def _write_people(uow: UnitOfWork, cases: list[PreparedCase], now: datetime) -> dict[int, int]:
    """Encrypt and insert every new person; returns id(NewPerson) -> stored id."""
    people = [p.person for c in cases for p in c.bundle.parties if isinstance(p.person, NewPerson)]
    unique = list({id(person): person for person in people}.values())
    rows = [
        {
            "sex": p.sex,
            "age_years": p.age_years,
            "nationality": p.nationality,
            "personal": uow.codec.encode(p.personal),
            "key_id": uow.codec.key_id,
            "created_at": now,
        }
        for p in unique
    ]
    stored = _ids(uow, t.Person, rows)
    tokens = [
        {"person_id": pid, "kind": kind, "token": token}
        for pid, person in zip(stored, unique, strict=True)
        for kind, token in search_tokens_of(uow, person.personal)
    ]
    if tokens:
        insert_rows(uow.session, _table(t.PersonIdentifier), tokens)
    return {id(person): pid for person, pid in zip(unique, stored, strict=True)}


def _write_steps(
    uow: UnitOfWork,
    case_ids: list[int],
    cases: list[PreparedCase],
    party_id: dict[tuple[int, str], int],
    charge_id: dict[tuple[int, str], int],
    now: datetime,
) -> None:
    events, legs = [], []
    for cid, prepared in zip(case_ids, cases, strict=True):
        charged = {c.key: c.party_key for c in prepared.bundle.charges}
        for e in prepared.bundle.events:
            party_key = e.party_key or charged.get(e.charge_key or "", "")
            events.append(
                {
                    "case_id": cid,
                    "kind": e.kind,
                    "occurred_on": e.occurred_on,
                    "party_id": party_id.get((cid, party_key)),
                    "charge_id": charge_id.get((cid, e.charge_key or "")),
                    "details": e.details,
                    "note": "",
                    "recorded_by": "bulk",
                    "recorded_at": now,
                }
            )
        for sequence, leg in enumerate(prepared.bundle.route_legs, start=1):
            legs.append(
                {
                    "case_id": cid,
                    "party_id": party_id.get((cid, leg.party_key or "")),
                    "sequence": sequence,
                    "origin": leg.origin,
                    "origin_country": leg.origin_country,
                    "destination": leg.destination,
                    "destination_country": leg.destination_country,
                    "mode": leg.mode,
                    "port": leg.port,
                    "departed_on": leg.departed_on,
                    "created_at": now,
                }
            )
    if events:
        insert_rows(uow.session, _table(t.Event), events)
    if legs:
        insert_rows(uow.session, _table(t.RouteLeg), legs)
