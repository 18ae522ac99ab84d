"""Sentence checks against the provision in force on the offence date.

Two kinds of flag: `fine_only` (no imprisonment; lawful under PTPA s.3(1), the loophole the US TIP
reports criticise) and `outside_law` (the sentence breaks the statutory range: a fine alone under
PTPA s.4, a term above the maximum, a fine above the cap...). A flag never blocks recording: the
court's sentence is a fact; the flag says what the law makes of it. A prison term without a fine
is not flagged: the catalogue records "+ fine" without settling whether the court must fine or
only may ("liable to fine").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tipwatch.domain.events import Sentence
from tipwatch.domain.law.catalogue import Provision


class FlagKind(StrEnum):
    FINE_ONLY = "fine_only"
    OUTSIDE_LAW = "outside_law"
    UNVERIFIED = "unverified"  # the catalogue does not know enough to check


@dataclass(frozen=True)
class SentenceFlag:
    kind: FlagKind
    provision_key: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "provision": self.provision_key, "message": self.message}


def _years(months: int) -> str:
    years, rest = divmod(months, 12)
    if rest == 0:
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} months"


def check_sentence(sentence: Sentence, provision: Provision) -> list[SentenceFlag]:
    """Every way this sentence departs from what the provision allows, or [] if none."""
    key = provision.key
    flags: list[SentenceFlag] = []

    def outside(message: str) -> None:
        flags.append(SentenceFlag(FlagKind.OUTSIDE_LAW, key, message))

    if sentence.is_fine_only:
        if provision.fine_alone_allowed is False or provision.imprisonment_mandatory:
            outside(f"a fine alone is not allowed under {key}: imprisonment is mandatory")
        elif provision.fine_alone_allowed is None:
            flags.append(
                SentenceFlag(
                    FlagKind.UNVERIFIED,
                    key,
                    f"fine-only sentence; the catalogue does not record whether {key} allows it",
                )
            )
        else:
            flags.append(
                SentenceFlag(
                    FlagKind.FINE_ONLY,
                    key,
                    f"fine-only sentence: lawful under {key}, but no imprisonment",
                )
            )
    if sentence.life_imprisonment and not provision.life_imprisonment:
        outside(f"life imprisonment is not a penalty under {key}")
    months = sentence.imprisonment_months or 0
    if months and not sentence.life_imprisonment:
        low, high = provision.imprisonment_min_months, provision.imprisonment_max_months
        if provision.life_imprisonment and low is None and high is None:
            outside(f"{key} carries imprisonment for life: a term of {_years(months)} is not one")
        if low is not None and months < low:
            outside(f"{_years(months)} is below the minimum of {_years(low)} under {key}")
        if high is not None and months > high:  # "life, or up to 10 years": a term is up to 10
            outside(f"{_years(months)} is above the maximum of {_years(high)} under {key}")
    fine = sentence.fine_rupees or 0
    if fine:
        if provision.fine_max_rupees is not None and fine > provision.fine_max_rupees:
            outside(
                f"a fine of Rs {fine:,} is above the maximum of "
                f"Rs {provision.fine_max_rupees:,} under {key}"
            )
        if provision.fine_min_rupees is not None and fine < provision.fine_min_rupees:
            outside(
                f"a fine of Rs {fine:,} is below the minimum of "
                f"Rs {provision.fine_min_rupees:,} under {key}"
            )
    return flags
