"""Writing many whole cases at once (the national demo, imports), by the same rules as one.

A `CaseBundle` is a case with its parties, charges, events and route legs, named by keys local
to the bundle. `prepare` checks it with the same domain rules as the API (provisions in force on
the offence date, pipeline rules, identifiers) and replays it; `bulk_rows.write_prepared`
inserts a batch with set-based statements in the caller's transaction, personal data through
the codec.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.events import CaseFacts, ChargeRef, EventKind, PipelineEvent
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.domain.pipeline import replay
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.case_state import Snapshot, snapshot

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
