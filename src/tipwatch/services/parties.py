"""Use cases: people and organisations in their roles in a case."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.errors import Duplicate, InvalidInput
from tipwatch.domain.vocabulary import OrganisationRole, PersonRole
from tipwatch.services.case_state import claim_case, refresh_case
from tipwatch.services.cases import get_case_row
from tipwatch.services.context import Context
from tipwatch.services.persons import get_organisation_row, get_person_row
from tipwatch.services.schemas.people import PartyCreate, PartyOut
from tipwatch.storage import tables as t


def _check_role(data: PartyCreate) -> None:
    if data.person_id is not None and data.role not in set(PersonRole):
        allowed = ", ".join(PersonRole)
        raise InvalidInput(f"a person's role is one of: {allowed}", field="role")
    if data.organisation_id is not None and data.role not in set(OrganisationRole):
        allowed = ", ".join(OrganisationRole)
        raise InvalidInput(f"an organisation's role is one of: {allowed}", field="role")
    if data.role == PersonRole.IMPLICATED_OFFICIAL and not data.agency:
        raise InvalidInput("an implicated official's agency is required", field="agency")


def add_party(ctx: Context, case_id: int, data: PartyCreate) -> PartyOut:
    _check_role(data)
    with ctx.uow() as uow:
        case = claim_case(uow, case_id)
        if data.person_id is not None:
            get_person_row(uow, data.person_id)
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
        out = PartyOut.model_validate(party)
        uow.commit()
        return out


def list_parties(ctx: Context, case_id: int) -> list[PartyOut]:
    with ctx.uow() as uow:
        get_case_row(uow, case_id)
        rows = uow.session.scalars(
            select(t.Party).where(t.Party.case_id == case_id).order_by(t.Party.id)
        )
        return [PartyOut.model_validate(p) for p in rows]
