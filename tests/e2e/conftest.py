"""Pages over HTTP: a small world with a case of each kind and a user of every role."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from tests.factories import PASSWORD, make_user
from tipwatch.api.app import create_app
from tipwatch.domain.access import SYSTEM, Role
from tipwatch.services import cases, events, parties, persons, units
from tipwatch.services.context import Context
from tipwatch.services.schemas.cases import CaseCreate
from tipwatch.services.schemas.people import PartyCreate, PersonCreate
from tipwatch.services.schemas.steps import EventCreate
from tipwatch.services.schemas.units import UnitCreate

VICTIM_NAME = "Zarina Testvictim"
VICTIM_CNIC = "35202-9988776-5"


@dataclass
class PageWorld:
    ctx: Context
    own_case: int
    other_case: int
    victim: int
    accused: int
    ngo: int


@pytest.fixture
def page_world(ctx: Context) -> PageWorld:
    def unit(code: str, kind: str) -> int:
        return units.add_unit(
            ctx,
            SYSTEM,
            UnitCreate(code=code, name=f"Unit {code}", kind=kind, agency="FIA", province="Punjab"),
        ).id

    own, other, office, ngo = (
        unit("A", "fia_circle"),
        unit("B", "fia_circle"),
        unit("P", "prosecution_office"),
        unit("N", "ngo"),
    )
    homes = {
        Role.ADMIN: None,
        Role.INVESTIGATOR: own,
        Role.SUPERVISOR: own,
        Role.PROSECUTOR: office,
        Role.CASEWORKER: ngo,
        Role.ANALYST: None,
        Role.AUDITOR: None,
    }
    for role, home in homes.items():
        make_user(ctx, f"web-{role}", role, home)
    case_ids = []
    for code, unit_id in (("own", own), ("other", other)):
        case = cases.register_case(
            ctx,
            SYSTEM,
            CaseCreate(
                number=code,
                year=2025,
                unit_id=unit_id,
                case_type="trafficking",
                reported_on="2025-02-01",
                offence_date="2025-01-30",
                prosecution_office_id=office,
            ),
        )
        events.record_event(
            ctx, SYSTEM, case.id, EventCreate(kind="fir_registered", occurred_on="2025-02-01")
        )
        case_ids.append(case.id)
    victim = persons.add_person(
        ctx, SYSTEM, PersonCreate(name=VICTIM_NAME, sex="female", age_years=15, cnic=VICTIM_CNIC)
    ).id
    accused = persons.add_person(ctx, SYSTEM, PersonCreate(name="Karim Testaccused")).id
    victim_party = parties.add_party(
        ctx, SYSTEM, case_ids[0], PartyCreate(person_id=victim, role="victim")
    ).id
    parties.add_party(ctx, SYSTEM, case_ids[0], PartyCreate(person_id=accused, role="accused"))
    events.record_event(
        ctx,
        SYSTEM,
        case_ids[0],
        EventCreate(
            kind="victim_referred",
            occurred_on="2025-02-03",
            party_id=victim_party,
            details={"referred_to": "shelter", "referred_to_unit_id": ngo},
        ),
    )
    return PageWorld(ctx, case_ids[0], case_ids[1], victim, accused, ngo)


def browser_for(ctx: Context, role: Role | None) -> TestClient:
    """A client logged in through the login form, as a person would."""
    client = TestClient(create_app(ctx), raise_server_exceptions=False)
    if role is not None:
        response = client.post(
            "/login", data={"username": f"web-{role}", "password": PASSWORD}, follow_redirects=False
        )
        assert response.status_code == 303, response.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no form token on the page"
    return found.group(1)
