"""Use case: the cases of a person found by CNIC, phone, passport or bank account."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.services.access import conflicted_case_ids_sql, visible_cases_sql
from tipwatch.services.audit_trail import audit
from tipwatch.services.cases import case_out
from tipwatch.services.context import Context
from tipwatch.services.persons import search_persons
from tipwatch.services.schemas.cases import CaseOut
from tipwatch.services.schemas.people import PersonSearch
from tipwatch.storage import tables as t


def cases_of_identifier(ctx: Context, actor: Principal, search: PersonSearch) -> list[CaseOut]:
    """Every case in the user's reach in which someone with these identifiers is a party."""
    actor.require(Capability.READ_CASES)
    people = [p.id for p in search_persons(ctx, actor, search)]
    today = ctx.today()
    with ctx.uow() as uow:
        rows = uow.session.scalars(
            select(t.Case)
            .where(
                t.Case.id.in_(select(t.Party.case_id).where(t.Party.person_id.in_(people))),
                visible_cases_sql(uow, actor),
                ~conflicted_case_ids_sql(actor),
            )
            .order_by(t.Case.reported_on.desc())
            .limit(200)
        ).all()
        out = [case_out(uow, case, today) for case in rows]
        audit(
            uow,
            ctx,
            actor,
            "case.list",
            "case",
            None,
            details={"ids": [c.id for c in rows], "by": "identifier"},
        )
        uow.commit()
        return out
