"""The dated steps a case passes through, from complaint to appeal, and what each one is about."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    COMPLAINT = "complaint"
    FIR_REGISTERED = "fir_registered"
    INVESTIGATION_STARTED = "investigation_started"
    ARREST = "arrest"
    BAIL = "bail"
    INTERIM_CHALLAN = "interim_challan"
    FINAL_CHALLAN = "final_challan"
    CHARGE_FRAMED = "charge_framed"
    DISCHARGE = "discharge"
    CONVICTION = "conviction"
    ACQUITTAL = "acquittal"
    SENTENCE = "sentence"
    APPEAL_FILED = "appeal_filed"
    APPEAL_DECIDED = "appeal_decided"
    COMPROMISE = "compromise"
    FIR_CANCELLED = "fir_cancelled"
    UNTRACED = "untraced"
    TRANSFERRED = "transferred"
    REOPENED = "reopened"
    VICTIM_IDENTIFIED = "victim_identified"
    VICTIM_REFERRED = "victim_referred"


class Subject(StrEnum):
    """What an event is about: the case, one accused, one charge, or one victim."""

    CASE = "case"
    ACCUSED = "accused"
    CHARGE = "charge"
    VICTIM = "victim"
    CASE_OR_ACCUSED = "case or accused"


SUBJECT: Mapping[EventKind, Subject] = {
    EventKind.COMPLAINT: Subject.CASE,
    EventKind.FIR_REGISTERED: Subject.CASE,
    EventKind.INVESTIGATION_STARTED: Subject.CASE,
    EventKind.ARREST: Subject.ACCUSED,
    EventKind.BAIL: Subject.ACCUSED,
    EventKind.INTERIM_CHALLAN: Subject.CASE,
    EventKind.FINAL_CHALLAN: Subject.CASE,
    EventKind.CHARGE_FRAMED: Subject.CHARGE,
    EventKind.DISCHARGE: Subject.ACCUSED,
    EventKind.CONVICTION: Subject.CHARGE,
    EventKind.ACQUITTAL: Subject.CHARGE,
    EventKind.SENTENCE: Subject.CHARGE,
    EventKind.APPEAL_FILED: Subject.ACCUSED,
    EventKind.APPEAL_DECIDED: Subject.ACCUSED,
    EventKind.COMPROMISE: Subject.CASE_OR_ACCUSED,
    EventKind.FIR_CANCELLED: Subject.CASE,
    EventKind.UNTRACED: Subject.CASE_OR_ACCUSED,
    EventKind.TRANSFERRED: Subject.CASE,
    EventKind.REOPENED: Subject.CASE,
    EventKind.VICTIM_IDENTIFIED: Subject.VICTIM,
    EventKind.VICTIM_REFERRED: Subject.VICTIM,
}

# Same-day events are replayed in the order a case passes through them.
PIPELINE_ORDER: Mapping[EventKind, int] = {kind: rank for rank, kind in enumerate(EventKind)}

# Events that concern a victim's care, not the prosecution: allowed whatever the case's stage.
CARE_EVENTS = frozenset({EventKind.VICTIM_IDENTIFIED, EventKind.VICTIM_REFERRED})


class AppealOutcome(StrEnum):
    UPHELD = "upheld"  # the verdict stands
    OVERTURNED = "overturned"  # a conviction set aside, or an acquittal turned into a conviction
    REMANDED = "remanded"  # sent back for retrial
    SENTENCE_REDUCED = "sentence_reduced"
    SENTENCE_ENHANCED = "sentence_enhanced"


class Appellant(StrEnum):
    ACCUSED = "accused"
    STATE = "state"
    COMPLAINANT = "complainant"


@dataclass(frozen=True)
class Sentence:
    """A sentence on one charge: imprisonment (months, or life) and/or a fine in rupees."""

    imprisonment_months: int | None = None
    life_imprisonment: bool = False
    fine_rupees: int | None = None

    @property
    def imprisons(self) -> bool:
        return self.life_imprisonment or bool(self.imprisonment_months)

    @property
    def fines(self) -> bool:
        return bool(self.fine_rupees)

    @property
    def is_fine_only(self) -> bool:
        return self.fines and not self.imprisons

    def to_dict(self) -> dict[str, Any]:
        return {
            "imprisonment_months": self.imprisonment_months,
            "life_imprisonment": self.life_imprisonment,
            "fine_rupees": self.fine_rupees,
        }


@dataclass(frozen=True)
class PipelineEvent:
    """One recorded step. `details` holds what the kind needs (a sentence, an appeal outcome...)."""

    kind: EventKind
    occurred_on: date
    party_id: int | None = None
    charge_id: int | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    id: int | None = None

    def sort_key(self) -> tuple[date, int, int]:
        return (self.occurred_on, PIPELINE_ORDER[self.kind], self.id or 2**62)

    def sentence(self) -> Sentence:
        return Sentence(
            imprisonment_months=self.details.get("imprisonment_months"),
            life_imprisonment=bool(self.details.get("life_imprisonment", False)),
            fine_rupees=self.details.get("fine_rupees"),
        )


@dataclass(frozen=True)
class ChargeRef:
    """One accused, one provision."""

    id: int
    accused_id: int
    provision_key: str


@dataclass(frozen=True)
class CaseFacts:
    """Everything the pipeline rules need to know about one case."""

    accused_ids: frozenset[int] = frozenset()
    victim_ids: frozenset[int] = frozenset()
    charges: Mapping[int, ChargeRef] = field(default_factory=dict)
    events: tuple[PipelineEvent, ...] = ()


_SENTENCE_FIELDS: Mapping[str, type] = {
    "imprisonment_months": int,
    "life_imprisonment": bool,
    "fine_rupees": int,
}
_COURT: Mapping[str, type] = {"court": str}

# The details each kind of event may carry, and their types. Anything else is refused by name.
DETAIL_FIELDS: Mapping[EventKind, Mapping[str, type]] = {
    **{kind: {} for kind in EventKind},
    EventKind.ARREST: {"place": str},
    EventKind.BAIL: _COURT,
    EventKind.INTERIM_CHALLAN: _COURT,
    EventKind.FINAL_CHALLAN: _COURT,
    EventKind.CHARGE_FRAMED: _COURT,
    EventKind.DISCHARGE: _COURT,
    EventKind.CONVICTION: _COURT,
    EventKind.ACQUITTAL: _COURT,
    EventKind.SENTENCE: {**_SENTENCE_FIELDS, **_COURT},
    EventKind.APPEAL_FILED: {"appellant": str, **_COURT},
    EventKind.APPEAL_DECIDED: {"outcome": str, **_SENTENCE_FIELDS, **_COURT},
    EventKind.TRANSFERRED: {"to_agency": str},
    EventKind.VICTIM_REFERRED: {"referred_to": str, "referred_to_unit_id": int},
}
MAX_DETAIL_TEXT = 200
