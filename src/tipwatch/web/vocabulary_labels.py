"""Every word the pages show from data rather than from a template: the values of the
vocabularies, as the templates display them (underscores as spaces). The Urdu catalogue must
translate each of them (tests/unit/test_translations.py)."""

from __future__ import annotations

from tipwatch.domain.access import Role
from tipwatch.domain.deadlines import ChallanStatus
from tipwatch.domain.events import AppealOutcome, Appellant, EventKind
from tipwatch.domain.funnel import FinalState, FunnelStage
from tipwatch.domain.stages import AccusedStage, CaseStage, Verdict
from tipwatch.domain.vocabulary import (
    CaseType,
    ExploitationForm,
    PersonRole,
    Province,
    Sex,
    TravelMode,
)

FLAG_KINDS = (
    "challan_overdue",
    "challan_late",
    "fine_only",
    "outside_law",
    "unverified",
    "implicated_official",
    "conflict_of_interest",
)
EXTRA = (
    "cases",
    "accused",
    "victims",
    "province",
    "year",
    "discharged",
    "yes",
    "no",
    "newest first",
    "oldest first",
    "reference",
    "furthest stage",
    "accused persons",
    "imprisonment months",
    "fine rupees",
    "life imprisonment",
    "appellant",
    "court",
    "outcome",
    "to agency",
    "referred to",
    "referred to unit id",
    "place",
)


def displayed(value: str) -> str:
    return value.replace("_", " ")


def vocabulary_labels() -> set[str]:
    values: set[str] = set()
    for vocabulary in (
        Role,
        ChallanStatus,
        AppealOutcome,
        Appellant,
        EventKind,
        FinalState,
        CaseStage,
        AccusedStage,
        Verdict,
        CaseType,
        ExploitationForm,
        PersonRole,
        Sex,
        TravelMode,
    ):
        values |= {displayed(member.value) for member in vocabulary}
    values |= {displayed(stage.label) for stage in FunnelStage}
    values |= {province.value for province in Province}
    values |= {displayed(kind) for kind in FLAG_KINDS}
    values |= set(EXTRA)
    return values
