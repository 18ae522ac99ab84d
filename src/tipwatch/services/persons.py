"""Use cases: people and organisations. Personal data passes the storage boundary only here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tipwatch.domain.errors import InvalidInput, NotFound
from tipwatch.domain.identifiers import (
    normalise_bank_account,
    normalise_cnic,
    normalise_name,
    normalise_passport,
    normalise_phone,
)
from tipwatch.services.context import Context
from tipwatch.services.schemas.people import (
    OrganisationCreate,
    OrganisationOut,
    PersonCreate,
    PersonOut,
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


def _search_tokens(uow: UnitOfWork, personal: dict[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name in [personal["name"], *personal.get("aliases", [])]:
        pairs.append(("name", normalise_name(name)))
    for kind in ("cnic", "passport"):
        if personal.get(kind):
            pairs.append((kind, personal[kind]))
    pairs += [("phone", p) for p in personal.get("phones", [])]
    pairs += [("bank_account", a) for a in personal.get("bank_accounts", [])]
    return [(kind, uow.codec.search_token(kind, value)) for kind, value in dict.fromkeys(pairs)]


def person_out(uow: UnitOfWork, person: t.Person) -> PersonOut:
    personal = uow.codec.decode(person.personal)
    return PersonOut(
        id=person.id,
        sex=person.sex,
        age_years=person.age_years,
        nationality=person.nationality,
        created_at=person.created_at,
        **{"aliases": [], "phones": [], "bank_accounts": [], **personal},
    )


def get_person_row(uow: UnitOfWork, person_id: int, field: str = "person_id") -> t.Person:
    person = uow.session.get(t.Person, person_id)
    if person is None:
        raise NotFound(
            f"person {person_id} does not exist", record=f"person {person_id}", field=field
        )
    return person


def add_person(ctx: Context, data: PersonCreate) -> PersonOut:
    today = ctx.today()
    if data.date_of_birth and data.date_of_birth > today:
        raise InvalidInput("date_of_birth is in the future", field="date_of_birth")
    personal = _normalised_identifiers(data)
    with ctx.uow() as uow:
        person = t.Person(
            sex=data.sex,
            age_years=data.age_years,
            nationality=data.nationality,
            personal=uow.codec.encode(personal),
            created_at=ctx.now(),
        )
        uow.session.add(person)
        uow.flush()
        for kind, token in _search_tokens(uow, personal):
            uow.session.add(t.PersonIdentifier(person_id=person.id, kind=kind, token=token))
        out = person_out(uow, person)
        uow.commit()
        return out


def get_person(ctx: Context, person_id: int) -> PersonOut:
    with ctx.uow() as uow:
        return person_out(uow, get_person_row(uow, person_id))


def search_persons(ctx: Context, search: PersonSearch) -> list[PersonOut]:
    """Exact search on identifiers and names through the search index; all criteria must match."""
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
    with ctx.uow() as uow:
        ids: set[int] | None = None
        for kind, value in wanted:
            token = uow.codec.search_token(kind, value)
            found = set(
                uow.session.scalars(
                    select(t.PersonIdentifier.person_id).where(
                        t.PersonIdentifier.kind == kind, t.PersonIdentifier.token == token
                    )
                )
            )
            ids = found if ids is None else ids & found
        rows = uow.session.scalars(
            select(t.Person).where(t.Person.id.in_(ids or set())).order_by(t.Person.id).limit(100)
        )
        return [person_out(uow, p) for p in rows]


def add_organisation(ctx: Context, data: OrganisationCreate) -> OrganisationOut:
    with ctx.uow() as uow:
        organisation = t.Organisation(**data.model_dump(mode="json"), created_at=ctx.now())
        uow.session.add(organisation)
        uow.flush()
        out = OrganisationOut.model_validate(organisation)
        uow.commit()
        return out


def get_organisation_row(uow: UnitOfWork, organisation_id: int) -> t.Organisation:
    organisation = uow.session.get(t.Organisation, organisation_id)
    if organisation is None:
        raise NotFound(
            f"organisation {organisation_id} does not exist",
            record=f"organisation {organisation_id}",
            field="organisation_id",
        )
    return organisation


def get_organisation(ctx: Context, organisation_id: int) -> OrganisationOut:
    with ctx.uow() as uow:
        return OrganisationOut.model_validate(get_organisation_row(uow, organisation_id))


def list_organisations(
    ctx: Context, name: str | None = None, limit: int = 50, offset: int = 0
) -> list[OrganisationOut]:
    with ctx.uow() as uow:
        query = select(t.Organisation).order_by(t.Organisation.name, t.Organisation.id)
        if name:
            cleaned = name.lower().replace("%", "").replace("_", "")
            query = query.where(t.Organisation.name.ilike(f"%{cleaned}%"))
        rows = uow.session.scalars(query.limit(limit).offset(offset))
        return [OrganisationOut.model_validate(o) for o in rows]
