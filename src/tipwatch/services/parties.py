"""Use cases: people and organisations in their roles in a case."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import Duplicate, Forbidden, InvalidInput, NotFound
from tipwatch.domain.vocabulary import OrganisationRole, PersonRole
from tipwatch.services.access import open_case, person_in_reach
from tipwatch.services.audit_trail import audit
from tipwatch.services.case_state import claim_case, refresh_case
from tipwatch.services.context import Context
from tipwatch.services.organisations import get_organisation_row
from tipwatch.services.persons import new_person
from tipwatch.services.schemas.people import NewPersonRole, PartyCreate, PartyOut, PersonCreate
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def _check_role(data: PartyCreate) -> None:
    if data.person_id is not None and data.role not in set(PersonRole):
        allowed = ", ".join(PersonRole)
        raise InvalidInput(f"a person's role is one of: {allowed}", field="role")
    if data.organisation_id is not None and data.role not in set(OrganisationRole):
        allowed = ", ".join(OrganisationRole)
        raise InvalidInput(f"an organisation's role is one of: {allowed}", field="role")
    if data.role == PersonRole.IMPLICATED_OFFICIAL and not data.agency:
        raise InvalidInput("an implicated official's agency is required", field="agency")


def add_party(ctx: Context, actor: Principal, case_id: int, data: PartyCreate) -> PartyOut:
    _check_role(data)
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.EDIT_CASES)
        return _committed(uow, _new_party(ctx, uow, actor, case_id, data))


def add_new_person_to_case(
    ctx: Context, actor: Principal, case_id: int, person: PersonCreate, role: NewPersonRole
) -> PartyOut:
    """Record a new person and add them to the case in one transaction: if the party is
    refused, no person is left behind."""
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.EDIT_CASES)  # before writing anything
        data = role.for_person(new_person(ctx, uow, actor, person).id)
        _check_role(data)
        return _committed(uow, _new_party(ctx, uow, actor, case_id, data))


def _committed(uow: UnitOfWork, party: t.Party) -> PartyOut:
    out = PartyOut.model_validate(party)
    uow.commit()
    return out


def _new_party(
    ctx: Context, uow: UnitOfWork, actor: Principal, case_id: int, data: PartyCreate
) -> t.Party:
    """Add the party to a case the caller has opened for editing, in its unit of work."""
    case = claim_case(uow, case_id)
    if data.person_id is not None:
        if uow.session.get(t.Person, data.person_id) is None:
            raise NotFound(f"person {data.person_id} does not exist", field="person_id")
        if not person_in_reach(uow, actor, data.person_id):
            raise Forbidden(f"person {data.person_id} is outside your reach", field="person_id")
    else:
        assert data.organisation_id is not None
        get_organisation_row(uow, data.organisation_id)
    same = select(t.Party.id).where(
        t.Party.case_id == case_id,
        t.Party.role == data.role,
        t.Party.person_id == data.person_id
        if data.person_id is not None
        else t.Party.organisation_id == data.organisation_id,
    )
    existing = uow.session.scalar(same)
    if existing is not None:
        raise Duplicate(
            f"that party is already in case {case_id} as {data.role} (party {existing})",
            field="role",
            record=f"party {existing}",
        )
    party = t.Party(case_id=case_id, **data.model_dump(mode="json"), created_at=ctx.now())
    uow.session.add(party)
    uow.flush()
    refresh_case(uow, case, ctx.catalogue, ctx.today())
    case.updated_at = ctx.now()
    audit(
        uow,
        ctx,
        actor,
        "party.create",
        "case",
        case_id,
        details={"party_id": party.id, "role": data.role},
    )
    return party


def list_parties(ctx: Context, actor: Principal, case_id: int) -> list[PartyOut]:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id)
        audit(uow, ctx, actor, "case.read", "case", case_id, details={"part": "parties"})
        rows = uow.session.scalars(
            select(t.Party).where(t.Party.case_id == case_id).order_by(t.Party.id)
        )
        out = [PartyOut.model_validate(p) for p in rows]
        uow.commit()
        return out
