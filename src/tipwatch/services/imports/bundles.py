"""A read row turned into a `CaseBundle` for services.bulk, and the fingerprint of its content.

The fingerprint (`Case.import_hash`) is an HMAC of the row's values as read, keyed from the
personal-data key: a plain hash of names and CNICs could be confirmed by guessing them.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.bulk import CaseBundle, ChargeRecord, NewPerson, PartyRecord
from tipwatch.services.imports.people import PersonEntry
from tipwatch.services.imports.rows import CaseRow
from tipwatch.services.imports.statuses import case_events, charge_key
from tipwatch.storage.personal import PersonalDataCodec

FINGERPRINT_VERSION = "import-v1"


def fingerprint_keys(codec: PersonalDataCodec) -> list[bytes]:
    """The keys of row fingerprints: the primary key's first, then one per older key."""
    primary = codec.search_token("import_row", FINGERPRINT_VERSION)
    others = [t for t in codec.search_tokens("import_row", FINGERPRINT_VERSION) if t != primary]
    return [token.encode() for token in (primary, *others)]


def row_content(row: CaseRow, unit_id: int) -> bytes:
    return f"{FINGERPRINT_VERSION}|{unit_id}|{row!r}|{row.narrative}".encode()


def fingerprint(key: bytes, content: bytes) -> str:
    return hmac.new(key, content, hashlib.sha256).hexdigest()


def personal_record(person: PersonEntry) -> dict[str, Any]:
    """The person's personal data, in the shape every person record has."""
    return {
        "name": person.name or "",
        "aliases": person.aliases,
        "father_name": person.father_name,
        "cnic": person.cnic,
        "passport": None,
        "phones": [],
        "bank_accounts": [],
        "address": person.address,
        "date_of_birth": None,
    }


class PeopleLinks:
    """Accused known by CNIC: linked to the person already on record, or shared between the
    rows of one batch, so a repeat offender is one person across cases."""

    def __init__(self, stored: dict[str, int]) -> None:
        self.stored = stored
        self._new: dict[str, NewPerson] = {}

    def person(self, entry: PersonEntry) -> NewPerson | int:
        if entry.cnic is not None:
            if entry.cnic in self.stored:
                return self.stored[entry.cnic]
            if entry.cnic in self._new:
                return self._new[entry.cnic]
        person = NewPerson(personal_record(entry), sex=entry.sex, age_years=entry.age)
        if entry.cnic is not None:
            self._new[entry.cnic] = person
        return person


def build_bundle(
    row: CaseRow, unit_id: int, unit_code: str, import_hash: str, links: PeopleLinks
) -> CaseBundle:
    """The whole case a row describes (events from its status, see statuses.py)."""
    accused = [
        PartyRecord(f"a{n}", PersonRole.ACCUSED.value, links.person(entry))
        for n, entry in enumerate(row.accused, start=1)
    ]
    victims = [
        PartyRecord(
            f"v{n}",
            PersonRole.VICTIM.value,
            NewPerson(personal_record(entry), sex=entry.sex, age_years=entry.age),
        )
        for n, entry in enumerate(row.victims, start=1)
    ]
    return CaseBundle(
        number=row.number,
        year=row.year,
        unit_id=unit_id,
        unit_code=unit_code,
        case_type=row.case_type,
        reported_on=row.reported_on,
        offence_date=row.offence_date,
        exploitation=row.exploitation,
        narrative=row.narrative,
        parties=accused + victims,
        charges=[
            ChargeRecord(charge_key(a, p), f"a{a}", provision)
            for a in range(1, len(row.accused) + 1)
            for p, provision in enumerate(row.provisions, start=1)
        ],
        events=case_events(row),
        import_hash=import_hash,
    )
