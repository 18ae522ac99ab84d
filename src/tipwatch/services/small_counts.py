"""Small counts kept from the roles that see aggregates only (analysts).

A funnel of one or two people says what happened to them: narrow enough filters (a police
station, girls, one year) would name a victim's case to someone who may not read it. For a
principal who cannot read cases, a funnel of fewer than `SMALLEST_COHORT_SHOWN` rows is not
shown: the whole report is refused when the filters leave fewer, and in a breakdown the groups
that small are pooled into one, with the next smallest groups while the pool is still that
small (else the overall funnel less the groups shown would give it). A median of fewer
delays than that is not shown either. Roles that read cases see every count.
"""

from __future__ import annotations

from collections import Counter

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import TooFewToShow

SMALLEST_COHORT_SHOWN = 5
StageCounts = dict[tuple[int, str], int]


def smallest_shown(actor: Principal) -> int:
    """The smallest funnel this principal is shown (0: any)."""
    return 0 if actor.can(Capability.READ_CASES) else SMALLEST_COHORT_SHOWN


def pooled_key(smallest: int) -> str:
    return f"(groups of fewer than {smallest}, pooled)"


def check_cohort(total: int, unit: str, smallest: int) -> None:
    if 0 < total < smallest:
        raise TooFewToShow(
            f"fewer than {smallest} {unit} match these filters: counts that small are not shown "
            "to a role that reads aggregates only, to protect the people in them; widen the "
            "filters",
            field="filters",
        )


def pool_small_groups(
    counts: dict[str, StageCounts],
    delays: dict[str, list[Counter[int]]],
    late: dict[str, tuple[int, int]],
    smallest: int,
) -> list[str]:
    """Pool the groups with fewer than `smallest` rows into one, in place, with the smallest
    of the others while the pool is still that small; returns the keys of the groups to show,
    in order, the pool last."""
    keys = sorted(set(counts) | set(late))
    small = [k for k in keys if sum(counts.get(k, {}).values()) < smallest]
    if not smallest or not small:
        return keys
    pool: StageCounts = {}
    pool_delays = [Counter[int]() for _ in range(_width(delays))]
    pool_late = [0, 0]

    def absorb(key: str) -> None:
        for cell, n in counts.pop(key, {}).items():
            pool[cell] = pool.get(cell, 0) + n
        for mine, theirs in zip(pool_delays, delays.pop(key, []), strict=False):
            mine.update(theirs)
        due, missed = late.pop(key, (0, 0))
        pool_late[0], pool_late[1] = pool_late[0] + due, pool_late[1] + missed

    for key in small:
        absorb(key)
    shown = [k for k in keys if k not in small]
    # a pool still too small would be the overall funnel less the groups shown: the smallest
    # shown groups join it until it is not (secondary suppression)
    while 0 < sum(pool.values()) < smallest and shown:
        key = min(shown, key=lambda k: (sum(counts[k].values()), k))
        shown.remove(key)
        absorb(key)
    if sum(pool.values()) >= smallest:
        key = pooled_key(smallest)
        counts[key], delays[key], late[key] = pool, pool_delays, (pool_late[0], pool_late[1])
        shown.append(key)
    return shown


def _width(delays: dict[str, list[Counter[int]]]) -> int:
    return max((len(d) for d in delays.values()), default=0)
