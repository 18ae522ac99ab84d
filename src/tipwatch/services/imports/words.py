"""The words offices use for statuses, sexes, case types, verdicts and forms of exploitation,
in English, Urdu (romanised) and register shorthand, each mapped to tipwatch's own value.

A mapping file can add more (`[values.status] "Zer-e-Tafteesh" = "under_investigation"`).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from tipwatch.domain.vocabulary import CaseType, ExploitationForm, Sex


class ImportStatus(StrEnum):
    """Where a case stands, as a register's status column says it."""

    FIR_REGISTERED = "fir_registered"
    UNDER_INVESTIGATION = "under_investigation"
    CHALLAN_SUBMITTED = "challan_submitted"
    UNDER_TRIAL = "under_trial"
    CONVICTED = "convicted"
    SENTENCED = "sentenced"
    ACQUITTED = "acquitted"
    COMPROMISED = "compromised"
    CANCELLED = "cancelled"
    UNTRACED = "untraced"


class Verdict(StrEnum):
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"


_NOT_A_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=4096)
def word_key(text: str) -> str:
    """The form words are compared in: case, spacing and punctuation folded (remembered: a
    register repeats its few statuses, sexes and forms of exploitation on every row)."""
    return _NOT_A_WORD.sub(" ", text.casefold()).strip()


def _table(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {word_key(value): str(value) for value in words}
    for value, synonyms in words.items():
        table.update({word_key(s): str(value) for s in synonyms})
    return table


S = ImportStatus
STATUS_WORDS = _table(
    {
        S.FIR_REGISTERED: ("FIR registered", "registered", "FIR lodged", "lodged", "new"),
        S.UNDER_INVESTIGATION: ("under investigation", "UI", "U/I", "investigation",
                                "pending investigation", "zer-e-tafteesh", "zere tafteesh",
                                "zer e tafteesh", "zair-e-tafteesh", "tafteesh"),
        S.CHALLAN_SUBMITTED: ("challan submitted", "challaned", "challan", "sent up",
                              "challan submitted in court", "report u/s 173 submitted",
                              "charge sheet submitted", "charge sheeted"),
        S.UNDER_TRIAL: ("under trial", "UT", "U/T", "pending trial", "trial", "pending in court",
                        "zer-e-samaat", "zere samaat", "zer e samaat", "sub judice"),
        S.CONVICTED: ("convicted", "conviction", "sazayab", "saza yab", "punished"),
        S.SENTENCED: ("sentenced",),
        S.ACQUITTED: ("acquitted", "acquittal", "bari", "baree", "bari shuda"),
        S.COMPROMISED: ("compromised", "compromise", "razinama", "raazinama", "sulah",
                        "settled", "compounded"),
        S.CANCELLED: ("cancelled", "canceled", "FIR cancelled", "cancellation", "kharij",
                      "kharij shuda", "false", "B class", "B-class"),
        S.UNTRACED: ("untraced", "un-traced", "untrace", "accused untraced", "adam pata",
                     "adam patta", "A class", "A-class"),
    }
)  # fmt: skip
SEX_WORDS = _table(
    {
        Sex.FEMALE: ("F", "woman", "women", "girl", "aurat", "khatoon", "lady", "zanana"),
        Sex.MALE: ("M", "man", "men", "boy", "mard", "larka"),
        Sex.TRANSGENDER: ("T", "TG", "trans", "khawaja sira", "khwaja sira", "khwajasira"),
        Sex.UNKNOWN: ("U", "not known", "-"),
    }
)
CASE_TYPE_WORDS = _table(
    {
        CaseType.TRAFFICKING: ("human trafficking", "TIP", "HT", "trafficking in persons",
                               "PTPA"),
        CaseType.MIGRANT_SMUGGLING: ("smuggling", "migrant smuggling", "human smuggling", "MS",
                                     "SOM", "PSMA", "emigration"),
        CaseType.BONDED_LABOUR: ("bonded labor", "bonded", "BLSA"),
        CaseType.OTHER: (),
    }
)  # fmt: skip
VERDICT_WORDS = _table(
    {
        Verdict.CONVICTED: ("C", "conviction", "guilty", "sazayab", "saza yab"),
        Verdict.ACQUITTED: ("A", "acquittal", "not guilty", "bari", "baree"),
    }
)
E = ExploitationForm
EXPLOITATION_WORDS = _table(
    {
        E.FORCED_LABOUR: ("forced labor", "labour", "labor", "forced work"),
        E.SEXUAL_EXPLOITATION: ("sexual", "sex", "prostitution", "commercial sexual exploitation",
                                "CSE", "sex work"),
        E.CHILD_LABOUR: ("child labor",),
        E.FORCED_MARRIAGE: ("marriage", "forced marriage", "vani", "swara"),
        E.SERVITUDE: ("domestic servitude",),
        E.FORCED_MILITARY: ("forced military", "child soldiers"),
        E.ORGAN_REMOVAL: ("organ", "organs", "kidney", "organ trade"),
        E.FORCED_BEGGING: ("begging", "beggary"),
        E.FORCED_ADOPTION: ("adoption", "illegal adoption"),
        E.SURROGACY: (),
        E.OTHER: (),
        E.BRICK_KILN_BONDED_LABOUR: ("brick kiln", "bhatta", "brick kiln labour"),
        E.AGRICULTURAL_BONDED_LABOUR: ("agricultural", "haari", "hari", "agricultural labour"),
        E.CHILD_DOMESTIC_WORK: ("child domestic labour", "domestic work", "domestic worker"),
        E.BRIDE_TRAFFICKING: ("bride", "brides", "bride trafficking", "chinese brides"),
        E.FORCED_CRIMINALITY: ("criminality", "forced crime", "drug carrying"),
    }
)  # fmt: skip

WORDS_OF_COLUMN: dict[str, dict[str, str]] = {
    "status": STATUS_WORDS,
    "case_type": CASE_TYPE_WORDS,
    "exploitation": EXPLOITATION_WORDS,
    "accused_sex": SEX_WORDS,
    "victim_sex": SEX_WORDS,
    "verdict": VERDICT_WORDS,
}


def canonical_values(column: str) -> set[str]:
    """The values tipwatch accepts for a column with a vocabulary."""
    return set(WORDS_OF_COLUMN[column].values())
