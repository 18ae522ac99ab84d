"""Use case: the whole file of one case, as the case page shows it, in one read.

One transaction and one audit entry (naming every person shown) instead of a read per part.
A victim's or witness's identity is hidden here; revealing it is its own audited use case.
"""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.access import Principal
from tipwatch.domain.vocabulary import PROTECTED_ROLES
from tipwatch.services.access import open_case
from tipwatch.services.audit_trail import audit
from tipwatch.services.cases import case_detail
from tipwatch.services.context import Context
from tipwatch.services.schemas.cases import CaseDetail
from tipwatch.services.schemas.common import Output
from tipwatch.services.schemas.people import OrganisationOut, PartyOut
from tipwatch.services.schemas.steps import ChargeOut, EventOut, RouteLegOut
from tipwatch.storage import tables as t


class PartyInFile(PartyOut):
    name: str | None  # None where the identity is hidden
    identity_hidden: bool
    organisation: OrganisationOut | None = None


class CaseFile(Output):
    case: CaseDetail
    parties: list[PartyInFile]
    charges: list[ChargeOut]
    events: list[EventOut]
    route_legs: list[RouteLegOut]


def read_case_file(ctx: Context, actor: Principal, case_id: int) -> CaseFile:
    with ctx.uow() as uow:
        case = open_case(ctx, uow, actor, case_id)
        session = uow.session
        rows = session.scalars(
            select(t.Party).where(t.Party.case_id == case_id).order_by(t.Party.id)
        ).all()
        people = {
            p.id: p
            for p in session.scalars(
                select(t.Person).where(t.Person.id.in_([r.person_id for r in rows if r.person_id]))
            )
        }
        organisations = {
            o.id: o
            for o in session.scalars(
                select(t.Organisation).where(
                    t.Organisation.id.in_([r.organisation_id for r in rows if r.organisation_id])
                )
            )
        }
        protected = {r.person_id for r in rows if r.role in PROTECTED_ROLES}
        parties = []
        for row in rows:
            hidden = row.person_id in protected
            name = None
            if row.person_id is not None and not hidden:
                name = uow.codec.decode(people[row.person_id].personal).get("name")
            organisation = organisations.get(row.organisation_id or 0)
            parties.append(
                PartyInFile(
                    **PartyOut.model_validate(row).model_dump(),
                    name=name,
                    identity_hidden=hidden,
                    organisation=OrganisationOut.model_validate(organisation)
                    if organisation
                    else None,
                )
            )
        file = CaseFile(
            case=case_detail(uow, case, ctx.today()),
            parties=parties,
            charges=[
                ChargeOut.model_validate(c)
                for c in session.scalars(
                    select(t.Charge).where(t.Charge.case_id == case_id).order_by(t.Charge.id)
                )
            ],
            events=[
                EventOut.model_validate(e)
                for e in session.scalars(
                    select(t.Event)
                    .where(t.Event.case_id == case_id)
                    .order_by(t.Event.occurred_on, t.Event.id)
                )
            ],
            route_legs=[
                RouteLegOut.model_validate(r)
                for r in session.scalars(
                    select(t.RouteLeg)
                    .where(t.RouteLeg.case_id == case_id)
                    .order_by(t.RouteLeg.sequence)
                )
            ],
        )
        shown = sorted(p.person_id for p in parties if p.person_id and not p.identity_hidden)
        audit(
            uow,
            ctx,
            actor,
            "case.read",
            "case",
            case_id,
            details={"part": "file", "persons_shown": shown},
        )
        uow.commit()
        return file
