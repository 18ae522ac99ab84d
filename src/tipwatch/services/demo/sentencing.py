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
    if provision.life_imprisonment:  # a term of 5 to 25 years, now and then life
        low, high = max(low, 60), max(high, 300)
    details: dict[str, Any] = {}
    if provision.life_imprisonment and rng.random() < 0.05:
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


def court_for(provision_key: str, district: str) -> str:
    """PTPA and the Bonded Labour Act are tried by a Magistrate First Class; the gravest Penal
    Code offences by the Sessions court."""
    if provision_key in ("PPC 365-B", "PPC 371-A", "PPC 371-B"):
        return f"Sessions Court {district}"
    return f"Judicial Magistrate {district}"
