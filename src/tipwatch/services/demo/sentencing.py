"""Sentences a court might pass, within the provision's range, and a few outside it.

Most prison terms fall in the lower half of the range. About 1 in 25 terms is below the
statutory minimum, and a fine-only case sometimes convicts on a provision that does not allow a
fine alone (PTPA s.4, PSMA s.6): both are flagged `outside_law` by the sentence checks, as the
real ones would be.
"""

from __future__ import annotations

import random
from typing import Any

from tipwatch.domain.law.catalogue import LegalCatalogue, Provision

BELOW_MINIMUM_SHARE = 0.04


def _round_to(value: float, step: int) -> int:
    return max(step, int(value // step) * step)


def _fine(rng: random.Random, provision: Provision) -> int:
    low = provision.fine_min_rupees or 10_000
    high = provision.fine_max_rupees or max(low, 500_000)
    if high <= low:
        return low
    return min(high, _round_to(rng.uniform(low, low + (high - low) * 0.6), 5_000))


def prison_sentence(rng: random.Random, provision: Provision) -> dict[str, Any]:
    low = provision.imprisonment_min_months or 6
    high = provision.imprisonment_max_months or max(low * 2, 84)
    # life where the law gives nothing else (PPC 365-B); where it is life or a term (PPC 371),
    # now and then life
    life_only = (
        provision.imprisonment_max_months is None and provision.imprisonment_min_months is None
    )
    details: dict[str, Any] = {}
    if provision.life_imprisonment and (rng.random() < 0.05 or life_only):
        details["life_imprisonment"] = True
    else:
        months = round(low + (high - low) * rng.random() ** 1.8)
        if provision.imprisonment_min_months and rng.random() < BELOW_MINIMUM_SHARE:
            months = max(1, provision.imprisonment_min_months - rng.randint(6, 12))
        details["imprisonment_months"] = months
    if provision.fine_mandatory or rng.random() < 0.7:
        details["fine_rupees"] = _fine(rng, provision)
    return details


def fine_sentence(rng: random.Random, provision: Provision) -> dict[str, Any]:
    return {"fine_rupees": _fine(rng, provision)}


def fine_alone_lawful(catalogue: LegalCatalogue, provision_key: str) -> bool:
    return bool(catalogue.get(provision_key).fine_alone_allowed)


SESSIONS_OFFENCES = frozenset({"PPC 365-B", "PPC 371-A", "PPC 371-B"})
HIGH_COURTS = {
    "Punjab": "Lahore High Court",
    "Sindh": "Sindh High Court",
    "Khyber Pakhtunkhwa": "Peshawar High Court",
    "Balochistan": "Balochistan High Court",
    "Islamabad Capital Territory": "Islamabad High Court",
    "Azad Jammu and Kashmir": "High Court of Azad Jammu and Kashmir",
    "Gilgit-Baltistan": "Chief Court Gilgit-Baltistan",
}


def trial_court(provision_keys: list[str], district: str) -> str:
    """The court that tries the whole case: PTPA and the Bonded Labour Act are tried by a
    Magistrate First Class, the gravest Penal Code offences by the Sessions court, and a case
    with both by the Sessions court."""
    if SESSIONS_OFFENCES.intersection(provision_keys):
        return f"Sessions Court {district}"
    return f"Judicial Magistrate {district}"


def appeals_court(trial: str, district: str, province: str) -> str:
    """A Magistrate's judgment is appealed to the Sessions court, a Sessions court's to the
    High Court (CrPC s.408, s.410)."""
    if trial.startswith("Judicial Magistrate"):
        return f"Sessions Court {district}"
    return HIGH_COURTS.get(province, "High Court")
