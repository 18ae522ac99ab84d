"""A case's whole life over the API, with the stage of the case and each accused at every step."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import (
    add_charge,
    add_event,
    add_party,
    get_case,
    make_case,
    post_event,
    stages,
)


def test_a_case_goes_from_fir_to_appeal_with_the_right_stage_at_every_step(
    client: TestClient,
) -> None:
    case = make_case(client)
    cid = case["id"]
    assert case["stage"] == "reported"
    a = add_party(client, cid, "accused")["id"]
    b = add_party(client, cid, "accused")["id"]
    add_party(client, cid, "victim")

    add_event(client, cid, "fir_registered", "2025-01-10")
    assert stages(client, cid) == ("fir_registered", {a: "named", b: "named"})

    add_event(client, cid, "arrest", "2025-01-12", party_id=a)
    assert stages(client, cid) == ("under_investigation", {a: "arrested", b: "named"})
    add_event(client, cid, "arrest", "2025-01-14", party_id=b)
    assert stages(client, cid) == ("under_investigation", {a: "arrested", b: "arrested"})

    add_event(client, cid, "interim_challan", "2025-01-25")
    assert stages(client, cid)[0] == "challan_submitted"

    charge_a = add_charge(client, cid, a, "3(1) PTPA")["id"]
    charge_b = add_charge(client, cid, b, "u/s 3(1) PTPA")["id"]
    add_event(client, cid, "charge_framed", "2025-02-20", charge_id=charge_a)
    assert stages(client, cid) == ("under_trial", {a: "under_trial", b: "arrested"})
    add_event(client, cid, "charge_framed", "2025-02-20", charge_id=charge_b)
    assert stages(client, cid) == ("under_trial", {a: "under_trial", b: "under_trial"})

    add_event(client, cid, "conviction", "2025-05-02", charge_id=charge_a)
    assert stages(client, cid) == ("under_trial", {a: "convicted", b: "under_trial"})
    add_event(client, cid, "acquittal", "2025-05-02", charge_id=charge_b)
    assert stages(client, cid) == ("convicted", {a: "convicted", b: "acquitted"})

    add_event(
        client,
        cid,
        "sentence",
        "2025-05-09",
        charge_id=charge_a,
        details={"imprisonment_months": 48, "fine_rupees": 200_000},
    )
    assert stages(client, cid) == ("sentenced", {a: "sentenced", b: "acquitted"})

    add_event(
        client, cid, "appeal_filed", "2025-06-01", party_id=a, details={"appellant": "accused"}
    )
    assert stages(client, cid) == ("under_appeal", {a: "under_appeal", b: "acquitted"})

    final = get_case(client, cid)
    outcomes = {x["party_id"]: x["outcome"] for x in final["accused"]}
    assert outcomes == {a: "convicted", b: "acquitted"}
    charges = {c["id"]: c for c in client.get(f"/api/v1/cases/{cid}/charges").json()}
    assert charges[charge_a]["outcome"] == "convicted"
    assert charges[charge_a]["imprisonment_months"] == 48
    assert charges[charge_b]["outcome"] == "acquitted"
    kinds = [e["kind"] for e in client.get(f"/api/v1/cases/{cid}/events").json()]
    assert kinds[0] == "fir_registered"
    assert kinds[-1] == "appeal_filed"


def test_conviction_before_charge_is_rejected_with_the_rule(client: TestClient) -> None:
    cid = make_case(client)["id"]
    a = add_party(client, cid, "accused")["id"]
    add_event(client, cid, "fir_registered", "2025-01-10")
    add_event(client, cid, "interim_challan", "2025-01-20")
    charge = add_charge(client, cid, a, "370 PPC")["id"]

    response = post_event(client, cid, "conviction", "2025-03-01", charge_id=charge)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["rule"] == "verdict-needs-charge"
    assert "no conviction without a charge" in error["message"]
    assert get_case(client, cid)["stage"] == "challan_submitted"


def test_sentence_without_conviction_is_rejected(client: TestClient) -> None:
    cid = make_case(client)["id"]
    a = add_party(client, cid, "accused")["id"]
    add_event(client, cid, "fir_registered", "2025-01-10")
    add_event(client, cid, "interim_challan", "2025-01-20")
    charge = add_charge(client, cid, a, "370 PPC")["id"]
    add_event(client, cid, "charge_framed", "2025-02-01", charge_id=charge)

    response = post_event(
        client, cid, "sentence", "2025-03-01", charge_id=charge, details={"imprisonment_months": 12}
    )

    assert response.status_code == 422
    assert response.json()["error"]["rule"] == "sentence-needs-conviction"


def test_event_before_the_fir_is_rejected(client: TestClient) -> None:
    cid = make_case(client)["id"]
    a = add_party(client, cid, "accused")["id"]
    add_event(client, cid, "fir_registered", "2025-01-10")

    response = post_event(client, cid, "arrest", "2025-01-09", party_id=a)

    assert response.status_code == 422
    assert response.json()["error"]["rule"] == "not-before-fir"
    assert response.json()["error"]["field"] == "occurred_on"


def test_event_in_the_future_is_rejected(client: TestClient) -> None:
    cid = make_case(client)["id"]
    response = post_event(client, cid, "fir_registered", "2031-01-01")
    assert response.status_code == 422
    assert response.json()["error"]["rule"] == "no-future-dates"


def test_a_closed_case_takes_only_an_appeal_or_a_reopening(client: TestClient) -> None:
    cid = make_case(client)["id"]
    a = add_party(client, cid, "accused")["id"]
    add_event(client, cid, "fir_registered", "2025-01-10")
    add_event(client, cid, "fir_cancelled", "2025-02-01")
    assert stages(client, cid) == ("cancelled", {a: "cancelled"})

    refused = post_event(client, cid, "arrest", "2025-02-05", party_id=a)
    assert refused.status_code == 422
    assert refused.json()["error"]["rule"] == "closed-case"

    add_event(client, cid, "reopened", "2025-03-01")
    add_event(client, cid, "arrest", "2025-03-02", party_id=a)
    assert stages(client, cid) == ("under_investigation", {a: "arrested"})


def test_a_back_dated_arrest_is_judged_where_it_falls_on_the_timeline(
    client: TestClient,
) -> None:
    cid = make_case(client)["id"]
    a = add_party(client, cid, "accused")["id"]
    add_event(client, cid, "fir_registered", "2025-01-10")
    add_event(client, cid, "interim_challan", "2025-01-25")
    # recorded late, but dated before the challan: accepted
    add_event(client, cid, "arrest", "2025-01-12", party_id=a)
    assert stages(client, cid) == ("challan_submitted", {a: "arrested"})
