"""How many cases each year has and how each one ends, as the data stands on the last day.

The national table is the demo's one set of figures (docs/demo.md explains each choice). 2023
reproduces the seed claim exactly as the funnel counts it: of 19,300 cases, 1,000 never reach
investigation (350 reported without an FIR, 650 with an FIR and nothing more), so 18,300 are
investigated; 10 end convicted. Older years have had longer to reach a verdict, so they have more
verdicts; newer years more cases still under investigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ending(StrEnum):
    """Where a case stands on the demo's last day."""

    REPORTED = "reported"  # a complaint, no FIR
    FIR_ONLY = "fir_only"
    INVESTIGATING = "investigating"  # no s.173 report yet
    COMPROMISED = "compromised"
    CANCELLED = "cancelled"
    UNTRACED = "untraced"
    TRANSFERRED = "transferred"
    CHALLANED = "challaned"  # in court, no charge framed yet
    ON_TRIAL = "on_trial"
    DISCHARGED = "discharged"
    ACQUITTED = "acquitted"
    AWAITING_SENTENCE = "awaiting_sentence"
    FINE_ONLY = "fine_only"
    IMPRISONED = "imprisoned"


CONVICTED = frozenset({Ending.AWAITING_SENTENCE, Ending.FINE_ONLY, Ending.IMPRISONED})
NOT_INVESTIGATED = frozenset({Ending.REPORTED, Ending.FIR_ONLY})

# Column order of the table below; ON_TRIAL takes the rest of each year's cases.
_COLUMNS = (
    Ending.REPORTED,
    Ending.FIR_ONLY,
    Ending.INVESTIGATING,
    Ending.COMPROMISED,
    Ending.CANCELLED,
    Ending.UNTRACED,
    Ending.TRANSFERRED,
    Ending.CHALLANED,
    Ending.DISCHARGED,
    Ending.ACQUITTED,
    Ending.AWAITING_SENTENCE,
    Ending.FINE_ONLY,
    Ending.IMPRISONED,
)
# year: (cases, of them FIA, then one count per column)
NATIONAL: dict[int, tuple[int, int, tuple[int, ...]]] = {
    2019: (12_400, 2_200, (190, 310, 500, 2850, 1740, 1610, 310, 500, 560, 980, 6, 22, 112)),
    2020: (13_600, 1_900, (210, 360, 680, 2990, 1860, 1630, 330, 650, 540, 820, 7, 18, 90)),
    2021: (15_300, 2_300, (250, 450, 1000, 3200, 1950, 1600, 350, 900, 470, 610, 6, 13, 66)),
    2022: (16_900, 2_900, (290, 540, 1600, 3230, 2000, 1530, 370, 1250, 380, 360, 4, 8, 36)),
    2023: (19_300, 3_450, (350, 650, 2900, 3300, 2100, 1650, 420, 1700, 300, 150, 1, 2, 7)),
    2024: (20_400, 3_700, (420, 800, 5200, 2900, 1800, 1300, 430, 3000, 120, 45, 1, 1, 3)),
    2025: (21_200, 3_600, (530, 1060, 9800, 1900, 1100, 600, 420, 3500, 20, 6, 0, 0, 1)),
}
SMALL_DIVISOR = 50


class Scale(StrEnum):
    NATIONAL = "national"
    SMALL = "small"  # about 1/50 of national, for tests


@dataclass(frozen=True)
class YearPlan:
    year: int
    fia_cases: int
    endings: dict[Ending, int]

    @property
    def cases(self) -> int:
        return sum(self.endings.values())


def _shrink(count: int) -> int:
    """1/50, but an ending that occurs nationally occurs at least once."""
    return max(1, round(count / SMALL_DIVISOR)) if count else 0


def year_plans(scale: Scale, last_year: int) -> list[YearPlan]:
    """The plan of every year up to `last_year` (a year not yet begun has no cases)."""
    plans = []
    for year, (cases, fia, counts) in NATIONAL.items():
        if year > last_year:
            continue
        endings = dict(zip(_COLUMNS, counts, strict=True))
        endings[Ending.ON_TRIAL] = cases - sum(counts)
        if endings[Ending.ON_TRIAL] < 0:
            raise ValueError(f"the {year} endings add up to more than its {cases} cases")
        if scale is Scale.SMALL:
            endings = {e: _shrink(n) for e, n in endings.items()}
            fia = round(fia / SMALL_DIVISOR)
        plans.append(YearPlan(year, fia, endings))
    return plans
