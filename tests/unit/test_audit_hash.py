"""The audit hash: a fixed recipe, blind to how each database hands back a time."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from tipwatch.storage.audit import GENESIS_HASH, entry_hash

PKT = timezone(timedelta(hours=5))
PREV = "ab" * 32


def _fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": 1,
        "at": datetime(2025, 6, 30, 9, 0, 0, 120, tzinfo=PKT),
        "user_id": 7,
        "username": "ayesha",
        "role": "investigator",
        "action": "case.read",
        "record_type": "case",
        "record_id": 42,
        "purpose": "تفتیش",
        "details": {"b": 1, "a": [1, 2]},
    }
    return fields | changes


def test_the_hash_follows_the_documented_recipe() -> None:
    canonical = (
        '{"action":"case.read","at":"2025-06-30T04:00:00.000120+00:00","details":{"a":[1,2],'
        '"b":1},"id":1,"prev_hash":"' + GENESIS_HASH + '","purpose":"\\u062a\\u0641\\u062a'
        '\\u06cc\\u0634","record_id":42,"record_type":"case","role":"investigator","user_id":7,'
        '"username":"ayesha"}'
    )
    expected = hashlib.sha256(canonical.encode("ascii")).hexdigest()

    assert entry_hash(GENESIS_HASH, _fields()) == expected


def test_a_naive_time_read_back_from_sqlite_hashes_like_the_aware_time_written() -> None:
    written = datetime(2025, 6, 30, 4, 0, 0, 120, tzinfo=UTC)
    read_back = datetime(2025, 6, 30, 4, 0, 0, 120)

    assert entry_hash(PREV, _fields(at=read_back)) == entry_hash(PREV, _fields(at=written))


def test_a_time_in_pakistan_time_hashes_like_the_same_moment_in_utc() -> None:
    in_utc = datetime(2025, 6, 30, 4, 0, 0, 120, tzinfo=UTC)

    assert entry_hash(PREV, _fields(at=in_utc)) == entry_hash(PREV, _fields())


def test_an_exported_time_string_hashes_like_the_time_itself() -> None:
    exported = "2025-06-30T04:00:00.000120+00:00"

    assert entry_hash(PREV, _fields(at=exported)) == entry_hash(PREV, _fields())


def test_the_order_of_the_details_does_not_change_the_hash() -> None:
    reordered = _fields(details={"a": [1, 2], "b": 1})

    assert entry_hash(PREV, reordered) == entry_hash(PREV, _fields())


def test_keys_other_than_the_hashed_fields_are_ignored() -> None:
    with_extras = _fields(hash="f" * 64, prev_hash="e" * 64)

    assert entry_hash(PREV, with_extras) == entry_hash(PREV, _fields())


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("id", 2),
        ("at", datetime(2025, 6, 30, 9, 0, 0, 121, tzinfo=PKT)),
        ("user_id", 8),
        ("user_id", None),
        ("username", "x"),
        ("role", "auditor"),
        ("action", "case.update"),
        ("record_type", "person"),
        ("record_id", 43),
        ("purpose", None),
        ("details", {"b": 1, "a": [2, 1]}),
        ("details", {}),
    ],
)
def test_changing_any_hashed_field_changes_the_hash(name: str, value: Any) -> None:
    assert entry_hash(PREV, _fields(**{name: value})) != entry_hash(PREV, _fields())


def test_the_previous_hash_is_part_of_the_hash() -> None:
    assert entry_hash(GENESIS_HASH, _fields()) != entry_hash(PREV, _fields())


def test_a_number_json_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="JSON"):
        entry_hash(PREV, _fields(details={"score": float("nan")}))
