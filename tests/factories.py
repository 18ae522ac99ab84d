"""Small factories that build test data over the API, as a user would."""

from __future__ import annotations

from itertools import count
from typing import Any

from fastapi.testclient import TestClient

from tipwatch.domain.access import SYSTEM, Role
from tipwatch.services import accounts
from tipwatch.services.context import Context
from tipwatch.services.schemas.accounts import UserCreate

_numbers = count(1)


def ok(response: Any, status: int = 201) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def make_unit(client: TestClient, **fields: Any) -> dict[str, Any]:
    n = next(_numbers)
    body = {
        "code": f"FIA-GRW-{n}",
        "name": f"FIA AHTC Gujranwala {n}",
        "kind": "fia_circle",
        "agency": "FIA",
        "district": "Gujranwala",
        "province": "Punjab",
        **fields,
    }
    return ok(client.post("/api/v1/units", json=body))


def make_case(client: TestClient, unit_id: int | None = None, **fields: Any) -> dict[str, Any]:
    if unit_id is None:
        unit_id = make_unit(client)["id"]
    body = {
        "number": str(next(_numbers)),
        "year": 2025,
        "unit_id": unit_id,
        "case_type": "trafficking",
        "reported_on": "2025-01-10",
        "offence_date": "2025-01-05",
        "exploitation": ["forced_labour"],
        **fields,
    }
    return ok(client.post("/api/v1/cases", json=body))


def make_person(client: TestClient, **fields: Any) -> dict[str, Any]:
    n = next(_numbers)
    body = {"name": f"Test Person {n}", "father_name": f"Test Father {n}", "sex": "male", **fields}
    return ok(client.post("/api/v1/persons", json=body))


def add_party(client: TestClient, case_id: int, role: str, **fields: Any) -> dict[str, Any]:
    person = make_person(client)
    body = {"person_id": person["id"], "role": role, **fields}
    return ok(client.post(f"/api/v1/cases/{case_id}/parties", json=body))


def add_charge(client: TestClient, case_id: int, party_id: int, provision: str) -> dict[str, Any]:
    body = {"party_id": party_id, "provision": provision}
    return ok(client.post(f"/api/v1/cases/{case_id}/charges", json=body))


def post_event(client: TestClient, case_id: int, kind: str, on: str, **fields: Any) -> Any:
    return client.post(
        f"/api/v1/cases/{case_id}/events", json={"kind": kind, "occurred_on": on, **fields}
    )


def add_event(
    client: TestClient, case_id: int, kind: str, on: str, **fields: Any
) -> dict[str, Any]:
    return ok(post_event(client, case_id, kind, on, **fields))


def get_case(client: TestClient, case_id: int) -> dict[str, Any]:
    return ok(client.get(f"/api/v1/cases/{case_id}"), 200)


def stages(client: TestClient, case_id: int) -> tuple[str, dict[int, str]]:
    case = get_case(client, case_id)
    return case["stage"], {a["party_id"]: a["stage"] for a in case["accused"]}


PASSWORD = "a long test password"


def make_user(
    ctx: Context,
    username: str,
    role: Role,
    unit_id: int | None = None,
    person_id: int | None = None,
) -> int:
    data = UserCreate(
        username=username, password=PASSWORD, role=role, unit_id=unit_id, person_id=person_id
    )
    return accounts.add_user(ctx, SYSTEM, data).id


def user_token(
    ctx: Context,
    username: str,
    role: Role,
    unit_id: int | None = None,
    person_id: int | None = None,
) -> str:
    make_user(ctx, username, role, unit_id, person_id)
    return accounts.create_token(ctx, SYSTEM, username, "tests").token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
