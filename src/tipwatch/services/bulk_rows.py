"""Prepared cases as database rows: made without the database, then numbered and written.

`RowMaker.rows` turns a batch of `bulk.PreparedCase` into plain tuples: every value converted
for the database's driver, and the parts of a case pointing at each other by position. It
needs neither the database nor any key, so an import makes the rows in its worker processes
(services.ahead) and hands the writer tuples, which cross a process boundary far more cheaply
than the objects they come from; the new people's personal data is made canonical JSON there,
with the values it is to be found by. `write_rows` seals that JSON through the codec and keys
the search tokens, numbers the rows and inserts them with set-based statements in the caller's
transaction: personal-data keys never leave the writing process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect

from tipwatch.domain.identifiers import indexed_values
from tipwatch.services.bulk import NOT_ACCUSED, NewPerson, PreparedCase
from tipwatch.storage import tables as t
from tipwatch.storage.database import RowConverter, insert_tuples, insert_tuples_with_ids
from tipwatch.storage.personal import personal_json
from tipwatch.storage.uow import UnitOfWork

# Column orders. The first columns of parts of a case are references the writer fills in:
# a party is made with (new person's position in the batch, stored person's id), a charge with
# (None, the party's number in the case), an event with (None, party number, charge number).
CASE_SNAPSHOT_KEYS = (
    "stage",
    "fir_registered_on",
    "challan_due_on",
    "challan_submitted_on",
    "closed_on",
    "funnel_stage",
    "final_state",
    "investigation_on",
    "charged_on",
    "concluded_on",
    "convicted_on",
    "sentenced_on",
)
CASE_KEYS = (
    "reference",
    "number",
    "year",
    "unit_id",
    "case_type",
    "offence_date",
    "reported_on",
    "narrative",
    "prosecution_office_id",
    "version",
    "created_at",
    "updated_at",
    "import_hash",
    *CASE_SNAPSHOT_KEYS,
)
ACCUSED_KEYS = tuple(NOT_ACCUSED)
PARTY_KEYS = (
    "case_id",
    "person_id",
    "role",
    "organisation_id",
    "rank",
    "agency",
    "care_unit_id",
    "notes",
    "created_at",
    *ACCUSED_KEYS,
)
CHARGE_SNAPSHOT_KEYS = (
    "framed_on",
    "outcome",
    "imprisonment_months",
    "life_imprisonment",
    "fine_rupees",
    "flags",
)
CHARGE_KEYS = ("case_id", "party_id", "provision_key", "created_at", *CHARGE_SNAPSHOT_KEYS)
EVENT_KEYS = (
    "case_id",
    "party_id",
    "charge_id",
    "kind",
    "occurred_on",
    "details",
    "note",
    "recorded_by",
    "recorded_at",
)
LEG_KEYS = (
    "case_id",
    "party_id",
    "sequence",
    "origin",
    "origin_country",
    "destination",
    "destination_country",
    "mode",
    "port",
    "departed_on",
    "created_at",
)
PERSON_KEYS = ("sex", "age_years", "nationality", "personal", "key_id", "created_at")
IDENTIFIER_KEYS = ("person_id", "kind", "token")
FORM_KEYS = ("case_id", "form")


# The snapshot's columns in column order (snapshots are dicts by column name)
_CASE_SNAPSHOT = itemgetter(*CASE_SNAPSHOT_KEYS)
_ACCUSED = itemgetter(*ACCUSED_KEYS)
_NOT_ACCUSED = _ACCUSED(NOT_ACCUSED)
_CHARGE_SNAPSHOT = itemgetter(*CHARGE_SNAPSHOT_KEYS)


# A vocabulary value (a StrEnum such as EventKind.ARREST) as plain text: rows cross from worker
# processes in `marshal` (services.packing), which holds only the builtin types; one enum
# value sent the whole batch through pickle, and each enum back through its class's lookup.
_text = str.__str__


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


@dataclass
class CaseRows:
    """One case's rows, converted for the driver, parts referring to each other by number."""

    case: tuple[Any, ...]
    forms: list[str]
    parties: list[tuple[Any, ...]]
    charges: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    legs: list[tuple[Any, ...]]


@dataclass
class PeopleRows:
    """The new people of a batch of cases, by position: a person shared by two cases (an
    accused known by CNIC) is one position. Personal data is sealed only when written."""

    created_at: Any = None  # converted for the driver
    facts: list[tuple[str, int | None, str | None]] = field(default_factory=list)
    records: list[bytes] = field(default_factory=list)  # personal data as canonical JSON
    # what each is found by: (kind, normalised value), identifiers.indexed_values
    found_by: list[list[tuple[str, str]]] = field(default_factory=list)

    def add(self, person: NewPerson) -> None:
        self.facts.append((person.sex, person.age_years, person.nationality))
        self.records.append(personal_json(person.personal))
        self.found_by.append(indexed_values(person.personal))

    def cnic(self, position: int) -> str | None:
        return next((value for kind, value in self.found_by[position] if kind == "cnic"), None)


class RowMaker:
    """Makes rows for one database dialect."""

    def __init__(self, dialect: Dialect, now: datetime) -> None:
        self.now = now
        self._case = RowConverter(_table(t.Case), CASE_KEYS, dialect)
        self._created = RowConverter(_table(t.Person), ("created_at",), dialect)([now])[0]
        self._party = RowConverter(_table(t.Party), PARTY_KEYS, dialect)
        self._charge = RowConverter(_table(t.Charge), CHARGE_KEYS, dialect)
        self._event = RowConverter(_table(t.Event), EVENT_KEYS, dialect)
        self._leg = RowConverter(_table(t.RouteLeg), LEG_KEYS, dialect)

    def rows(self, cases: Sequence[PreparedCase]) -> tuple[PeopleRows, list[CaseRows]]:
        people = PeopleRows(self._created)
        position: dict[int, int] = {}  # id(NewPerson) -> position in people
        made = []
        for prepared in cases:
            for party in prepared.bundle.parties:
                person = party.person
                if isinstance(person, NewPerson) and id(person) not in position:
                    position[id(person)] = len(people.facts)
                    people.add(person)
            made.append(self._case_rows(prepared, position))
        return people, made

    def _case_rows(self, prepared: PreparedCase, position: dict[int, int]) -> CaseRows:
        b, snapshot, now = prepared.bundle, prepared.snapshot, self.now
        accused_columns = snapshot.accused
        case = self._case(
            [
                b.reference,
                b.number,
                b.year,
                b.unit_id,
                _text(b.case_type),
                b.offence_date,
                b.reported_on,
                b.narrative,
                b.prosecution_office_id,
                1,
                now,
                now,
                b.import_hash,
                *_CASE_SNAPSHOT(snapshot.case),
            ]
        )
        party_no = {p.key: n for n, p in enumerate(b.parties, start=1)}
        parties = []
        for n, party in enumerate(b.parties, start=1):
            person = party.person
            accused = _ACCUSED(accused_columns[n]) if n in accused_columns else _NOT_ACCUSED
            parties.append(
                self._party(
                    [
                        position[id(person)] if isinstance(person, NewPerson) else None,
                        person if isinstance(person, int) else None,
                        _text(party.role),
                        party.organisation_id,
                        party.rank,
                        party.agency,
                        party.care_unit_id,
                        "",
                        now,
                        *accused,
                    ]
                )
            )
        charges = [
            self._charge(
                [
                    None,
                    party_no[charge.party_key],
                    prepared.provision_keys[charge.key],
                    now,
                    *_CHARGE_SNAPSHOT(snapshot.charges[n]),
                ]
            )
            for n, charge in enumerate(b.charges, start=1)
        ]
        charge_no = {c.key: n for n, c in enumerate(b.charges, start=1)}
        charged = {c.key: c.party_key for c in b.charges}
        events = [
            self._event(
                [
                    None,
                    party_no.get(e.party_key or charged.get(e.charge_key or "", "")),
                    charge_no.get(e.charge_key or ""),
                    _text(e.kind),
                    e.occurred_on,
                    e.details,
                    "",
                    "bulk",
                    now,
                ]
            )
            for e in b.events
        ]
        legs = [
            self._leg(
                [
                    None,
                    party_no.get(leg.party_key or ""),
                    sequence,
                    leg.origin,
                    leg.origin_country,
                    leg.destination,
                    leg.destination_country,
                    leg.mode,
                    leg.port,
                    leg.departed_on,
                    now,
                ]
            )
            for sequence, leg in enumerate(b.route_legs, start=1)
        ]
        forms = [_text(form) for form in dict.fromkeys(b.exploitation)]
        return CaseRows(case, forms, parties, charges, events, legs)


def write_rows(
    uow: UnitOfWork,
    people: PeopleRows,
    cases: Sequence[CaseRows],
    linked: Mapping[int, int] | None = None,
) -> list[int]:
    """Insert the cases with their parts and the new people they name, except people
    `linked` (position -> a person on record) to someone already stored; returns the cases'
    ids in order."""
    session = uow.session
    person_id = dict(linked or {})
    new = list(
        dict.fromkeys(
            p[0] for c in cases for p in c.parties if p[0] is not None and p[0] not in person_id
        )
    )
    codec, created = uow.codec, people.created_at
    sealed = [(*people.facts[n], codec.seal(people.records[n]), codec.key_id, created) for n in new]
    stored = insert_tuples_with_ids(session, _table(t.Person), PERSON_KEYS, sealed)
    person_id.update(zip(new, stored, strict=True))
    identifiers = [
        (pid, kind, codec.search_token(kind, value))
        for n, pid in zip(new, stored, strict=True)
        for kind, value in people.found_by[n]
    ]
    insert_tuples(session, _table(t.PersonIdentifier), IDENTIFIER_KEYS, identifiers)
    case_ids = insert_tuples_with_ids(session, _table(t.Case), CASE_KEYS, [c.case for c in cases])
    forms = [(cid, form) for cid, c in zip(case_ids, cases, strict=True) for form in c.forms]
    insert_tuples(session, _table(t.CaseExploitation), FORM_KEYS, forms)
    party_rows = [
        (cid, p[1] if p[0] is None else person_id[p[0]], *p[2:])
        for cid, c in zip(case_ids, cases, strict=True)
        for p in c.parties
    ]
    party_ids = insert_tuples_with_ids(session, _table(t.Party), PARTY_KEYS, party_rows)
    _write_parts(uow, case_ids, cases, party_ids)
    return case_ids


def _write_parts(
    uow: UnitOfWork, case_ids: list[int], cases: Sequence[CaseRows], party_ids: list[int]
) -> None:
    """Charges, events and route legs, their references to parties and charges numbered."""
    parties = _by_case(party_ids, [len(c.parties) for c in cases])
    charge_rows = [
        (cid, own[ch[1] - 1], *ch[2:])
        for cid, c, own in zip(case_ids, cases, parties, strict=True)
        for ch in c.charges
    ]
    charge_ids = insert_tuples_with_ids(uow.session, _table(t.Charge), CHARGE_KEYS, charge_rows)
    charges = _by_case(charge_ids, [len(c.charges) for c in cases])
    events, legs = [], []
    for cid, c, own, charged in zip(case_ids, cases, parties, charges, strict=True):
        events += [
            (
                cid,
                own[e[1] - 1] if e[1] is not None else None,
                charged[e[2] - 1] if e[2] is not None else None,
                *e[3:],
            )
            for e in c.events
        ]
        legs += [(cid, own[leg[1] - 1] if leg[1] is not None else None, *leg[2:]) for leg in c.legs]
    insert_tuples(uow.session, _table(t.Event), EVENT_KEYS, events)
    insert_tuples(uow.session, _table(t.RouteLeg), LEG_KEYS, legs)


def _by_case(ids: list[int], counts: list[int]) -> list[list[int]]:
    """Ids inserted for all the cases in turn, split into each case's (by its count)."""
    split, start = [], 0
    for count in counts:
        split.append(ids[start : start + count])
        start += count
    return split


def write_prepared(uow: UnitOfWork, cases: list[PreparedCase], now: datetime) -> list[int]:
    """Insert the cases with everything in them; returns their ids in order."""
    maker = RowMaker(uow.session.connection().dialect, now)
    people, rows = maker.rows(cases)
    return write_rows(uow, people, rows)
