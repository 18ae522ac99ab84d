"""The case list (filters, sorting, paging, search), and registering a new case."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from tipwatch.api.deps import Ctx
from tipwatch.domain.access import Capability
from tipwatch.domain.errors import TipwatchError
from tipwatch.domain.funnel import FinalState, FunnelStage
from tipwatch.domain.stages import CaseStage
from tipwatch.domain.vocabulary import CaseType, ExploitationForm, Province
from tipwatch.services import cases, units
from tipwatch.services.case_search import cases_of_identifier
from tipwatch.services.schemas.cases import CaseCreate, CaseFilters
from tipwatch.services.schemas.people import PersonSearch
from tipwatch.web.forms import errors_of, read_form
from tipwatch.web.pages import case_page
from tipwatch.web.session import LoggedIn
from tipwatch.web.templating import render

router = APIRouter(include_in_schema=False)
CHOICES: dict[str, Any] = {
    "stages": list(CaseStage),
    "provinces": list(Province),
    "forms": list(ExploitationForm),
    "case_types": list(CaseType),
    "funnel_stages": [s.label for s in FunnelStage],
    "final_states": list(FinalState),
}


@router.get("/cases")
def case_list(
    request: Request, ctx: Ctx, visitor: LoggedIn, filters: Annotated[CaseFilters, Query()]
) -> Response:
    page = cases.list_cases(ctx, visitor.actor, filters)
    current = filters.model_dump(mode="json", exclude_defaults=True)
    return render(
        request,
        "cases/list.html",
        visitor,
        page=page,
        filters=filters,
        current=current,
        units=units.list_units(ctx, visitor.actor),
        **CHOICES,
    )


@router.post("/cases/search")
async def search_by_identifier(request: Request, ctx: Ctx, visitor: LoggedIn) -> Response:
    """Cases of a person found by CNIC or phone: posted, so the number never enters a URL."""
    values = await read_form(request, visitor)
    try:
        found = cases_of_identifier(ctx, visitor.actor, PersonSearch(**values))
        errors: dict[str, str] = {}
    except (ValidationError, TipwatchError) as exc:
        found, errors = [], errors_of(exc, visitor.language)
    return render(
        request,
        "cases/found.html",
        visitor,
        found=found,
        errors=errors,
        status=422 if errors else 200,
    )


@router.get("/cases/new")
def new_case_form(request: Request, ctx: Ctx, visitor: LoggedIn) -> Response:
    visitor.actor.require(Capability.CREATE_CASES)
    return render(
        request,
        "cases/new.html",
        visitor,
        values={},
        errors={},
        units=units.list_units(ctx, visitor.actor),
        **CHOICES,
    )


@router.post("/cases/new")
async def register_case(request: Request, ctx: Ctx, visitor: LoggedIn) -> Response:
    form = await request.form()
    values = await read_form(request, visitor)
    data = {**values, "exploitation": [str(v) for v in form.getlist("exploitation")]}
    try:
        case = cases.register_case(ctx, visitor.actor, CaseCreate(**data))
    except (ValidationError, TipwatchError) as exc:
        return render(
            request,
            "cases/new.html",
            visitor,
            status=422,
            values=data,
            errors=errors_of(exc, visitor.language),
            units=units.list_units(ctx, visitor.actor),
            **CHOICES,
        )
    return RedirectResponse(f"/cases/{case.id}", status_code=303)


router.include_router(case_page.router)  # after /cases/new, so "new" is not taken for an id
