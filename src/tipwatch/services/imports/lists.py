"""Several people in one cell, as FIR registers write them.

"Ahmed, Bilal and Kashif", "Ahmed; Bilal", "Ahmed & Bilal", "1. Ahmed 2. Bilal", with
"s/o Bashir" (father), "@ Kaka" or "alias Kaka" (alias) and "r/o Lahore" (address) kept apart
from the name. "Unknown", "Na-maloom" or "2 unknown" stand for accused not yet identified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUMBERING = re.compile(r"(?:^|(?<=\s))\(?\d{1,2}[.)]\s+")
_PEOPLE_SEPARATORS = re.compile(r"\s*(?:;|,|&|\||\n|\band\b)\s*", re.IGNORECASE)
_LIST_SEPARATORS = re.compile(r"\s*[;|\n]\s*")
_FATHER = re.compile(r"\s+(?:s/o|d/o|son of|daughter of)\s+", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:^|\s+)r/o\s+", re.IGNORECASE)
# "aka" and "a.k.a." as a word of their own: not the start of Akash or Akaash
_ALIAS = re.compile(r"\s*(?:@|\balias\b|\ba\.?k\.?a(?:\.|\b))\s*", re.IGNORECASE)
_UNKNOWN = re.compile(
    r"(?:(\d{1,2})\s+)?(?:unknown|unidentified|un-known|na[\s-]?maloom|nameloom|"
    r"namaloom|not known)(?:\s+(?:person|persons|accused|people|men|women))?",
    re.IGNORECASE,
)
MAX_PEOPLE = 50


@dataclass
class NamedPerson:
    """One person as a cell names them; `name` is None for someone not identified."""

    name: str | None
    father_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    address: str | None = None


def split_list(text: str) -> list[str]:
    """A list of values that may themselves hold commas (dates, rupees): split on ; | or
    line breaks only."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text)] if text.strip() else []


def split_aligned(text: str) -> list[str]:
    """A list of short values lined up with the people of another column: "F, M", "14; 16",
    "35202-1234567-1, 35202-7654321-3"; an empty entry or "-" keeps a place."""
    if not text.strip():
        return []
    return [part.strip() for part in _PEOPLE_SEPARATORS.split(_NUMBERING.sub(";", text))]


def split_people(text: str) -> list[NamedPerson]:
    """Every person a cell names, in order (see the module's docstring)."""
    if not text.strip():
        return []
    parts = [p for p in _PEOPLE_SEPARATORS.split(_NUMBERING.sub(";", text)) if p.strip()]
    merged: list[str] = []
    for part in parts:  # "Ahmed s/o Bashir, r/o Lahore": the address belongs to Ahmed
        if merged and _ADDRESS.match(part) and not _ADDRESS.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    people: list[NamedPerson] = []
    for part in merged:
        if unknown := _UNKNOWN.fullmatch(part.strip()):
            people.extend(NamedPerson(None) for _ in range(int(unknown[1] or 1)))
        else:
            people.append(_person(part))
    if len(people) > MAX_PEOPLE:
        raise ValueError(f"names {len(people)} people; at most {MAX_PEOPLE} are read")
    return people


def _person(text: str) -> NamedPerson:
    text, address = _split_once(_ADDRESS, text)
    text, father = _split_once(_FATHER, text)
    name, *aliases = [a for a in _ALIAS.split(text) if a.strip()] or [""]
    if not name.strip():
        raise ValueError("has an entry with no name")
    return NamedPerson(
        " ".join(name.split()), father, [" ".join(a.split()) for a in aliases], address
    )


def _split_once(pattern: re.Pattern[str], text: str) -> tuple[str, str | None]:
    head, *tail = pattern.split(text, maxsplit=1)
    rest = " ".join(tail[0].split()) if tail and tail[0].strip() else None
    return head.strip(), rest
