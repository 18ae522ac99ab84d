"""Use cases: organisations (travel agencies, employment promoters, brick kilns, employers)."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import NotFound
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.schemas.people import OrganisationCreate, OrganisationOut
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def get_organisation_row(uow: UnitOfWork, organisation_id: int) -> t.Organisation:
    organisation = uow.session.get(t.Organisation, organisation_id)
    if organisation is None:
        raise NotFound(
            f"organisation {organisation_id} does not exist",
            record=f"organisation {organisation_id}",
            field="organisation_id",
        )
    return organisation


def add_organisation(ctx: Context, actor: Principal, data: OrganisationCreate) -> OrganisationOut:
    actor.require(Capability.ADD_PERSONS)
    with ctx.uow() as uow:
        organisation = t.Organisation(**data.model_dump(mode="json"), created_at=ctx.now())
        uow.session.add(organisation)
        uow.flush()
        audit(uow, ctx, actor, "organisation.create", "organisation", organisation.id)
        out = OrganisationOut.model_validate(organisation)
        uow.commit()
        return out


def get_organisation(ctx: Context, actor: Principal, organisation_id: int) -> OrganisationOut:
    actor.require(Capability.READ_CASES)
    with ctx.uow() as uow:
        out = OrganisationOut.model_validate(get_organisation_row(uow, organisation_id))
        audit(uow, ctx, actor, "organisation.read", "organisation", organisation_id)
        uow.commit()
        return out


def list_organisations(
    ctx: Context, actor: Principal, name: str | None = None, limit: int = 50, offset: int = 0
) -> list[OrganisationOut]:
    actor.require(Capability.READ_CASES)
    with ctx.uow() as uow:
        query = select(t.Organisation).order_by(t.Organisation.name, t.Organisation.id)
        if name:
            cleaned = name.lower().replace("%", "").replace("_", "")
            query = query.where(t.Organisation.name.ilike(f"%{cleaned}%"))
        rows = uow.session.scalars(query.limit(limit).offset(offset)).all()
        audit(uow, ctx, actor, "organisation.list", "organisation", None)
        uow.commit()
        return [OrganisationOut.model_validate(o) for o in rows]
