"""Use cases: reading the legal catalogue (shared by the API and `tipwatch law`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tipwatch.domain.law.catalogue import LegalCatalogue


def list_provisions(catalogue: LegalCatalogue, on: date | None = None) -> list[dict[str, Any]]:
    """Every provision version, or with `on` only those in force that day."""
    versions = catalogue.provisions()
    if on is not None:
        versions = [p for p in versions if p.in_force_on(on)]
    return [p.to_dict() for p in versions]


def show_provision(
    catalogue: LegalCatalogue, notation: str, on: date | None = None
) -> dict[str, Any]:
    """One provision (the version in force on `on`, else the latest) with all its versions."""
    provision = catalogue.get(notation, on=on)
    return provision.to_dict() | {
        "act_title": catalogue.acts[provision.act].title,
        "versions": [v.to_dict() for v in catalogue.versions(provision.key)],
    }


def parse_notation(
    catalogue: LegalCatalogue, notation: str, on: date | None = None
) -> dict[str, Any]:
    provisions, warnings = catalogue.parse_with_warnings(notation, on=on)
    return {
        "notation": notation,
        "provisions": [p.key for p in provisions],
        "details": [p.to_dict() for p in provisions],
        "warnings": warnings,
    }
