"""Reading provision citations the way FIRs, court orders and news write them.

Turns text such as "u/s 17/22 EO 1979 r/w 3 PTPA, 370 PPC" into references (act code, section)
before the legal catalogue checks them. This module knows no provisions: the caller passes the act
aliases (alias -> act code), so the catalogue data stays the one source of act names.

Grammar, informally:
- a *group* is the text between separators: ",", ";", "&", "+", "and", "r/w", "read with";
- inside a group, sections ("370", "371-A", "371 A", "369A", "3(1)", "8 (2)") are joined by "/" or
  spaces and take the act named in the group: the act after them ("370/371-A PPC", "6-PSMA",
  "Sec 11 BLSA", "section 370 of the Pakistan Penal Code") or, when the group starts with the
  act, the act before them ("PPC 370", "PPC 370 PTPA 3(2)");
- a group with sections but no act borrows the act of the next group when that group names its
  act after its sections ("370, 371 and 371-A PPC"), or of the previous group when that group
  names its act first ("PPC 370, 371"); if both or neither apply, it is an error;
- "u/s", "S.", "Sec.", "section(s)", "under", "of", "the", "act", "ordinance", act years
  (1800-2099 written alone, e.g. "EO 1979") and act numbers in roman numerals ("Act 34 of
  2018" written the roman way) are ignored;
- anything else is an error naming the text, never a silent guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from tipwatch.domain.errors import InvalidInput

MAX_NOTATION_LENGTH = 2000
_MAX_SECTION_DIGITS = 6
_FLAGS = re.IGNORECASE | re.ASCII
_CANONICAL_SECTION = re.compile(r"[1-9][0-9]*(?:-[A-Z])?(?:\([1-9][0-9]*\))?")
# Same-length replacements only, so match positions still index the original text.
_LOOKALIKES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-") | {"\u00a0": " "}
)


@dataclass(frozen=True)
class Reference:
    """One cited provision, as written, before the catalogue resolves it."""

    act: str  # act code, e.g. "PPC"
    section: str  # canonical section: "370", "371-A", "3", "3(1)"
    text: str  # the fragment of the notation it was read from

    @property
    def key(self) -> str:
        return f"{self.act} {self.section}"


def quote(text: object, limit: int = 80) -> str:
    """Text for an error message: its repr, cut to about `limit` characters."""
    shown = repr(text)
    return shown if len(shown) <= limit else f"{shown[: limit - 4]}...{shown[-1]}"


def is_canonical_section(section: str) -> bool:
    """True for "3", "3(1)", "371-A" and "8(2)"-style sections (the catalogue's spelling)."""
    return _CANONICAL_SECTION.fullmatch(section) is not None


def section_sort_key(section: str) -> tuple[int, str, int]:
    """Numeric-aware order: 3 < 3(1) < 3(2) < 4 < 365-B < 370 < 371 < 371-A."""
    match = re.fullmatch(r"(\d+)(?:-([A-Z]))?(?:\((\d+)\))?", section)
    if match is None:
        return (2**62, section, 0)
    return (int(match[1]), match[2] or "", int(match[3] or 0))


def normalise_alias(alias: str) -> str:
    """The form two spellings of an alias share: "P.P.C" and "ppc" both give "ppc"."""
    return "".join(re.findall(r"[a-z0-9]+", alias.lower()))


@lru_cache(maxsize=8)
def _scanner(aliases: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    words = [re.findall(r"[A-Za-z0-9]+", alias) for alias, _ in aliases]
    spelled = sorted((w for w in words if w), key=lambda w: -len("".join(w)))
    alias_re = "|".join(r"[\s.()]*".join(map(re.escape, w)) for w in spelled) or r"(?!)"
    act = rf"(?<![a-z])(?:{alias_re})(?![a-z])"
    not_suffix = r"[a-z]\s*/\s*[a-z]|s\.?\s*\d"  # "1979 r/w 3", "370 u/s", "370 s.371"
    return re.compile(
        rf"""(?P<ws>\s+)
        |(?P<act>{act})
        |(?P<actno>(?<![a-z])[ivxlcdm]+\s+of\s+\d{{4}}(?!\d))
        |(?P<sec>(?P<num>\d+)(?:\s*(?:-\s*)?(?!{act}|{not_suffix})(?P<suf>[a-z])(?![a-z]))?
            (?:\s*\(\s*(?P<sub>\d+)\s*\))?)
        |(?P<sep>[,;&+]|(?<![a-z])(?:and|read\s+with|r\s*/\s*w)(?![a-z]))
        |(?P<noise>(?<![a-z])(?:u\s*/\s*ss?|under|sections?|secs?|ss?|of|the|act|ordinance)
            (?![a-z])|[/.:()\-])""",
        _FLAGS | re.VERBOSE,
    )


@dataclass(frozen=True)
class _Token:
    kind: str  # "act" or "sec"
    value: str  # act code or canonical section
    text: str  # as written


def _tokenise(text: str, aliases: Mapping[str, str]) -> list[list[_Token]]:
    """Split the notation into groups of act and section tokens."""
    by_form = {normalise_alias(alias): code for alias, code in aliases.items()}
    scanner = _scanner(tuple(sorted(aliases.items())))
    scanned = text.translate(_LOOKALIKES)
    groups: list[list[_Token]] = [[]]
    pos = 0
    while pos < len(scanned):
        match = scanner.match(scanned, pos)
        if match is None:
            bad = re.match(r"\w+|\S", text[pos:])
            word = bad[0] if bad else text[pos]
            raise InvalidInput(
                f"cannot read {quote(word)} in {quote(text)}: "
                "not a known act, section or citation word",
                field="provision",
            )
        pos = match.end()
        written = text[match.start() : match.end()].strip()
        if match["act"]:
            groups[-1].append(_Token("act", by_form[normalise_alias(match["act"])], written))
        elif match["sep"]:
            groups.append([])
        elif match["sec"]:
            section = _section(match, text)
            if section is not None:
                groups[-1].append(_Token("sec", section, written))
    return [group for group in groups if group]


def _section(match: re.Match[str], text: str) -> str | None:
    """The canonical section of a section match, or None when it is an act year."""
    number, suffix, sub = match["num"].lstrip("0"), match["suf"], match["sub"]
    if len(match["num"]) == 4 and 1800 <= int(match["num"]) <= 2099 and not (suffix or sub):
        return None  # an act's year: "EO 1979", "Pakistan Penal Code 1860"
    sub = sub.lstrip("0") if sub else None
    if not number or len(number) > _MAX_SECTION_DIGITS or sub == "" or (sub and len(sub) > 3):
        raise InvalidInput(
            f"{match['sec'].strip()!r} in {quote(text)} is not a section number", field="provision"
        )
    return number + (f"-{suffix.upper()}" if suffix else "") + (f"({sub})" if sub else "")


def _bind_group(group: list[_Token]) -> list[tuple[_Token, _Token]]:
    """Pair each section of a group that names an act with its act token."""
    pairs: list[tuple[_Token, _Token]] = []
    act_positions = [i for i, token in enumerate(group) if token.kind == "act"]
    for i, token in enumerate(group):
        if token.kind != "sec":
            continue
        if group[0].kind == "sec":  # postfix: "370/371-A PPC"
            after = [j for j in act_positions if j > i]
            pairs.append((token, group[after[0] if after else act_positions[-1]]))
        else:  # prefix: "PPC 370/371"
            pairs.append((token, group[max(j for j in act_positions if j < i)]))
    return pairs


def _borrowed_act(groups: list[list[_Token]], index: int, text: str) -> _Token:
    """The act an act-less group borrows from its neighbours (see the module docstring)."""
    named = [i for i, group in enumerate(groups) if any(t.kind == "act" for t in group)]
    later = [i for i in named if i > index][:1]
    earlier = [i for i in named if i < index][-1:]
    candidates: list[_Token] = []
    if later and groups[later[0]][0].kind == "sec":  # "370, 371 PPC"
        candidates.append(next(t for t in groups[later[0]] if t.kind == "act"))
    if earlier and groups[earlier[0]][0].kind == "act":  # "PPC 370, 371"
        candidates.append([t for t in groups[earlier[0]] if t.kind == "act"][-1])
    first = groups[index][0].value
    if not candidates:
        raise InvalidInput(f"no act named for section {first} in {quote(text)}", field="provision")
    if len({c.value for c in candidates}) > 1:
        raise InvalidInput(
            f"section {first} in {quote(text)} could belong to {candidates[0].value} or "
            f"{candidates[1].value}: write the act next to it",
            field="provision",
        )
    return candidates[0]


def parse_references(text: str, aliases: Mapping[str, str]) -> tuple[list[Reference], list[str]]:
    """Read every provision a notation cites, in order, without duplicates.

    `aliases` maps each way of writing an act (including its code) to the act code. Returns the
    references and warnings (e.g. an act named without any section). Raises InvalidInput, naming
    the text, when the notation is empty, too long, or cannot be read.
    """
    if not isinstance(text, str):
        raise InvalidInput(
            f"a provision notation must be text, got {type(text).__name__}", field="provision"
        )
    if len(text) > MAX_NOTATION_LENGTH:
        raise InvalidInput(
            f"provision notation is {len(text)} characters; at most {MAX_NOTATION_LENGTH} are read",
            field="provision",
        )
    groups = _tokenise(text, aliases)
    pairs: list[tuple[_Token, _Token]] = []
    for index, group in enumerate(groups):
        if any(token.kind == "act" for token in group):
            pairs.extend(_bind_group(group))
        else:
            borrowed = _borrowed_act(groups, index, text)
            pairs.extend((token, borrowed) for token in group)
    if not pairs:
        raise InvalidInput(f"no provision named in {quote(text)}", field="provision")
    references: list[Reference] = []
    for section, act in pairs:
        reference = Reference(act.value, section.value, section.text)
        if reference.key not in {r.key for r in references}:
            references.append(reference)
    cited = {r.act for r in references}
    warnings = [
        f"{code} is named in {quote(text)} without a section; ignored"
        for code in dict.fromkeys(t.value for g in groups for t in g if t.kind == "act")
        if code not in cited
    ]
    return references, warnings
