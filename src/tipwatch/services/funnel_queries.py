"""The SQL behind the attrition funnel: which rows count, grouped how.

Functions ending in `_sql` return statements; nothing here runs a query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select

from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.schemas.funnel import FunnelFilters
from tipwatch.storage import tables as t
from tipwatch.storage.database import days_between_sql, joined_sql

# Rows are grouped in SQL by their case's year and unit, the order of the funnel's covering
# index (storage.tables.FUNNEL_INDEX_COLUMNS), and by case type when the report is by case
# type; services.funnel turns these into the report's groups (a unit's province, say).
UNIT_GROUPS: dict[str, Any] = {
    "province": t.Unit.province,
    "district": t.Unit.district,
    "agency": t.Unit.agency,
}
ADULT_AGE = 18


def grouping_sql(by: str | None) -> list[Any]:
    """The columns rows are grouped by in SQL, for a report by `by`."""
    columns: list[Any] = [t.Case.year, t.Case.unit_id]
    if by == "case_type":
        columns.append(t.Case.case_type)
    return columns


def needs_units(filters: FunnelFilters) -> bool:
    """Whether the filters name a unit's attribute, so the units table must be joined."""
    return filters.province is not None or bool(filters.district) or bool(filters.agency)


def cases_sql(columns: list[Any], join_units: bool) -> Select[Any]:
    """`columns` from the cases, with their units joined if a filter needs them."""
    query = select(*columns).select_from(t.Case)
    if join_units:
        query = query.join(t.Unit, t.Case.unit_id == t.Unit.id)
    return query


class Rows:
    """The counted rows for one unit: their stage, final state and dates."""

    def __init__(self, filters: FunnelFilters) -> None:
        self.unit = filters.unit
        self.join_units = needs_units(filters)
        subject = t.Party if filters.unit != "cases" else t.Case
        self.stage = subject.funnel_stage
        self.state = subject.final_state
        self.charged_on = subject.charged_on
        self.concluded_on = subject.concluded_on
        self.convicted_on = subject.convicted_on
        self.sentenced_on = subject.sentenced_on
        if filters.unit == "victims":  # a victim goes where their case goes
            self.stage, self.state = t.Case.funnel_stage, t.Case.final_state
            self.charged_on, self.concluded_on = t.Case.charged_on, t.Case.concluded_on
            self.convicted_on, self.sentenced_on = t.Case.convicted_on, t.Case.sentenced_on

    def base_sql(self, columns: list[Any]) -> Select[Any]:
        query = cases_sql(columns, self.join_units)
        if self.unit == "accused":
            query = query.join(
                t.Party, and_(t.Party.case_id == t.Case.id, t.Party.role == PersonRole.ACCUSED)
            )
        elif self.unit == "victims":
            query = query.join(
                t.Party, and_(t.Party.case_id == t.Case.id, t.Party.role == PersonRole.VICTIM)
            )
        return query


def _victim_condition(filters: FunnelFilters, person: Any) -> ColumnElement[bool] | None:
    conditions = []
    if filters.victim_sex is not None:
        conditions.append(person.sex == filters.victim_sex)
    if filters.victim_age_group == "child":
        conditions.append(person.age_years < ADULT_AGE)
    elif filters.victim_age_group == "adult":
        conditions.append(person.age_years >= ADULT_AGE)
    return and_(*conditions) if conditions else None


def filter_conditions(
    filters: FunnelFilters, unit_ids: set[int] | None, provision_key: str | None
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.year is not None:
        where.append(t.Case.year == filters.year)
    if filters.year_from is not None:
        where.append(t.Case.year >= filters.year_from)
    if filters.year_to is not None:
        where.append(t.Case.year <= filters.year_to)
    if filters.province is not None:
        where.append(t.Unit.province == filters.province)
    if filters.district:
        where.append(func.lower(t.Unit.district) == filters.district.lower())
    if filters.agency:
        where.append(func.lower(t.Unit.agency) == filters.agency.lower())
    if unit_ids is not None:
        where.append(t.Case.unit_id.in_(unit_ids))
    if filters.exploitation is not None:
        where.append(
            exists().where(
                t.CaseExploitation.case_id == t.Case.id,
                t.CaseExploitation.form == filters.exploitation,
            )
        )
    # an accused counts under the provisions he is charged with; a case or a victim under its case's
    charged = t.Charge.party_id == t.Party.id if filters.unit == "accused" else None
    in_scope = charged if charged is not None else t.Charge.case_id == t.Case.id
    if provision_key is not None:
        where.append(exists().where(in_scope, t.Charge.provision_key == provision_key))
    if filters.act:  # an act code from the catalogue (services.funnel)
        where.append(exists().where(in_scope, t.Charge.provision_key.like(f"{filters.act} %")))
    if filters.unit == "victims":
        condition = _victim_condition(filters, t.Person)
        if condition is not None:
            where.append(exists().where(t.Person.id == t.Party.person_id, condition))
    else:
        victim = t.Party.__table__.alias("victim")
        condition = _victim_condition(filters, t.Person)
        if condition is not None:
            where.append(
                exists().where(
                    victim.c.case_id == t.Case.id,
                    victim.c.role == PersonRole.VICTIM,
                    t.Person.id == victim.c.person_id,
                    condition,
                )
            )
    return where


def counts_sql(rows: Rows, where: list[ColumnElement[bool]], keys: list[Any]) -> Select[Any]:
    return (
        rows.base_sql([*keys, rows.stage, rows.state, func.count().label("n")])
        .where(*where)
        .group_by(*keys, rows.stage, rows.state)
    )


def delays_sql(
    rows: Rows, where: list[ColumnElement[bool]], keys: list[Any], dialect: str
) -> Select[Any]:
    pairs = [
        (t.Case.challan_submitted_on, t.Case.fir_registered_on),
        (rows.charged_on, t.Case.challan_submitted_on),
        (rows.concluded_on, rows.charged_on),
        (rows.sentenced_on, rows.convicted_on),
    ]
    columns = [
        joined_sql(days_between_sql(later, earlier, dialect), dialect) for later, earlier in pairs
    ]
    measured = t.Case.challan_submitted_on.is_not(None)  # every delay starts at the challan
    return rows.base_sql([*keys, *columns]).where(measured, *where).group_by(*keys)


def late_challans_sql(
    where: list[ColumnElement[bool]], keys: list[Any], today: date, join_units: bool
) -> Select[Any]:
    """Per group: FIRs whose s.173 report fell due, and those whose report was late or is
    still missing. Counted over FIRs whatever the funnel's unit: pass case-level conditions."""
    due = t.Case.challan_due_on
    stopped = and_(
        t.Case.challan_submitted_on.is_(None),
        t.Case.closed_on.is_not(None),
        t.Case.closed_on <= due,
    )
    late = or_(
        t.Case.challan_submitted_on > due, and_(t.Case.challan_submitted_on.is_(None), ~stopped)
    )
    fell_due = and_(due.is_not(None), due < today, ~stopped)
    columns = [*keys, func.count().label("due"), func.sum(case((late, 1), else_=0)).label("late")]
    return cases_sql(columns, join_units).where(fell_due, *where).group_by(*keys)
