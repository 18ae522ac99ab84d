"""/api/v1/persons and /api/v1/organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from tipwatch.api.deps import Ctx, RecordId
from tipwatch.services import persons
from tipwatch.services.schemas.common import SearchText
from tipwatch.services.schemas.people import (
    OrganisationCreate,
    OrganisationOut,
    PersonCreate,
    PersonOut,
    PersonSearch,
)

router = APIRouter(tags=["people and organisations"])


@router.post("/persons", status_code=status.HTTP_201_CREATED)
def add_person(ctx: Ctx, body: PersonCreate) -> PersonOut:
    return persons.add_person(ctx, body)


@router.post("/persons/search")
def search_persons(ctx: Ctx, body: PersonSearch) -> list[PersonOut]:
    """Exact search by CNIC, phone, passport, bank account or name (in the body, not the URL)."""
    return persons.search_persons(ctx, body)


@router.get("/persons/{person_id}")
def get_person(ctx: Ctx, person_id: RecordId) -> PersonOut:
    return persons.get_person(ctx, person_id)


@router.post("/organisations", status_code=status.HTTP_201_CREATED)
def add_organisation(ctx: Ctx, body: OrganisationCreate) -> OrganisationOut:
    return persons.add_organisation(ctx, body)


@router.get("/organisations")
def list_organisations(
    ctx: Ctx,
    name: Annotated[SearchText | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
) -> list[OrganisationOut]:
    return persons.list_organisations(ctx, name, limit, offset)


@router.get("/organisations/{organisation_id}")
def get_organisation(ctx: Ctx, organisation_id: RecordId) -> OrganisationOut:
    return persons.get_organisation(ctx, organisation_id)
