"""One demo user of every role, in the units where the demo's stories concentrate.

All share one demo password, printed once at the end of the build: these are demo credentials
for a demo database, never for real data.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.domain.access import SYSTEM, Role
from tipwatch.services.accounts import add_user
from tipwatch.services.context import Context
from tipwatch.services.demo.unit_tree import HQ_CODE, UnitDirectory
from tipwatch.services.schemas.accounts import UserCreate

DEMO_PASSWORD = "demo-password-2025"
INVESTIGATOR_UNIT = "FIA-AHTC-GRW"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    unit_code: str | None
    display_name: str
    what_they_see: str


DEMO_USERS = (
    DemoUser(
        "demo.admin",
        Role.ADMIN,
        HQ_CODE,
        "Demo national administrator",
        "every unit's cases, accounts and units",
    ),
    DemoUser(
        "demo.investigator",
        Role.INVESTIGATOR,
        INVESTIGATOR_UNIT,
        "Demo FIA investigator, AHTC Gujranwala",
        "AHTC Gujranwala's cases, except one where their own person record is an "
        "implicated official (conflict of interest)",
    ),
    DemoUser(
        "demo.supervisor",
        Role.SUPERVISOR,
        "FIA-GRW",
        "Demo FIA supervisor, Gujranwala zone",
        "every circle of the Gujranwala zone",
    ),
    DemoUser(
        "demo.police",
        Role.INVESTIGATOR,
        "PS-KSR-KASUR-CITY",
        "Demo police investigator, Kasur City",
        "the station's cases",
    ),
    DemoUser(
        "demo.police.supervisor",
        Role.SUPERVISOR,
        "POL-KSR",
        "Demo police supervisor, Kasur district",
        "every station of Kasur district",
    ),
    DemoUser(
        "demo.prosecutor",
        Role.PROSECUTOR,
        "PROS-GRW",
        "Demo district public prosecutor, Gujranwala",
        "the cases challaned to the Gujranwala prosecutor",
    ),
    DemoUser(
        "demo.caseworker",
        Role.CASEWORKER,
        "NGO-LHR-VSC",
        "Demo caseworker, Victim Support Centre Lahore",
        "only the victims referred to the NGO",
    ),
    DemoUser(
        "demo.analyst",
        Role.ANALYST,
        None,
        "Demo national analyst",
        "aggregates only, never a person",
    ),
    DemoUser("demo.auditor", Role.AUDITOR, None, "Demo auditor", "the audit log and alerts"),
)


def add_demo_users(ctx: Context, units: UnitDirectory, investigator_person_id: int) -> None:
    for user in DEMO_USERS:
        person = investigator_person_id if user.username == "demo.investigator" else None
        data = UserCreate(
            username=user.username,
            password=DEMO_PASSWORD,
            role=user.role,
            unit_id=units.ids[user.unit_code] if user.unit_code else None,
            person_id=person,
            display_name=user.display_name,
        )
        add_user(ctx, SYSTEM, data)
