"""Several people in one cell, as FIR registers write them.

"Ahmed, Bilal and Kashif", "Ahmed; Bilal", "Ahmed & Bilal", "1. Ahmed 2. Bilal", "1- Ahmed
2- Bilal", with "s/o Bashir" (also d/o, w/o, h/o, son of, wife of...: the father's or husband's
name), "@ Kaka", "alias Kaka", "aka Kaka" or "urf Kaka" (alias), "r/o Lahore" (also "resident
of", "sakin": address) and "aged 30 years" kept apart from the name. "Unknown", "Na-maloom",
"2 unknown" or "2 others" stand for accused not yet identified.

An address runs on across commas, "&" and "and" ("r/o Village Kot, Tehsil and District Gujrat")
until a part names someone with s/o, d/o, w/o, r/o or an alias, or a ";", a line break or the
next number of a numbered list starts a new entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# "1." "1)" "(1)" "1-" before an entry; followed by a space, or directly by a letter ("1.Ahmed")
_NUMBER_MARK = re.compile(r"(?:^|(?<=[\s,;]))\(?(\d{1,2})\s*[.)\-](?:\s+|(?=[^\d\s.)\-]))")
# Urdu writes the same: "،" comma, "؛" semicolon, "اور" and; "ولد" s/o, "بنت" and "دختر" d/o,
# "زوجہ" w/o, "ساکن" and "سکنہ" r/o, "عرف" alias.
# Between two people: ; | ؛ and line breaks always (hard), commas, & and "and" unless within
# an address (soft)
_SEPARATORS = re.compile(r"(\s*(?:[;|\n؛]|,|،|&|\band\b|\bاور\b)\s*)", re.IGNORECASE)
_HARD = frozenset({"", ";", "|", "؛"})  # a separator, stripped: "" was a line break
_ALIGNED_SEPARATORS = re.compile(r"\s*(?:;|؛|,|،|&|\||\n|\band\b|\bاور\b)\s*", re.I)
_LIST_SEPARATORS = re.compile(r"\s*[;|\n؛]\s*")
_MARK_END = r"(?:\s*[:.\-]\s*|\s+)"
_FATHER_WORDS = r"[sdwh]\s?/\s?o|son of|daughter of|wife of|husband of|ولد|بنت|دختر|زوجہ|زوجه"
_ADDRESS_WORDS = r"r\s?/\s?o|resident of|sakin|sakna|ساکن|سکنہ|سکنه"
_FATHER = re.compile(rf"(?:^|\s+)(?:{_FATHER_WORDS}){_MARK_END}", re.IGNORECASE)
_ADDRESS = re.compile(rf"(?:^|\s+)(?:{_ADDRESS_WORDS}){_MARK_END}", re.IGNORECASE)
# "aka" and "a.k.a." as a word of their own: not the start of Akash or Akaash
_ALIAS = re.compile(r"\s*(?:@|\balias\b|\ba\.?k\.?a(?:\.|\b)|\burf\b|\bعرف\b)\s*", re.IGNORECASE)
# A line break that cannot end a person: after a marker, or before one that only adds to the
# person before (father, address, alias)
_MARKER = rf"(?:{_FATHER_WORDS}|{_ADDRESS_WORDS}|@|alias|a\.?k\.?a\.?|urf|عرف)"
_BROKEN_LINE = re.compile(
    rf"(?:(?<=\s)|^)({_MARKER}[:.\-]?)[ \t]*\n\s*|[ \t]*\n\s*(?={_MARKER}(?:\b|\s))",
    re.IGNORECASE | re.MULTILINE,
)
_BRACKETED_ALIAS = re.compile(r"\(\s*((?:@|(?:alias|aka|a\.k\.a\.?|urf)\b)[^()]*)\)", re.IGNORECASE)
_AGE = (  # "aged 30 years", "age: 30", "30 years old"
    r"(?:aged?\s*:?\s*(\d{1,3})\s*(?:years?|yrs?\.?|y)?|(\d{1,3})\s*(?:years?|yrs?\.?))"
    r"(?:\s*old)?"
)
_AGE_PART = re.compile(_AGE, re.IGNORECASE)
_AGE_WITHIN = re.compile(rf"[,\s]+{_AGE}(?=[,\s]|$)", re.IGNORECASE)
_UNKNOWN = re.compile(
    r"(?:(\d{1,2})\s+)?(?:unknown|unidentified|un-known|na[\s-]?maloom|nameloom|namaloom|"
    r"not known|others?)(?:\s+(?:accused\s+)?(?:persons?|accused|people|men|women))?"
    r"(?:\s*\(?\s*(\d{1,2})\s*\)?)?",
    re.IGNORECASE,
)
MAX_PEOPLE = 50
MAX_AGE = 120


@dataclass
class NamedPerson:
    """One person as a cell names them; `name` is None for someone not identified."""

    name: str | None
    father_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    address: str | None = None
    age: int | None = None


def split_list(text: str) -> list[str]:
    """A list of values that may themselves hold commas (dates, rupees): split on ; | or
    line breaks only."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text)] if text.strip() else []


def numbered_entries(text: str) -> list[str]:
    """The entries of a numbered list ("1. A 2. B", "(1) A (2) B", "1-A 2-B"), or the text
    as one entry. Only numbers in sequence from 1 at the start count, so a number within an
    entry ("House No. 12. Gulberg") is left where it is."""
    if text.lstrip()[:1] not in ("1", "("):
        return [text]
    marks = list(_NUMBER_MARK.finditer(text))
    if not marks or marks[0].start() != len(text) - len(text.lstrip()) or marks[0][1] != "1":
        return [text]
    cuts, wanted = [marks[0]], 2
    for mark in marks[1:]:
        if int(mark[1]) == wanted:
            cuts.append(mark)
            wanted += 1
    ends = [mark.start() for mark in cuts[1:]] + [len(text)]
    return [text[mark.end() : end].strip() for mark, end in zip(cuts, ends, strict=True)]


def split_aligned(text: str) -> list[str]:
    """A list of short values lined up with the people of another column: "F, M", "14; 16",
    "1. F 2. M", "35202-1234567-1, 35202-7654321-3"; an empty entry or "-" keeps a place."""
    if not text.strip():
        return []
    return [
        part.strip()
        for entry in numbered_entries(text)
        for part in _ALIGNED_SEPARATORS.split(entry)
    ]


def split_people(text: str) -> list[NamedPerson]:
    """Every person a cell names, in order (see the module's docstring)."""
    if not text.strip():
        return []
    if "\n" in text:  # "Ahmed s/o\nBashir", "Ahmed s/o Bashir\nr/o Lahore": one person
        text = _BROKEN_LINE.sub(lambda m: f"{m[1] or ''} ", text)
    people: list[NamedPerson] = []
    for entry in numbered_entries(text):
        people += _people_in(entry)
    if len(people) > MAX_PEOPLE:
        raise ValueError(f"names {len(people)} people; at most {MAX_PEOPLE} are read")
    return people


def _people_in(entry: str) -> list[NamedPerson]:
    """The people of one entry of a cell, in order."""
    if "(" in entry:
        entry = _BRACKETED_ALIAS.sub(r" \1 ", entry)
    pieces = _SEPARATORS.split(entry)
    people: list[tuple[str, NamedPerson]] = []  # each with their text as written
    for n in range(0, len(pieces), 2):
        part, separator = pieces[n].strip(), pieces[n - 1] if n else ""
        if not part:
            continue
        # the person before, unless a ; or a line break came between
        last = people[-1] if people and people[-1][1].name is not None else None
        if last and separator.strip() in _HARD:
            last = None
        first = part[0].lower()
        if (first.isdigit() or first in "uno") and (unknown := _UNKNOWN.fullmatch(part)):
            count = int(unknown[1] or unknown[2] or 1)
            people += [("", NamedPerson(None)) for _ in range(count)]
        elif last and (first.isdigit() or first == "a") and (age := _AGE_PART.fullmatch(part)):
            last[1].age = _age(age)
        elif last and _continues(last[0], part):
            people[-1] = _joined(last, separator, part)
        else:
            people.append((part, _person(part)))
    return [person for _, person in people]


def _joined(last: tuple[str, NamedPerson], separator: str, part: str) -> tuple[str, NamedPerson]:
    """The person before, read again with the part that goes with them."""
    written, before = last
    marked = _FATHER.match(part) or _ADDRESS.match(part)
    text = f"{written}{' ' if marked else separator}{part}"
    person = _person(text)
    person.age = person.age or before.age
    return text, person


def _continues(before: str, part: str) -> bool:
    """Whether a part goes with the person before it: it gives their father or address
    ("Ahmed, s/o Bashir", "Ahmed s/o Bashir, r/o Lahore"), or carries on their address."""
    if _FATHER.match(part):
        return not _FATHER.search(before)
    if _ADDRESS.match(part):
        return not _ADDRESS.search(before)
    if not _ADDRESS.search(before):
        return False
    return not (_FATHER.search(part) or _ADDRESS.search(part) or _ALIAS.search(part))


def _person(text: str) -> NamedPerson:
    # Each pattern is tried only where the text holds a word it needs: most names hold none.
    lowered = text.lower()
    age = None
    if ("age" in lowered or "y" in lowered) and (found := _AGE_WITHIN.search(text)):
        age, text = _age(found), text[: found.start()] + text[found.end() :]
    address = father = None
    urdu = not lowered.isascii()
    if urdu or "/" in lowered or " of " in lowered or "sak" in lowered:
        text, address = _split_once(_ADDRESS, text)
        if address is not None and not _FATHER.search(text):  # "Ahmed r/o Lahore s/o Bashir"
            address, father_after = _split_once(_FATHER, f" {address}")
            text = f"{text} s/o {father_after}" if father_after else text
        text, father = _split_once(_FATHER, text)
    aliased = urdu or any(word in lowered for word in ("@", "alias", "ak", "a.k", "urf"))
    name, *aliases = _aliased(text) if aliased else [" ".join(text.split())]
    if father is not None and aliased:  # "Zafar s/o Din Muhammad alias Kaloo": Zafar's alias
        father, *more = _aliased(father)
        aliases += more
    if not name:
        raise ValueError("has an entry with no name")
    if not name.strip("? "):
        raise ValueError(
            "has a name of question marks only: the file lost its Urdu letters when it was "
            "saved; save it as CSV UTF-8"
        )
    return NamedPerson(name, father or None, aliases, address or None, age)


def _aliased(text: str) -> list[str]:
    """A name and its aliases, each on one line; [""] if there is no name."""
    return [" ".join(a.split()) for a in _ALIAS.split(text) if a.strip()] or [""]


def _age(found: re.Match[str]) -> int:
    age = int(found[1] or found[2])
    if age > MAX_AGE:
        raise ValueError("gives an age over 120 years")
    return age


def _split_once(pattern: re.Pattern[str], text: str) -> tuple[str, str | None]:
    head, *tail = pattern.split(text, maxsplit=1)
    rest = " ".join(tail[0].split()).strip(" ,") if tail else ""
    return head.strip(" ,"), rest or None
