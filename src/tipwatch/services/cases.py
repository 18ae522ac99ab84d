"""Use cases: registering, reading, listing and editing cases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, func, or_, select

from tipwatch.domain.access import SUBTREE_ROLES, Capability, Principal
from tipwatch.domain.errors import Duplicate, Forbidden, InvalidInput
from tipwatch.domain.funnel import FunnelStage
from tipwatch.domain.stages import CaseStage
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.access import (
    conflicted_case_ids_sql,
    open_case,
    unit_subtree,
    visible_cases_sql,
)
from tipwatch.services.audit_trail import audit
from tipwatch.services.case_state import case_flags, claim_case, clock_of, refresh_case
from tipwatch.services.context import Context
from tipwatch.services.schemas.cases import (
    AccusedStageOut,
    CaseCreate,
    CaseDetail,
    CaseFilters,
    CaseOut,
    CaseUpdate,
    ChallanOut,
    FlagOut,
)
from tipwatch.services.schemas.common import Page
from tipwatch.services.schemas.units import UnitOut
from tipwatch.services.units import get_unit_row
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def _not_in_future(value: date | None, field: str, today: date) -> None:
    if value is not None and value > today:
        raise InvalidInput(f"{field} {value} is in the future (today is {today})", field=field)


def case_out(uow: UnitOfWork, case: t.Case, today: date) -> CaseOut:
    return CaseOut(**_case_fields(uow, case, today))


def _case_fields(uow: UnitOfWork, case: t.Case, today: date) -> dict[str, object]:
    clock = clock_of(case, today)
    return {
        **{
            name: getattr(case, name)
            for name in (
                "id",
                "reference",
                "number",
                "year",
                "case_type",
                "reported_on",
                "offence_date",
                "narrative",
                "prosecution_office_id",
                "version",
                "stage",
                "fir_registered_on",
                "closed_on",
                "created_at",
                "updated_at",
            )
        },
        "unit": UnitOut.model_validate(case.unit),
        "exploitation": [e.form for e in case.exploitation],
        "challan": ChallanOut(
            status=clock.status,
            due_on=clock.due_on,
            submitted_on=clock.submitted_on,
            days_late=clock.days_late,
        ),
        "flags": [FlagOut(**f) for f in case_flags(uow, case, today)],
    }


def case_detail(uow: UnitOfWork, case: t.Case, today: date) -> CaseDetail:
    accused = uow.session.scalars(
        select(t.Party)
        .where(t.Party.case_id == case.id, t.Party.role == PersonRole.ACCUSED)
        .order_by(t.Party.id)
    )
    return CaseDetail(
        **_case_fields(uow, case, today),
        accused=[
            AccusedStageOut(party_id=p.id, stage=p.stage or "named", outcome=p.outcome)
            for p in accused
        ],
    )


def check_unit_in_reach(uow: UnitOfWork, actor: Principal, unit_id: int) -> None:
    if actor.unit_id is None and actor.role in SUBTREE_ROLES:
        return
    reach = (
        {actor.unit_id}
        if actor.role not in SUBTREE_ROLES
        else (unit_subtree(uow, actor.unit_id) if actor.unit_id is not None else set())
    )
    if unit_id not in reach:
        raise Forbidden(
            f"unit {unit_id} is outside your reach: register the case in your own unit",
            field="unit_id",
        )


def register_case(ctx: Context, actor: Principal, data: CaseCreate) -> CaseDetail:
    actor.require(Capability.CREATE_CASES)
    today, now = ctx.today(), ctx.now()
    _not_in_future(data.reported_on, "reported_on", today)
    _not_in_future(data.offence_date, "offence_date", today)
    if data.offence_date and data.offence_date > data.reported_on:
        raise InvalidInput("offence_date is after reported_on", field="offence_date")
    with ctx.uow() as uow:
        unit = get_unit_row(uow, data.unit_id)
        check_unit_in_reach(uow, actor, unit.id)
        if data.prosecution_office_id is not None:
            get_unit_row(uow, data.prosecution_office_id, field="prosecution_office_id")
        reference = f"{unit.code}/{data.year}/{data.number}"
        exists = uow.session.scalar(select(t.Case.id).where(t.Case.reference == reference))
        if exists is not None:
            raise Duplicate(
                f"case {reference} is already registered (case {exists})",
                field="number",
                record=f"case {exists}",
            )
        case = t.Case(
            reference=reference,
            number=data.number,
            year=data.year,
            unit_id=unit.id,
            case_type=data.case_type,
            offence_date=data.offence_date,
            reported_on=data.reported_on,
            narrative=data.narrative,
            prosecution_office_id=data.prosecution_office_id,
            version=1,
            created_at=now,
            updated_at=now,
            stage=CaseStage.REPORTED,
            exploitation=[t.CaseExploitation(form=f) for f in dict.fromkeys(data.exploitation)],
        )
        uow.session.add(case)
        uow.flush()
        audit(uow, ctx, actor, "case.create", "case", case.id)
        detail = case_detail(uow, case, today)
        uow.commit()
        return detail


def get_case(ctx: Context, actor: Principal, case_id: int) -> CaseDetail:
    with ctx.uow() as uow:
        case = open_case(ctx, uow, actor, case_id)
        audit(uow, ctx, actor, "case.read", "case", case_id)
        detail = case_detail(uow, case, ctx.today())
        uow.commit()
        return detail


def update_case(ctx: Context, actor: Principal, case_id: int, data: CaseUpdate) -> CaseDetail:
    today = ctx.today()
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    for name in ("reported_on", "offence_date"):
        _not_in_future(changes.get(name), name, today)
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.EDIT_CASES)
        if changes.get("prosecution_office_id") is not None:
            get_unit_row(uow, changes["prosecution_office_id"], field="prosecution_office_id")
        case = claim_case(uow, case_id, expected_version=data.version)
        exploitation = changes.pop("exploitation", None)
        for name, value in changes.items():
            if value is None and name in ("case_type", "reported_on", "narrative"):
                raise InvalidInput(f"{name} cannot be emptied", field=name)
            setattr(case, name, value)
        if case.offence_date and case.offence_date > case.reported_on:
            raise InvalidInput("offence_date is after reported_on", field="offence_date")
        if exploitation is not None:
            case.exploitation = [t.CaseExploitation(form=f) for f in dict.fromkeys(exploitation)]
        case.updated_at = ctx.now()
        from tipwatch.services.charges import revalidate_charges

        revalidate_charges(uow, case, ctx.catalogue)
        refresh_case(uow, case, ctx.catalogue, today)
        audit(uow, ctx, actor, "case.update", "case", case_id, details={"fields": sorted(changes)})
        uow.flush()
        detail = case_detail(uow, case, today)
        uow.commit()
        return detail


def cases_sql(filters: CaseFilters, today: date) -> Select[t.Case]:
    """The cases matching the filters, newest first."""
    query = select(t.Case).join(t.Unit, t.Case.unit_id == t.Unit.id)
    if filters.stage:
        query = query.where(t.Case.stage == filters.stage)
    if filters.province:
        query = query.where(t.Unit.province == filters.province)
    if filters.district:
        query = query.where(func.lower(t.Unit.district) == filters.district.lower())
    if filters.unit_id:
        query = query.where(t.Case.unit_id == filters.unit_id)
    if filters.year:
        query = query.where(t.Case.year == filters.year)
    if filters.exploitation:
        query = query.where(
            t.Case.id.in_(
                select(t.CaseExploitation.case_id).where(
                    t.CaseExploitation.form == filters.exploitation
                )
            )
        )
    if filters.provision:
        query = query.where(
            t.Case.id.in_(
                select(t.Charge.case_id).where(t.Charge.provision_key == filters.provision)
            )
        )
    if filters.q:
        pattern = "%" + filters.q.lower().replace("%", "").replace("_", "") + "%"
        query = query.where(func.lower(t.Case.reference).like(pattern))
    if filters.overdue is not None:
        overdue = (
            t.Case.challan_submitted_on.is_(None)
            & t.Case.challan_due_on.is_not(None)
            & (t.Case.challan_due_on < today)
            & or_(t.Case.closed_on.is_(None), t.Case.closed_on > t.Case.challan_due_on)
        )
        query = query.where(overdue if filters.overdue else ~overdue)
    if filters.reached is not None:
        query = query.where(t.Case.funnel_stage >= FunnelStage[filters.reached.name.upper()])
    if filters.stopped_at is not None:
        query = query.where(t.Case.funnel_stage == FunnelStage[filters.stopped_at.name.upper()])
    if filters.final_state is not None:
        query = query.where(t.Case.final_state == filters.final_state)
    order = {
        "newest": (t.Case.reported_on.desc(), t.Case.id.desc()),
        "oldest": (t.Case.reported_on.asc(), t.Case.id.asc()),
        "reference": (t.Case.reference.asc(),),
        "stage": (t.Case.funnel_stage.desc(), t.Case.id.desc()),
    }[filters.sort]
    return query.order_by(*order)


def list_cases(ctx: Context, actor: Principal, filters: CaseFilters) -> Page[CaseOut]:
    actor.require(Capability.READ_CASES)
    today = ctx.today()
    if filters.provision:
        key = ctx.catalogue.get(filters.provision).key
        filters = filters.model_copy(update={"provision": key})
    with ctx.uow() as uow:
        query = cases_sql(filters, today).where(
            visible_cases_sql(uow, actor), ~conflicted_case_ids_sql(actor)
        )
        total = uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = uow.session.scalars(query.limit(filters.limit).offset(filters.offset)).all()
        items = [case_out(uow, case, today) for case in rows]
        audit(
            uow,
            ctx,
            actor,
            "case.list",
            "case",
            None,
            details={"ids": [c.id for c in rows], "total": total},
        )
        uow.commit()
        return Page[CaseOut](items=items, total=total, limit=filters.limit, offset=filters.offset)
