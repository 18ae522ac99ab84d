"""Where a user reaches: the cases and victims their role, unit and shares open to them.

Every case read or write goes through `open_case`, which also enforces the conflict-of-interest
rule: a user whose own person record is an accused or implicated official in a case can never
open it, whatever their role; the attempt is refused and an alert is raised for auditors.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true

from tipwatch.domain.access import (
    CONFLICTING_PARTY_ROLES,
    SUBTREE_ROLES,
    Capability,
    Principal,
    Role,
)
from tipwatch.domain.errors import Forbidden, NotFound
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.audit_trail import audit_alone
from tipwatch.services.context import Context
from tipwatch.storage import security_tables as s
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def unit_subtree(uow: UnitOfWork, unit_id: int) -> set[int]:
    """The unit and every unit below it."""
    rows = uow.session.execute(select(t.Unit.id, t.Unit.parent_id)).all()
    children: dict[int | None, list[int]] = {}
    for child, parent in rows:
        children.setdefault(parent, []).append(child)
    found, todo = {unit_id}, [unit_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _shared_case_ids(actor: Principal) -> ColumnElement[bool]:
    grantee = s.CaseShare.user_id == actor.user_id
    if actor.unit_id is not None:
        grantee = or_(grantee, s.CaseShare.unit_id == actor.unit_id)
    shared = select(s.CaseShare.case_id).where(grantee, s.CaseShare.revoked_at.is_(None))
    return t.Case.id.in_(shared)


def visible_cases_sql(uow: UnitOfWork, actor: Principal) -> ColumnElement[bool]:
    """A WHERE clause for the cases this user may see (before the conflict-of-interest rule)."""
    if not actor.can(Capability.READ_CASES):
        return false()
    if actor.role in SUBTREE_ROLES and actor.unit_id is None:
        return true()  # a national office: every case
    if actor.unit_id is None:
        return _shared_case_ids(actor)
    units = unit_subtree(uow, actor.unit_id) if actor.role in SUBTREE_ROLES else {actor.unit_id}
    column = t.Case.prosecution_office_id if actor.role is Role.PROSECUTOR else t.Case.unit_id
    return or_(column.in_(units), _shared_case_ids(actor))


def conflicted_case_ids_sql(actor: Principal) -> ColumnElement[bool]:
    """Cases in which the user's own person record is an accused or implicated official."""
    if actor.person_id is None:
        return false()
    return t.Case.id.in_(
        select(t.Party.case_id).where(
            t.Party.person_id == actor.person_id, t.Party.role.in_(CONFLICTING_PARTY_ROLES)
        )
    )


def _raise_conflict_alert(ctx: Context, actor: Principal, case_id: int) -> None:
    with ctx.uow() as uow:
        uow.session.add(
            s.Alert(
                at=ctx.now(),
                kind="conflict_of_interest",
                user_id=actor.user_id,
                case_id=case_id,
                message=f"user {actor.username} tried to open "
                f"case {case_id}, in which they are a party",
            )
        )
        uow.commit()
    audit_alone(ctx, actor, "case.conflict_refused", "case", case_id)


def open_case(
    ctx: Context,
    uow: UnitOfWork,
    actor: Principal,
    case_id: int,
    capability: Capability = Capability.READ_CASES,
) -> t.Case:
    """The case, if this user may use it for `capability`; refuses (and records) otherwise."""
    actor.require(capability)
    case = uow.session.get(t.Case, case_id)
    if case is None:
        raise NotFound(f"case {case_id} does not exist", record=f"case {case_id}")
    conflicted = uow.session.scalar(
        select(t.Case.id).where(t.Case.id == case_id, conflicted_case_ids_sql(actor))
    )
    if conflicted is not None:
        _raise_conflict_alert(ctx, actor, case_id)
        raise Forbidden(
            f"you are a party to case {case_id} and may not open it; the attempt has been recorded",
            record=f"case {case_id}",
        )
    visible = uow.session.scalar(
        select(t.Case.id).where(t.Case.id == case_id, visible_cases_sql(uow, actor))
    )
    if visible is None:
        audit_alone(ctx, actor, "case.refused", "case", case_id)
        raise Forbidden(f"case {case_id} is outside your unit", record=f"case {case_id}")
    return case


def person_is_protected(uow: UnitOfWork, person_id: int) -> bool:
    """A victim or witness anywhere: their identity is shown only when revealed for a purpose."""
    return (
        uow.session.scalar(
            select(t.Party.id)
            .where(
                t.Party.person_id == person_id,
                t.Party.role.in_([PersonRole.VICTIM, PersonRole.WITNESS]),
            )
            .limit(1)
        )
        is not None
    )


def person_in_reach(uow: UnitOfWork, actor: Principal, person_id: int) -> bool:
    """A party to a case this user may open; for a caseworker, a victim referred to their NGO;
    a person in no case yet, for those who add people."""
    cases = select(t.Party.case_id).where(t.Party.person_id == person_id)
    not_conflicted = ~conflicted_case_ids_sql(actor)
    if actor.can(Capability.CARE_FOR_VICTIMS) and actor.unit_id is not None:
        referred = uow.session.scalar(
            select(t.Party.id)
            .join(t.Case)
            .where(
                t.Party.person_id == person_id,
                t.Party.role == PersonRole.VICTIM,
                t.Party.care_unit_id == actor.unit_id,
                not_conflicted,
            )
            .limit(1)
        )
        if referred is not None:
            return True
    if not actor.can(Capability.READ_PERSONS):
        return False
    in_scope = uow.session.scalar(
        select(t.Case.id)
        .where(t.Case.id.in_(cases), visible_cases_sql(uow, actor), not_conflicted)
        .limit(1)
    )
    if in_scope is not None:
        return True
    return actor.can(Capability.ADD_PERSONS) and uow.session.scalar(cases.limit(1)) is None


def open_person(ctx: Context, uow: UnitOfWork, actor: Principal, person_id: int) -> t.Person:
    """The person, if in this user's reach; refuses (and records the attempt) otherwise."""
    person = uow.session.get(t.Person, person_id)
    if person is None:
        raise NotFound(f"person {person_id} does not exist", record=f"person {person_id}")
    if not person_in_reach(uow, actor, person_id):
        audit_alone(ctx, actor, "person.refused", "person", person_id)
        raise Forbidden(f"person {person_id} is outside your reach", record=f"person {person_id}")
    return person
