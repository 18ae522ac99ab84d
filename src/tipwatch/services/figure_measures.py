"""The published measures tipwatch can set a figure of its own beside, and how it counts them.

A published figure is compared only with what tipwatch counts the same way: the same unit, and
the same scope where the figure has one (child trafficking cases, cases of the FIA, cases under
the PTPA), which its measure names. tipwatch's figures are of a cohort, cases registered in the
year asked for, followed to wherever they are now; a published figure of what happened in a
year (convictions handed down in 2023) is a different count, and the comparison says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

COHORT = "counts the cases registered in the year, at the stage they have reached so far"
HANDED_DOWN = (
    "published convictions are those handed down in the period, whatever year the case was "
    "registered; tipwatch " + COHORT
)


@dataclass(frozen=True)
class SystemMeasure:
    unit: str  # the funnel's counting unit
    stage: str  # the funnel stage counted, or "total"
    definition: str  # what tipwatch counts, in words
    filters: dict[str, Any] = field(default_factory=dict)  # the figure's scope, as funnel filters
    caveat: str = ""  # how the two counts differ even so


SYSTEM_MEASURES: dict[tuple[str, str], SystemMeasure] = {
    ("cases_registered", "cases"): SystemMeasure(
        "cases", "fir_registered", "cases with an FIR registered"
    ),
    ("cases_investigated", "cases"): SystemMeasure(
        "cases", "under_investigation", "cases registered and investigated"
    ),
    ("convictions", "cases"): SystemMeasure(
        "cases", "convicted", "cases registered with at least one conviction so far",
        caveat=HANDED_DOWN,
    ),
    ("convictions", "accused"): SystemMeasure(
        "accused", "convicted", "accused persons of cases registered, convicted so far",
        caveat=HANDED_DOWN,
    ),
    ("victims_identified", "victims"): SystemMeasure(
        "victims", "total", "victims in cases registered"
    ),
    ("child_cases_registered", "cases"): SystemMeasure(
        "cases", "fir_registered", "cases with a child victim and an FIR registered",
        {"victim_age_group": "child"},
    ),
    ("child_case_convictions", "cases"): SystemMeasure(
        "cases", "convicted", "cases with a child victim and at least one conviction so far",
        {"victim_age_group": "child"}, HANDED_DOWN,
    ),
    ("fia_cases_registered", "cases"): SystemMeasure(
        "cases", "fir_registered", "cases registered by FIA units", {"agency": "FIA"}
    ),
    ("ptpa_cases_investigated", "cases"): SystemMeasure(
        "cases", "under_investigation", "cases under the PTPA registered and investigated",
        {"act": "PTPA"},
    ),
}  # fmt: skip
