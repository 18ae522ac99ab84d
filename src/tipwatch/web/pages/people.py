"""A person's page within the user's reach, the reveal of a protected identity, and search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError

from tipwatch.api.deps import Ctx
from tipwatch.domain.access import Capability
from tipwatch.domain.errors import TipwatchError
from tipwatch.services import persons, sharing
from tipwatch.services.schemas.people import PersonReveal, PersonSearch
from tipwatch.web.forms import errors_of, read_form
from tipwatch.web.session import LoggedIn
from tipwatch.web.templating import render

router = APIRouter(include_in_schema=False)
PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/people/search")
def search_page(request: Request, visitor: LoggedIn) -> Response:
    visitor.actor.require(Capability.READ_PERSONS)
    return render(request, "people/search.html", visitor, found=None, errors={})


@router.post("/people/search")
async def search(request: Request, ctx: Ctx, visitor: LoggedIn) -> Response:
    values = await read_form(request, visitor)
    try:
        found = persons.search_persons(ctx, visitor.actor, PersonSearch(**values))
        errors: dict[str, str] = {}
    except (ValidationError, TipwatchError) as exc:
        found, errors = [], errors_of(exc, visitor.language)
    return render(
        request,
        "people/search.html",
        visitor,
        found=found,
        errors=errors,
        status=422 if errors else 200,
    )


@router.get("/people/{person_id}")
def person_page(request: Request, ctx: Ctx, visitor: LoggedIn, person_id: PersonId) -> Response:
    person = persons.get_person(ctx, visitor.actor, person_id)
    return render(request, "people/page.html", visitor, person=person, errors={}, purpose="")


@router.post("/people/{person_id}/reveal")
async def reveal(request: Request, ctx: Ctx, visitor: LoggedIn, person_id: PersonId) -> Response:
    """The identity, shown on this one answer only, for a purpose the audit log keeps."""
    values = await read_form(request, visitor)
    try:
        person = persons.reveal_person(ctx, visitor.actor, person_id, PersonReveal(**values))
    except (ValidationError, TipwatchError) as exc:
        person = persons.get_person(ctx, visitor.actor, person_id)
        return render(
            request,
            "people/page.html",
            visitor,
            status=422,
            person=person,
            errors=errors_of(exc, visitor.language),
            purpose=values.get("purpose", ""),
        )
    return render(
        request,
        "people/page.html",
        visitor,
        person=person,
        errors={},
        purpose=values.get("purpose", ""),
        revealed=True,
    )


@router.get("/care")
def care_page(request: Request, ctx: Ctx, visitor: LoggedIn) -> Response:
    victims = sharing.referred_victims(ctx, visitor.actor)
    return render(request, "people/care.html", visitor, victims=victims)
