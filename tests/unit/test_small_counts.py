"""Groups too small to show a role that reads aggregates only are pooled, and a pool too small
is not left for the overall funnel to give away."""

from __future__ import annotations

from collections import Counter

from tipwatch.services.small_counts import pool_small_groups, pooled_key

Groups = tuple[
    dict[str, dict[tuple[int, str], int]], dict[str, list[Counter[int]]], dict[str, tuple[int, int]]
]


def _groups(**totals: int) -> Groups:
    counts = {key: {(1, "pending"): n} for key, n in totals.items()}
    delays = {key: [Counter({10: n})] for key, n in totals.items()}
    late = {key: (n, 1) for key, n in totals.items()}
    return counts, delays, late


def test_groups_under_five_are_pooled_into_one_when_together_they_are_five_or_more() -> None:
    counts, delays, late = _groups(Lahore=10, Kasur=3, Okara=2)
    assert pool_small_groups(counts, delays, late, 5) == ["Lahore", pooled_key(5)]
    assert counts[pooled_key(5)] == {(1, "pending"): 5}
    assert delays[pooled_key(5)] == [Counter({10: 5})]
    assert late[pooled_key(5)] == (5, 2)
    assert set(counts) == set(delays) == set(late) == {"Lahore", pooled_key(5)}


def test_a_pool_still_under_five_takes_in_the_smallest_group_shown() -> None:
    counts, delays, late = _groups(Lahore=10, Kasur=1, Okara=2, Sialkot=6)
    assert pool_small_groups(counts, delays, late, 5) == ["Lahore", pooled_key(5)]
    assert counts[pooled_key(5)] == {(1, "pending"): 9}  # Kasur, Okara and Sialkot


def test_a_breakdown_of_one_large_and_one_tiny_group_shows_only_the_pool() -> None:
    counts, delays, late = _groups(Punjab=6, Sindh=1)
    assert pool_small_groups(counts, delays, late, 5) == [pooled_key(5)]
    assert counts[pooled_key(5)] == {(1, "pending"): 7}


def test_nothing_is_pooled_for_a_role_that_reads_cases() -> None:
    counts, delays, late = _groups(Lahore=10, Kasur=1)
    assert pool_small_groups(counts, delays, late, 0) == ["Kasur", "Lahore"]
