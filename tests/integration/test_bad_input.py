"""Bad input gets a 4xx that names the field, never a 500, and never echoes personal data."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.factories import add_party, make_case, make_unit
from tipwatch.api.app import create_app
from tipwatch.services.context import Context


def test_unknown_provision_names_it(client: TestClient) -> None:
    cid = make_case(client)["id"]
    accused = add_party(client, cid, "accused")["id"]
    response = client.post(
        f"/api/v1/cases/{cid}/charges", json={"party_id": accused, "provision": "999 PPC"}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_provision"
    assert error["field"] == "provision"
    assert "PPC 999" in error["message"]


def test_cnic_of_the_wrong_length_is_refused_without_echoing_it(client: TestClient) -> None:
    response = client.post(
        "/api/v1/persons", json={"name": "Test Person", "cnic": "42101-987654-3"}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "cnic"
    assert "13 digits" in error["message"]
    assert "987654" not in response.text


def test_a_date_in_the_future_is_refused_naming_the_field(client: TestClient) -> None:
    unit = make_unit(client)["id"]
    response = client.post(
        "/api/v1/cases",
        json={
            "number": "7",
            "year": 2025,
            "unit_id": unit,
            "case_type": "trafficking",
            "reported_on": "2030-01-01",
        },
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "reported_on"


def test_a_malformed_body_is_refused_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/cases", json={"number": "7", "year": "last year"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    fields = {p["field"] for p in error["details"]["problems"]}
    assert {"year", "unit_id", "case_type", "reported_on"} <= fields


def test_a_body_that_is_not_json_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/v1/cases", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"


def test_an_unknown_field_is_refused_by_name(client: TestClient) -> None:
    unit = make_unit(client)["id"]
    response = client.post(
        "/api/v1/cases",
        json={
            "number": "7",
            "year": 2025,
            "unit_id": unit,
            "case_type": "trafficking",
            "reported_on": "2025-01-01",
            "stage": "convicted",
        },
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "stage"


def test_a_missing_case_is_a_404_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/cases/99999")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "case 99999 does not exist",
        "record": "case 99999",
    }


def test_an_unknown_route_is_a_404_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_duplicate_case_reference_is_a_409(client: TestClient) -> None:
    case = make_case(client)
    response = client.post(
        "/api/v1/cases",
        json={
            "number": case["number"],
            "year": case["year"],
            "unit_id": case["unit"]["id"],
            "case_type": "trafficking",
            "reported_on": "2025-01-01",
        },
    )
    assert response.status_code == 409
    assert response.json()["error"]["field"] == "number"


def test_a_database_error_is_a_500_the_app_answers_itself_without_the_row(
    ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    """Handled by the app, not re-raised for the server to log with its message (which holds
    the row the database refused: PostgreSQL's "Failing row contains (...)")."""
    app = create_app(ctx)

    @app.get("/api/v1/refused-write")
    def refused_write() -> None:
        with ctx.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO units (code, name, kind, agency, province) "
                    "VALUES ('X-1', 'Shelter of Nadia Bibi', 'ngo', NULL, 'Punjab')"
                )
            )

    with TestClient(app) as strict:  # raises anything the app leaves to the server
        response = strict.get("/api/v1/refused-write")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal"
    assert "Nadia" not in response.text
    assert "Nadia" not in caplog.text
