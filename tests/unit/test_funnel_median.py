"""The funnel's median days, read off counts of each number of days."""

from __future__ import annotations

import statistics
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from tipwatch.services.funnel import median_days


def test_no_days_measured_has_no_median() -> None:
    assert median_days(Counter()) is None


def test_even_count_takes_the_mean_of_the_middle_two() -> None:
    assert median_days(Counter({10: 1, 20: 1, 30: 1, 41: 1})) == 25
    assert median_days(Counter({90: 1, 93: 1})) == 91.5


def test_a_value_counted_many_times_is_the_median_of_a_skewed_spread() -> None:
    assert median_days(Counter({5: 1, 17: 10, 400: 3})) == 17


@given(st.lists(st.integers(min_value=0, max_value=5_000), min_size=1))
def test_median_of_counts_is_the_median_of_the_values(days: list[int]) -> None:
    assert median_days(Counter(days)) == statistics.median(days)
