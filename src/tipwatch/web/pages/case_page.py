"""The case page: summary, parties, charges, timeline, routes, flags; forms to add to it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from tipwatch.api.deps import Ctx
from tipwatch.domain.errors import EditConflict, TipwatchError
from tipwatch.domain.events import DETAIL_FIELDS, AppealOutcome, Appellant, EventKind
from tipwatch.domain.vocabulary import ExploitationForm, PersonRole, Sex
from tipwatch.services import case_file, cases, charges, events, parties
from tipwatch.services.schemas.cases import CaseUpdate
from tipwatch.services.schemas.people import NewPersonRole, PersonCreate
from tipwatch.services.schemas.steps import ChargeCreate, EventCreate
from tipwatch.web.forms import errors_of, read_form
from tipwatch.web.session import LoggedIn
from tipwatch.web.templating import N_, Visitor, render

router = APIRouter()
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
_INT_DETAILS = {"imprisonment_months", "fine_rupees", "referred_to_unit_id"}


def _page(
    request: Request,
    ctx: Ctx,
    visitor: Visitor,
    case_id: int,
    status: int = 200,
    form: str | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    notice: str | None = None,
) -> Response:
    file = case_file.read_case_file(ctx, visitor.actor, case_id)
    lang = visitor.language
    labels = {
        p.id: p.name or f"{lang.gettext('identity hidden')} #{p.person_id}" for p in file.parties
    }
    party_options = [
        (p.id, f"{labels[p.id]} ({lang.gettext(p.role.replace('_', ' '))})")
        for p in file.parties
        if p.role in ("accused", "victim")
    ]
    accused_options = [(p.id, labels[p.id]) for p in file.parties if p.role == "accused"]
    return render(
        request,
        "cases/page.html",
        visitor,
        status=status,
        file=file,
        form=form,
        values=values or {},
        errors=errors or {},
        notice=notice,
        event_kinds=list(EventKind),
        appeal_outcomes=list(AppealOutcome),
        appellants=list(Appellant),
        person_roles=list(PersonRole),
        sexes=list(Sex),
        forms=list(ExploitationForm),
        party_options=party_options,
        accused_options=accused_options,
    )


@router.get("/cases/{case_id}")
def case_page(request: Request, ctx: Ctx, visitor: LoggedIn, case_id: CaseId) -> Response:
    return _page(request, ctx, visitor, case_id)


def _event_details(kind: str, values: dict[str, str]) -> dict[str, Any]:
    details: dict[str, Any] = {}
    allowed = DETAIL_FIELDS.get(EventKind(kind), {}) if kind in set(EventKind) else {}
    for name in allowed:
        raw = values.pop(f"details.{name}", None)
        if raw is None:
            continue
        if name in _INT_DETAILS:
            details[name] = int(raw) if raw.isdigit() else raw
        elif allowed[name] is bool:
            details[name] = raw == "on"
        else:
            details[name] = raw
    for name in [k for k in values if k.startswith("details.")]:
        values.pop(name)  # fields of other kinds of event, left in the form
    return details


@router.post("/cases/{case_id}/events")
async def add_event(request: Request, ctx: Ctx, visitor: LoggedIn, case_id: CaseId) -> Response:
    values = await read_form(request, visitor)
    shown = dict(values)
    try:
        details = _event_details(values.get("kind", ""), values)  # takes details.* out
        data = {**values, "details": details}
        events.record_event(ctx, visitor.actor, case_id, EventCreate(**data))
    except (ValidationError, TipwatchError) as exc:
        return _page(
            request, ctx, visitor, case_id, 422, "event", shown, errors_of(exc, visitor.language)
        )
    return RedirectResponse(f"/cases/{case_id}#timeline", status_code=303)


@router.post("/cases/{case_id}/charges")
async def add_charge(request: Request, ctx: Ctx, visitor: LoggedIn, case_id: CaseId) -> Response:
    values = await read_form(request, visitor)
    try:
        charges.add_charge(ctx, visitor.actor, case_id, ChargeCreate(**values))
    except (ValidationError, TipwatchError) as exc:
        return _page(
            request, ctx, visitor, case_id, 422, "charge", values, errors_of(exc, visitor.language)
        )
    return RedirectResponse(f"/cases/{case_id}#charges", status_code=303)


@router.post("/cases/{case_id}/parties")
async def add_party(request: Request, ctx: Ctx, visitor: LoggedIn, case_id: CaseId) -> Response:
    values = await read_form(request, visitor)
    party_fields: dict[str, str] = {
        k: values.pop(k) for k in ("role", "rank", "agency") if k in values
    }
    person_values = {**values, "phones": [values.pop("phone")] if "phone" in values else []}
    try:
        person_data = PersonCreate(**person_values)
        role = NewPersonRole(**party_fields)
        parties.add_new_person_to_case(ctx, visitor.actor, case_id, person_data, role)
    except (ValidationError, TipwatchError) as exc:
        return _page(
            request,
            ctx,
            visitor,
            case_id,
            422,
            "party",
            {**values, **party_fields},
            errors_of(exc, visitor.language),
        )
    return RedirectResponse(f"/cases/{case_id}#parties", status_code=303)


@router.post("/cases/{case_id}/edit")
async def edit_case(request: Request, ctx: Ctx, visitor: LoggedIn, case_id: CaseId) -> Response:
    """An edit of a stale version is refused and shown plainly, with what was typed kept."""
    form = await request.form()
    values = await read_form(request, visitor)
    data = {**values, "exploitation": [str(v) for v in form.getlist("exploitation")]}
    try:
        cases.update_case(ctx, visitor.actor, case_id, CaseUpdate(**data))
    except EditConflict as exc:
        message = N_(
            "Someone else changed this case while you were editing. Your text is kept below; "
            "the page shows their changes. Check, then save again."
        )
        keep = {**data, "version": exc.details.get("current_version", data.get("version"))}
        return _page(request, ctx, visitor, case_id, 409, "edit", keep, {"form": message})
    except (ValidationError, TipwatchError) as exc:
        return _page(
            request, ctx, visitor, case_id, 422, "edit", data, errors_of(exc, visitor.language)
        )
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
