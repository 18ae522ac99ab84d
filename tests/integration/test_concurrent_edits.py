"""Two users editing one case cannot silently overwrite each other."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from tests.factories import add_event, get_case, make_case


def test_the_second_of_two_updates_from_the_same_version_gets_409(client: TestClient) -> None:
    case = make_case(client, narrative="first report")
    cid, version = case["id"], case["version"]

    first = client.patch(
        f"/api/v1/cases/{cid}", json={"version": version, "narrative": "investigator's account"}
    )
    second = client.patch(
        f"/api/v1/cases/{cid}", json={"version": version, "exploitation": ["forced_begging"]}
    )

    assert first.status_code == 200
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "edit_conflict"
    assert error["details"]["current_version"] == version + 1
    now = get_case(client, cid)
    assert now["narrative"] == "investigator's account"
    assert now["exploitation"] == ["forced_labour"]

    retried = client.patch(
        f"/api/v1/cases/{cid}",
        json={"version": error["details"]["current_version"], "exploitation": ["forced_begging"]},
    )
    assert retried.status_code == 200
    assert retried.json()["narrative"] == "investigator's account"
    assert retried.json()["exploitation"] == ["forced_begging"]


def test_a_recorded_event_makes_an_older_edit_stale(client: TestClient) -> None:
    case = make_case(client)
    add_event(client, case["id"], "fir_registered", "2025-01-10")
    stale = client.patch(
        f"/api/v1/cases/{case['id']}", json={"version": case["version"], "narrative": "edited"}
    )
    assert stale.status_code == 409


@pytest.mark.parametrize("attempts", [8])
def test_simultaneous_updates_lose_nothing(client: TestClient, attempts: int) -> None:
    case = make_case(client)
    cid, version = case["id"], case["version"]
    barrier = threading.Barrier(attempts)
    statuses: list[int] = []

    def edit(n: int) -> None:
        barrier.wait()
        response = client.patch(
            f"/api/v1/cases/{cid}", json={"version": version, "narrative": f"edit {n}"}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] + [409] * (attempts - 1)
    final = get_case(client, cid)
    assert final["version"] == version + 1
    assert final["narrative"].startswith("edit ")
