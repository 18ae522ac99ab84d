"""Use cases: people and organisations. Personal data passes the storage boundary only here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.identifiers import (
    indexed_values,
    normalise_bank_account,
    normalise_cnic,
    normalise_name,
    normalise_passport,
    normalise_phone,
)
from tipwatch.services.access import open_person, person_in_reach, person_is_protected
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.schemas.people import (
    PersonCreate,
    PersonOut,
    PersonReveal,
    PersonSearch,
)
from tipwatch.storage import tables as t
from tipwatch.storage.personal import PERSONAL_FIELDS
from tipwatch.storage.uow import UnitOfWork


def _normalised_identifiers(data: PersonCreate) -> dict[str, Any]:
    """The personal record with every identifier in canonical form; errors name the field."""
    personal = data.model_dump(mode="json", include=set(PERSONAL_FIELDS))
    if data.cnic:
        personal["cnic"] = normalise_cnic(data.cnic)
    if data.passport:
        personal["passport"] = normalise_passport(data.passport)
    personal["phones"] = [normalise_phone(p, f"phones[{i}]") for i, p in enumerate(data.phones)]
    personal["bank_accounts"] = [
        normalise_bank_account(a, f"bank_accounts[{i}]") for i, a in enumerate(data.bank_accounts)
    ]
    return personal


def search_tokens_of(uow: UnitOfWork, personal: dict[str, Any]) -> list[tuple[str, str]]:
    """The (kind, token) index rows of a personal record under the codec's primary key.

    Also used by services.keys to rebuild the index of each record it rotates.
    """
    codec = uow.codec
    return [(kind, codec.search_token(kind, value)) for kind, value in indexed_values(personal)]


def person_out(uow: UnitOfWork, person: t.Person, *, reveal: bool = True) -> PersonOut:
    """The person; with `reveal=False` a protected person's identity is left out."""
    common = {
        "id": person.id,
        "sex": person.sex,
        "age_years": person.age_years,
        "nationality": person.nationality,
        "created_at": person.created_at,
    }
    if not reveal and person_is_protected(uow, person.id):
        return PersonOut(**common, identity_hidden=True)
    personal = uow.codec.decode(person.personal)
    return PersonOut(**common, **personal)


def add_person(ctx: Context, actor: Principal, data: PersonCreate) -> PersonOut:
    with ctx.uow() as uow:
        person = new_person(ctx, uow, actor, data)
        out = person_out(uow, person)
        uow.commit()
        return out


def new_person(ctx: Context, uow: UnitOfWork, actor: Principal, data: PersonCreate) -> t.Person:
    """Record a person (sealed, with search tokens and an audit entry) in the caller's unit
    of work, which commits it with whatever else the use case writes."""
    actor.require(Capability.ADD_PERSONS)
    if data.date_of_birth and data.date_of_birth > ctx.today():
        raise InvalidInput("date_of_birth is in the future", field="date_of_birth")
    personal = _normalised_identifiers(data)
    person = t.Person(
        sex=data.sex,
        age_years=data.age_years,
        nationality=data.nationality,
        personal=uow.codec.encode(personal),
        key_id=uow.codec.key_id,
        created_at=ctx.now(),
    )
    uow.session.add(person)
    uow.flush()
    for kind, token in search_tokens_of(uow, personal):
        uow.session.add(t.PersonIdentifier(person_id=person.id, kind=kind, token=token))
    audit(uow, ctx, actor, "person.create", "person", person.id)
    return person


def get_person(ctx: Context, actor: Principal, person_id: int) -> PersonOut:
    """A person in reach; a victim's or witness's identity stays hidden until revealed."""
    with ctx.uow() as uow:
        person = open_person(ctx, uow, actor, person_id)
        audit(uow, ctx, actor, "person.read", "person", person_id)
        out = person_out(uow, person, reveal=False)
        uow.commit()
        return out


def reveal_person(ctx: Context, actor: Principal, person_id: int, data: PersonReveal) -> PersonOut:
    """A person's full identity, for a stated purpose that the audit log keeps."""
    actor.require(Capability.REVEAL_IDENTITY)
    with ctx.uow() as uow:
        person = open_person(ctx, uow, actor, person_id)
        audit(uow, ctx, actor, "person.reveal", "person", person_id, purpose=data.purpose)
        out = person_out(uow, person)
        uow.commit()
        return out


def _wanted_tokens(search: PersonSearch) -> list[tuple[str, str]]:
    wanted: list[tuple[str, str]] = []
    if search.cnic:
        wanted.append(("cnic", normalise_cnic(search.cnic)))
    if search.phone:
        wanted.append(("phone", normalise_phone(search.phone)))
    if search.passport:
        wanted.append(("passport", normalise_passport(search.passport)))
    if search.bank_account:
        wanted.append(("bank_account", normalise_bank_account(search.bank_account)))
    if search.name:
        wanted.append(("name", normalise_name(search.name)))
    return wanted


def search_persons(ctx: Context, actor: Principal, search: PersonSearch) -> list[PersonOut]:
    """Exact search on identifiers and names through the blind index; every criterion must
    match. Only people in the user's reach are returned, protected identities hidden."""
    actor.require(Capability.READ_PERSONS)
    with ctx.uow() as uow:
        ids: set[int] | None = None
        wanted = _wanted_tokens(search)
        for kind, value in wanted:
            tokens = uow.codec.search_tokens(kind, value)
            found = set(
                uow.session.scalars(
                    select(t.PersonIdentifier.person_id).where(
                        t.PersonIdentifier.kind == kind, t.PersonIdentifier.token.in_(tokens)
                    )
                )
            )
            ids = found if ids is None else ids & found
        reachable = sorted(i for i in ids or set() if person_in_reach(uow, actor, i))[:100]
        rows = uow.session.scalars(
            select(t.Person).where(t.Person.id.in_(reachable)).order_by(t.Person.id)
        )
        out = [person_out(uow, p, reveal=False) for p in rows]
        audit(
            uow,
            ctx,
            actor,
            "person.search",
            "person",
            None,
            details={"criteria": [kind for kind, _ in wanted], "found": reachable},
        )
        uow.commit()
        return out
