"""What a case shows as needing attention: overdue challans, sentences against the law."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import add_charge, add_event, add_party, get_case, make_case


def flag_kinds(case: dict[str, Any]) -> list[str]:
    return [f["kind"] for f in case["flags"]]


def test_an_fir_with_no_challan_17_days_later_is_overdue(client: TestClient) -> None:
    # today in the tests is 2025-06-30
    late = make_case(client, reported_on="2025-06-01", offence_date="2025-05-30")["id"]
    add_event(client, late, "fir_registered", "2025-06-01")
    fresh = make_case(client, reported_on="2025-06-20", offence_date="2025-06-19")["id"]
    add_event(client, fresh, "fir_registered", "2025-06-20")

    case = get_case(client, late)
    assert case["challan"]["status"] == "overdue"
    assert case["challan"]["due_on"] == "2025-06-18"
    assert "challan_overdue" in flag_kinds(case)
    assert get_case(client, fresh)["challan"]["status"] == "pending"

    overdue = client.get("/api/v1/cases", params={"overdue": "true"}).json()
    assert [c["id"] for c in overdue["items"]] == [late]


def convicted_case(client: TestClient, provision: str) -> tuple[int, int]:
    cid = make_case(client)["id"]
    accused = add_party(client, cid, "accused")["id"]
    add_event(client, cid, "fir_registered", "2025-01-10")
    add_event(client, cid, "interim_challan", "2025-01-20")
    charge = add_charge(client, cid, accused, provision)["id"]
    add_event(client, cid, "charge_framed", "2025-02-01", charge_id=charge)
    add_event(client, cid, "conviction", "2025-04-01", charge_id=charge)
    return cid, charge


def test_fine_only_sentence_under_ptpa_4_is_flagged_outside_the_law(client: TestClient) -> None:
    cid, charge = convicted_case(client, "4 PTPA")
    add_event(
        client, cid, "sentence", "2025-04-05", charge_id=charge, details={"fine_rupees": 300_000}
    )
    case = get_case(client, cid)
    assert case["stage"] == "sentenced"
    flags = [f for f in case["flags"] if f["record"] == f"charge {charge}"]
    assert [f["kind"] for f in flags] == ["outside_law"]
    assert "fine alone is not allowed under PTPA 4" in flags[0]["message"]


def test_fine_only_sentence_under_ptpa_3_1_is_flagged_fine_only(client: TestClient) -> None:
    cid, charge = convicted_case(client, "3(1) PTPA")
    add_event(
        client, cid, "sentence", "2025-04-05", charge_id=charge, details={"fine_rupees": 300_000}
    )
    assert "fine_only" in flag_kinds(get_case(client, cid))
    assert "outside_law" not in flag_kinds(get_case(client, cid))


def test_a_case_with_an_implicated_official_is_flagged(client: TestClient) -> None:
    cid = make_case(client)["id"]
    add_party(client, cid, "implicated_official", rank="Sub-Inspector", agency="FIA")
    assert "implicated_official" in flag_kinds(get_case(client, cid))


def test_369A_ppc_is_accepted_before_2_june_2018_and_refused_after(client: TestClient) -> None:
    old = make_case(client, year=2018, reported_on="2018-03-01", offence_date="2018-02-20")
    accused = add_party(client, old["id"], "accused")["id"]
    assert add_charge(client, old["id"], accused, "369A PPC")["provision_key"] == "PPC 369-A"

    new = make_case(client, year=2019, reported_on="2019-03-01", offence_date="2019-02-20")
    accused = add_party(client, new["id"], "accused")["id"]
    response = client.post(
        f"/api/v1/cases/{new['id']}/charges", json={"party_id": accused, "provision": "369A PPC"}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "provision_not_in_force"
    assert error["field"] == "provision"
    assert "369-A" in error["message"]


def test_moving_the_offence_date_past_a_repeal_is_refused(client: TestClient) -> None:
    old = make_case(client, year=2018, reported_on="2018-03-01", offence_date="2018-02-20")
    accused = add_party(client, old["id"], "accused")["id"]
    add_charge(client, old["id"], accused, "369-A PPC")
    version = get_case(client, old["id"])["version"]
    response = client.patch(
        f"/api/v1/cases/{old['id']}",
        json={"version": version, "offence_date": "2018-07-01", "reported_on": "2018-07-02"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "offence_date"
    assert get_case(client, old["id"])["offence_date"] == "2018-02-20"
