"""/api/v1/persons and /api/v1/organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from tipwatch.api.deps import Actor, Ctx, RecordId
from tipwatch.services import organisations, persons
from tipwatch.services.schemas.common import SearchText
from tipwatch.services.schemas.people import (
    OrganisationCreate,
    OrganisationOut,
    PersonCreate,
    PersonOut,
    PersonReveal,
    PersonSearch,
)

router = APIRouter(tags=["people and organisations"])


@router.post("/persons", status_code=status.HTTP_201_CREATED)
def add_person(ctx: Ctx, actor: Actor, body: PersonCreate) -> PersonOut:
    return persons.add_person(ctx, actor, body)


@router.post("/persons/search")
def search_persons(ctx: Ctx, actor: Actor, body: PersonSearch) -> list[PersonOut]:
    """Exact search by CNIC, phone, passport, bank account or name (in the body, not the URL)."""
    return persons.search_persons(ctx, actor, body)


@router.get("/persons/{person_id}")
def get_person(ctx: Ctx, actor: Actor, person_id: RecordId) -> PersonOut:
    """A victim's or witness's identity is hidden here: reveal it with a purpose."""
    return persons.get_person(ctx, actor, person_id)


@router.post("/persons/{person_id}/reveal")
def reveal_person(ctx: Ctx, actor: Actor, person_id: RecordId, body: PersonReveal) -> PersonOut:
    """The full identity, for a stated purpose that the audit log keeps."""
    return persons.reveal_person(ctx, actor, person_id, body)


@router.post("/organisations", status_code=status.HTTP_201_CREATED)
def add_organisation(ctx: Ctx, actor: Actor, body: OrganisationCreate) -> OrganisationOut:
    return organisations.add_organisation(ctx, actor, body)


@router.get("/organisations")
def list_organisations(
    ctx: Ctx,
    actor: Actor,
    name: Annotated[SearchText | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
) -> list[OrganisationOut]:
    return organisations.list_organisations(ctx, actor, name, limit, offset)


@router.get("/organisations/{organisation_id}")
def get_organisation(ctx: Ctx, actor: Actor, organisation_id: RecordId) -> OrganisationOut:
    return organisations.get_organisation(ctx, actor, organisation_id)
