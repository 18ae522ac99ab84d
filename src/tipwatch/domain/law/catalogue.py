"""The versioned legal catalogue: acts, provisions and their penalties over time.

The data lives in provisions.toml (package data); this module validates it at load and answers
"which provision does this notation name, and what did it say on the offence date?".
A case is judged by the version in force on its offence date.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from tipwatch.domain.errors import (
    ConfigurationError,
    InvalidInput,
    ProvisionNotInForce,
    UnknownProvision,
)
from tipwatch.domain.law.notation import (
    Reference,
    is_canonical_section,
    normalise_alias,
    parse_references,
    quote,
    section_sort_key,
)

STATUSES = ("V", "S", "U")  # verified, secondary source, unverified (see provisions.toml)


@dataclass(frozen=True)
class Act:
    code: str
    title: str
    year: int | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Provision:
    """One version of one provision; `in_force_from`/`in_force_to` are inclusive, None = open."""

    key: str
    act: str
    section: str
    title: str
    in_force_from: date | None
    in_force_to: date | None
    imprisonment_min_months: int | None
    imprisonment_max_months: int | None
    life_imprisonment: bool
    imprisonment_mandatory: bool | None
    fine_min_rupees: int | None
    fine_max_rupees: int | None
    fine_mandatory: bool | None
    fine_alone_allowed: bool | None
    cognizable: bool | None
    bailable: bool | None
    investigating_agency: str | None
    trial_forum: str | None
    status: str
    source: str
    notes: str

    def in_force_on(self, day: date) -> bool:
        started = self.in_force_from is None or self.in_force_from <= day
        return started and (self.in_force_to is None or day <= self.in_force_to)

    def period_text(self) -> str:
        start = self.in_force_from.isoformat() if self.in_force_from else "an unrecorded date"
        end = f"to {self.in_force_to.isoformat()}" if self.in_force_to else "onwards"
        return f"from {start} {end}"

    def penalty_text(self) -> str:
        """The penalty as a sentence, e.g. "imprisonment up to 7 years, or a fine up to Rs
        1,000,000, or both"; says "not recorded" for what the catalogue does not know."""
        prison, fine = _imprisonment_text(self), _fine_text(self)
        if prison and fine:
            if self.fine_alone_allowed:
                return f"{prison}, or {fine}, or both"
            if self.fine_mandatory:
                return f"{prison}{', and' if ' or ' in prison else ' and'} {fine}"
            if self.fine_mandatory is False:
                return f"{prison}, with or without {fine}"
            return f"{prison}; {fine} (how the two combine is not recorded)"
        if prison:
            return f"{prison}; fine not recorded"
        if fine:
            return (
                fine
                if self.imprisonment_mandatory is False
                else f"{fine}; imprisonment not recorded"
            )
        return "penalty not recorded"

    def to_dict(self) -> dict[str, object]:
        body: dict[str, object] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            body[field.name] = value.isoformat() if isinstance(value, date) else value
        body["penalty_text"] = self.penalty_text()
        return body


def _duration(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if rest or not years:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " and ".join(parts)


def _imprisonment_text(p: Provision) -> str | None:
    low, high = p.imprisonment_min_months, p.imprisonment_max_months
    term = None
    if high is not None:
        lowest = str(low // 12) if low and low % 12 == high % 12 == 0 else _duration(low or 0)
        term = f"from {lowest} to {_duration(high)}" if low else f"up to {_duration(high)}"
    elif low:
        term = f"of at least {_duration(low)}"
    if p.life_imprisonment:
        return "imprisonment for life" + (f" or {term}" if term else "")
    return f"imprisonment {term}" if term else None


def _fine_text(p: Provision) -> str | None:
    low, high = p.fine_min_rupees, p.fine_max_rupees
    if high is not None:
        return f"a fine from Rs {low:,} to Rs {high:,}" if low else f"a fine up to Rs {high:,}"
    if low:
        return f"a fine of at least Rs {low:,}"
    if p.fine_mandatory is not None or p.fine_alone_allowed:
        return "a fine"
    return None


class LegalCatalogue:
    """Every version of every provision, looked up by key or by any notation naming it."""

    def __init__(self, acts: Mapping[str, Act], provisions: Iterable[Provision], revision: int = 0):
        self.acts: dict[str, Act] = dict(acts)
        self.revision = revision
        order = sorted(provisions, key=lambda p: (p.act, section_sort_key(p.section), _start(p)))
        self._versions: dict[str, list[Provision]] = {}
        for provision in order:
            self._versions.setdefault(provision.key, []).append(provision)
        self._aliases = {
            a: act.code for act in self.acts.values() for a in (act.code, *act.aliases)
        }

    @classmethod
    def from_toml(cls, text: str) -> LegalCatalogue:
        """Load and validate a catalogue; ConfigurationError names the key and field at fault."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigurationError(f"provisions.toml is not valid TOML: {exc}") from exc
        return cls(*_load(data))

    def provisions(self) -> list[Provision]:
        return [version for versions in self._versions.values() for version in versions]

    def keys(self) -> list[str]:
        return list(self._versions)

    def versions(self, key: str) -> list[Provision]:
        return list(self._versions[self._one_key(key)])

    def get(self, key: str, on: date | None = None) -> Provision:
        """The version of the one provision `key` names: in force `on` that day, else the latest."""
        return self._version_on(self._one_key(key), on)

    def parse(self, notation: str, on: date | None = None) -> list[Provision]:
        return self.parse_with_warnings(notation, on)[0]

    def parse_with_warnings(
        self, notation: str, on: date | None = None
    ) -> tuple[list[Provision], list[str]]:
        """Every provision a notation names, deduplicated, in order, each checked as get() does,
        with warnings for guesses made (e.g. "3 PTPA" read as PTPA 3(1))."""
        keys, warnings = self._keys_named(notation)
        return [self._version_on(key, on) for key in keys], warnings

    def _keys_named(self, notation: str) -> tuple[list[str], list[str]]:
        if isinstance(notation, str) and notation.strip() in self._versions:
            return [notation.strip()], []
        if not isinstance(notation, str) or not notation.strip():
            raise InvalidInput(f"no provision named in {quote(notation)}", field="provision")
        references, warnings = parse_references(notation, self._aliases)
        keys: list[str] = []
        for reference in references:
            key = self._resolve(reference, notation, warnings)
            if key not in keys:
                keys.append(key)
        return keys, warnings

    def _one_key(self, notation: str) -> str:
        keys, _ = self._keys_named(notation)
        if len(keys) != 1:
            raise InvalidInput(
                f"{quote(notation)} names {len(keys)} provisions ({', '.join(keys)}): "
                "name exactly one",
                field="provision",
            )
        return keys[0]

    def _resolve(self, reference: Reference, notation: str, warnings: list[str]) -> str:
        key = reference.key
        if key in self._versions:
            return key
        subsections = [k for k in self._versions if k.startswith(f"{key}(")]
        if subsections and "(" not in reference.section:
            if f"{key}(1)" in subsections:
                chosen, why = f"{key}(1)", "the base offence"
            elif len(subsections) == 1:
                chosen, why = subsections[0], "its only subsection in the catalogue"
            else:
                raise InvalidInput(
                    f"{key} in {quote(notation)} has subsections {', '.join(subsections)}: "
                    "state which",
                    field="provision",
                )
            others = [k for k in subsections if k != chosen]
            also = f"; the catalogue also has {', '.join(others)}" if others else ""
            read = f"read as {chosen}, {why}{also}"
            warnings.append(f"{key} is cited in {quote(notation)} without a subsection: {read}")
            return chosen
        raise UnknownProvision(
            f"{key} is not in the legal catalogue",
            field="provision",
            details={"provision": key, "notation": notation},
        )

    def _version_on(self, key: str, on: date | None) -> Provision:
        versions = self._versions[key]
        if on is None:
            return versions[-1]
        for version in versions:
            if version.in_force_on(on):
                return version
        periods = "; ".join(version.period_text() for version in versions)
        raise ProvisionNotInForce(
            f"{key} was not in force on {on.isoformat()} (in force {periods})",
            field="provision",
            details={
                "provision": key,
                "date": on.isoformat(),
                "in_force": [
                    {"from": _iso(v.in_force_from), "to": _iso(v.in_force_to)} for v in versions
                ],
            },
        )


def _start(provision: Provision) -> date:
    return provision.in_force_from or date.min


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@cache
def default_catalogue() -> LegalCatalogue:
    """The catalogue shipped with tipwatch (provisions.toml), loaded and validated once."""
    text = resources.files("tipwatch.domain.law").joinpath("provisions.toml").read_text("utf-8")
    return LegalCatalogue.from_toml(text)


# --- loading and validating provisions.toml ------------------------------------------------

_INT_FIELDS = "imprisonment_min_months imprisonment_max_months fine_min_rupees fine_max_rupees"
_BOOL_FIELDS = "imprisonment_mandatory fine_mandatory fine_alone_allowed cognizable bailable"
_VERSION_FIELDS: dict[str, tuple[str, bool]] = {  # field: (kind, required)
    "title": ("text", True),
    "status": ("text", True),
    "source": ("text", True),
    "life_imprisonment": ("bool", True),
    "notes": ("text", False),
    "investigating_agency": ("text", False),
    "trial_forum": ("text", False),
    **dict.fromkeys(("in_force_from", "in_force_to"), ("date", False)),
    **dict.fromkeys(_INT_FIELDS.split(), ("int", False)),
    **dict.fromkeys(_BOOL_FIELDS.split(), ("bool", False)),
}
_ORDERED_PAIRS = (
    ("imprisonment_min_months", "imprisonment_max_months"),
    ("fine_min_rupees", "fine_max_rupees"),
    ("in_force_from", "in_force_to"),
)


def _bad(where: str, field: str, problem: str) -> ConfigurationError:
    return ConfigurationError(
        f"provisions.toml: {where}: {field!r} {problem}", field=field, record=where
    )


def _table(value: object, where: str, field: str, allowed: Iterable[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(where, field, "must be a table")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise _bad(where, unknown[0], "is not a known field")
    return value


def _value(
    table: Mapping[str, Any], where: str, field: str, kind: str, required: bool = False
) -> Any:
    """One field, checked: kind is "int" (whole number >= 0), "bool", "date" or "text"."""
    value = table.get(field)
    if value is None:
        if required:
            raise _bad(where, field, "is required")
        return None
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "bool": isinstance(value, bool),
        "date": isinstance(value, date) and not isinstance(value, datetime),
        "text": isinstance(value, str) and bool(value.strip()),
    }[kind]
    if not ok:
        raise _bad(
            where,
            field,
            f"must be {'a whole number >= 0' if kind == 'int' else kind}, got {value!r}",
        )
    return value


def _version(key: str, act: str, section: str, raw: object, n: int) -> Provision:
    where = f"{key} version {n}"
    table = _table(raw, where, "versions", _VERSION_FIELDS)
    values = {name: _value(table, where, name, *spec) for name, spec in _VERSION_FIELDS.items()}
    values["notes"] = values["notes"] or ""
    if values["status"] not in STATUSES:
        raise _bad(
            where, "status", f"must be one of {', '.join(STATUSES)}, got {values['status']!r}"
        )
    for low, high in _ORDERED_PAIRS:
        if values[low] is not None and values[high] is not None and values[low] > values[high]:
            raise _bad(where, low, f"is after {high}")
    if values["fine_alone_allowed"] and values["imprisonment_mandatory"]:
        raise _bad(where, "fine_alone_allowed", "contradicts imprisonment_mandatory = true")
    return Provision(key=key, act=act, section=section, **values)


def _provision(raw: object, n: int, acts: Mapping[str, Act]) -> list[Provision]:
    table = _table(raw, f"provision {n}", "provisions", ("act", "section", "versions"))
    act = _value(table, f"provision {n}", "act", "text", True)
    section = _value(table, f"provision {n}", "section", "text", True)
    if act not in acts:
        raise _bad(f"provision {n}", "act", f"names no act in [acts]: {act!r}")
    if not is_canonical_section(section):
        raise _bad(
            f"provision {n}", "section", f"must be written like 3, 3(1) or 371-A: {section!r}"
        )
    key, versions = f"{act} {section}", table.get("versions")
    if not isinstance(versions, list) or not versions:
        raise _bad(key, "versions", "must list at least one version")
    built = sorted(
        (_version(key, act, section, v, i + 1) for i, v in enumerate(versions)), key=_start
    )
    for before, after in pairwise(built):
        if (
            before.in_force_to is None
            or after.in_force_from is None
            or before.in_force_to >= after.in_force_from
        ):
            raise _bad(key, "in_force_to", "versions must follow each other without overlapping")
    return built


def _load(data: Mapping[str, Any]) -> tuple[dict[str, Act], list[Provision], int]:
    _table(data, "catalogue", "top level", ("revision", "acts", "provisions"))
    revision = _value(data, "catalogue", "revision", "int", True)
    acts: dict[str, Act] = {}
    forms: dict[str, str] = {}
    raw_acts = data.get("acts")
    if not isinstance(raw_acts, dict) or not raw_acts:
        raise _bad("catalogue", "acts", "must be a table of at least one act")
    for code, raw in raw_acts.items():
        table = _table(raw, f"act {code}", code, ("title", "year", "aliases"))
        aliases = table.get("aliases", [])
        if not code.isalpha() or not code.isupper():
            raise _bad(f"act {code}", "code", "must be capital letters")
        if not isinstance(aliases, list) or not all(
            isinstance(a, str) and normalise_alias(a) for a in aliases
        ):
            raise _bad(f"act {code}", "aliases", "must be a list of names with letters or digits")
        for alias in (code, *aliases):
            if forms.setdefault(normalise_alias(alias), code) != code:
                raise _bad(
                    f"act {code}",
                    "aliases",
                    f"{alias!r} also names act {forms[normalise_alias(alias)]}",
                )
        title = _value(table, f"act {code}", "title", "text", True)
        acts[code] = Act(code, title, _value(table, f"act {code}", "year", "int"), tuple(aliases))
    provisions: list[Provision] = []
    raws = data.get("provisions")
    if not isinstance(raws, list) or not raws:
        raise _bad("catalogue", "provisions", "must list at least one provision")
    for n, raw in enumerate(raws, start=1):
        versions = _provision(raw, n, acts)
        if any(p.key == versions[0].key for p in provisions):
            raise _bad(versions[0].key, "section", "is listed twice; add versions instead")
        provisions.extend(versions)
    return acts, provisions, revision


__all__ = ["STATUSES", "Act", "LegalCatalogue", "Provision", "default_catalogue"]
