"""Who may do what: roles, their capabilities, and the person acting.

Where a role reaches (which cases, which victims) depends on units and shares in the database and
is worked out in services/access.py; what a role may do at all is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tipwatch.domain.errors import Forbidden


class Role(StrEnum):
    ADMIN = "admin"  # accounts and units; cases of their unit and the units below
    INVESTIGATOR = "investigator"  # the cases of their own unit
    SUPERVISOR = "supervisor"  # the cases of their unit and every unit below
    PROSECUTOR = "prosecutor"  # the cases sent to their prosecution office
    CASEWORKER = "caseworker"  # only the victims referred to their NGO
    ANALYST = "analyst"  # aggregates only, never a person
    AUDITOR = "auditor"  # the audit log and alerts only


class Capability(StrEnum):
    READ_CASES = "read cases"
    CREATE_CASES = "create cases"
    EDIT_CASES = "edit cases"
    RECORD_EVENTS = "record events"
    SHARE_CASES = "share cases"
    READ_PERSONS = "read persons"
    ADD_PERSONS = "add persons"
    REVEAL_IDENTITY = "reveal identities"
    CARE_FOR_VICTIMS = "care for victims"
    MANAGE_UNITS = "manage units"
    MANAGE_USERS = "manage users"
    READ_UNITS = "read units"
    READ_LAW = "read the law"
    READ_AGGREGATES = "read aggregates"
    READ_AUDIT = "read the audit log"
    MANAGE_FIGURES = "edit published figures"


C = Capability
_CASE_WORK = {
    C.READ_CASES,
    C.RECORD_EVENTS,
    C.READ_PERSONS,
    C.REVEAL_IDENTITY,
    C.READ_UNITS,
    C.READ_LAW,
    C.READ_AGGREGATES,
}
_INVESTIGATION = _CASE_WORK | {C.CREATE_CASES, C.EDIT_CASES, C.ADD_PERSONS, C.SHARE_CASES}

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.ADMIN: frozenset(_INVESTIGATION | {C.MANAGE_UNITS, C.MANAGE_USERS, C.MANAGE_FIGURES}),
    Role.INVESTIGATOR: frozenset(_INVESTIGATION),
    Role.SUPERVISOR: frozenset(_INVESTIGATION),
    Role.PROSECUTOR: frozenset(_CASE_WORK),
    Role.CASEWORKER: frozenset({C.CARE_FOR_VICTIMS, C.REVEAL_IDENTITY, C.READ_LAW}),
    Role.ANALYST: frozenset({C.READ_AGGREGATES, C.READ_LAW, C.READ_UNITS}),
    Role.AUDITOR: frozenset({C.READ_AUDIT}),
}

# Roles that reach the cases of every unit below their own.
SUBTREE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.PROSECUTOR})

# Party roles that keep a user away from a case when the user is that person.
CONFLICTING_PARTY_ROLES = frozenset({"accused", "implicated_official"})


@dataclass(frozen=True)
class Principal:
    """The user making a request, as the services see them."""

    user_id: int | None
    username: str
    role: Role
    unit_id: int | None = None
    person_id: int | None = None

    def can(self, capability: Capability) -> bool:
        return capability in ROLE_CAPABILITIES[self.role]

    def require(self, capability: Capability) -> None:
        if not self.can(capability):
            raise Forbidden(f"the {self.role} role may not {capability}")


# The local operator running the `tipwatch` command on the server itself.
SYSTEM = Principal(user_id=None, username="system", role=Role.ADMIN)
