"""Logins, tokens, CSRF, conflict of interest, hidden identities, security headers."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.factories import PASSWORD, bearer, make_case, make_person, make_unit, user_token
from tipwatch.api.app import create_app
from tipwatch.domain.access import SYSTEM, Role
from tipwatch.services import accounts
from tipwatch.services.context import Context
from tipwatch.storage import security_tables as s


def _login(client: TestClient, username: str, password: str = PASSWORD, **extra: str) -> int:
    response = client.post(
        "/api/v1/auth/login", json={"username": username, "password": password, **extra}
    )
    return response.status_code


def test_ten_wrong_passwords_in_a_row_lock_the_account(ctx: Context, anonymous: TestClient) -> None:
    user_token(ctx, "ayesha", Role.ANALYST)
    statuses = [_login(anonymous, "ayesha", "wrong password") for _ in range(10)]
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}
    assert _login(anonymous, "ayesha") == 429  # even the right password, while locked


def test_a_lock_ends_after_its_time(ctx: Context, anonymous: TestClient) -> None:
    user_token(ctx, "bilal", Role.ANALYST)
    for _ in range(5):
        _login(anonymous, "bilal", "wrong password")
    assert _login(anonymous, "bilal") == 429
    later = ctx.now() + timedelta(minutes=16)
    ctx.now = lambda: later
    assert _login(anonymous, "bilal") == 200


def test_a_session_login_needs_the_csrf_token_to_change_anything(
    ctx: Context, anonymous: TestClient
) -> None:
    user_token(ctx, "chaudhry", Role.ADMIN)
    login = anonymous.post(
        "/api/v1/auth/login", json={"username": "chaudhry", "password": PASSWORD}
    )
    assert login.status_code == 200
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    csrf = login.json()["csrf_token"]
    body = {"name": "Test Org", "kind": "travel_agency"}

    assert anonymous.get("/api/v1/auth/me").status_code == 200
    refused = anonymous.post("/api/v1/organisations", json=body)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    wrong = anonymous.post("/api/v1/organisations", json=body, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    accepted = anonymous.post("/api/v1/organisations", json=body, headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 201


def test_an_expired_or_revoked_token_is_refused(ctx: Context, anonymous: TestClient) -> None:
    token = user_token(ctx, "dania", Role.ANALYST)
    assert anonymous.get("/api/v1/auth/me", headers=bearer(token)).status_code == 200

    second = accounts.create_token(ctx, SYSTEM, "dania", "short", days=1)
    later = ctx.now() + timedelta(days=2)
    ctx.now = lambda: later
    expired = anonymous.get("/api/v1/auth/me", headers=bearer(second.token))
    assert expired.status_code == 401
    assert "expired" in expired.json()["error"]["message"]

    mine = anonymous.get("/api/v1/auth/tokens", headers=bearer(token)).json()
    revoked = anonymous.delete(f"/api/v1/auth/tokens/{mine[0]['id']}", headers=bearer(token))
    assert revoked.status_code == 200
    again = anonymous.get("/api/v1/auth/me", headers=bearer(token))
    assert again.status_code == 401
    assert "revoked" in again.json()["error"]["message"]


def test_no_credentials_no_data(anonymous: TestClient) -> None:
    response = anonymous.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_user_linked_to_an_accused_official_cannot_open_the_case(
    ctx: Context, client: TestClient
) -> None:
    unit = make_unit(client)["id"]
    official = make_person(client, name="Test Official")["id"]
    case = make_case(client, unit_id=unit)["id"]
    client.post(
        f"/api/v1/cases/{case}/parties",
        json={
            "person_id": official,
            "role": "implicated_official",
            "rank": "Inspector",
            "agency": "FIA",
        },
    )
    token = user_token(ctx, "inspector", Role.INVESTIGATOR, unit, official)

    response = client.get(f"/api/v1/cases/{case}", headers=bearer(token))

    assert response.status_code == 403
    assert "party to case" in response.json()["error"]["message"]
    listed = client.get("/api/v1/cases", headers=bearer(token)).json()
    assert case not in [c["id"] for c in listed["items"]]
    with ctx.uow() as uow:
        alerts = [(a.kind, a.case_id) for a in uow.session.scalars(select(s.Alert))]
    assert alerts == [("conflict_of_interest", case)]
    auditor = user_token(ctx, "auditor", Role.AUDITOR)
    seen = client.get("/api/v1/alerts", headers=bearer(auditor)).json()
    assert seen[0]["case_id"] == case


def test_a_victims_identity_is_hidden_until_revealed_for_a_purpose(
    ctx: Context, client: TestClient
) -> None:
    case = make_case(client)["id"]
    victim = make_person(client, name="Test Victim Name", cnic="35202-7654321-9")
    add_party_for(client, case, victim["id"], "victim")

    shown = client.get(f"/api/v1/persons/{victim['id']}")
    assert shown.status_code == 200
    assert shown.json()["identity_hidden"] is True
    assert "Test Victim Name" not in shown.text
    assert "7654321" not in shown.text

    short = client.post(f"/api/v1/persons/{victim['id']}/reveal", json={"purpose": "x"})
    assert short.status_code == 422
    revealed = client.post(
        f"/api/v1/persons/{victim['id']}/reveal",
        json={"purpose": "recording the victim's statement"},
    )
    assert revealed.json()["name"] == "Test Victim Name"
    auditor = user_token(ctx, "auditor2", Role.AUDITOR)
    log = client.get(
        "/api/v1/audit", params={"action": "person.reveal"}, headers=bearer(auditor)
    ).json()
    assert log["items"][0]["purpose"] == "recording the victim's statement"
    assert log["items"][0]["record_id"] == victim["id"]


def add_party_for(client: TestClient, case: int, person: int, role: str) -> None:
    response = client.post(
        f"/api/v1/cases/{case}/parties", json={"person_id": person, "role": role}
    )
    assert response.status_code == 201, response.text


def test_a_role_that_requires_a_second_factor_needs_the_code(ctx: Context) -> None:
    ctx.settings.second_factor_roles = ["auditor"]
    user_token(ctx, "farah", Role.AUDITOR)
    client = TestClient(create_app(ctx), raise_server_exceptions=False)
    assert _login(client, "farah") == 403  # not enrolled yet
    uri = accounts.enrol_second_factor(ctx, SYSTEM, "farah")
    secret = pyotp.parse_uri(uri).secret
    assert _login(client, "farah") == 401
    assert _login(client, "farah", totp="000000") == 401
    assert _login(client, "farah", totp=pyotp.TOTP(secret).now()) == 200


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/v1/cases", "/api/v1/docs", "/api/v1/nothing"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_the_docs_page_has_no_inline_script_and_no_cdn(client: TestClient) -> None:
    page = client.get("/api/v1/docs").text
    assert "<script>" not in page
    assert "http" not in page
    assert client.get("/static/api-docs/swagger-ui-bundle.js").status_code == 200
