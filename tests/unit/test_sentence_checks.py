"""Sentences judged against the provision in force: fine-only and outside-the-law flags."""

from __future__ import annotations

from tipwatch.domain.events import Sentence
from tipwatch.domain.law.catalogue import default_catalogue
from tipwatch.domain.sentences import FlagKind, check_sentence


def kinds(sentence: Sentence, provision: str) -> list[FlagKind]:
    return [f.kind for f in check_sentence(sentence, default_catalogue().get(provision))]


def test_fine_only_under_ptpa_3_1_is_flagged_fine_only() -> None:
    assert kinds(Sentence(fine_rupees=100_000), "3(1) PTPA") == [FlagKind.FINE_ONLY]


def test_fine_only_under_ptpa_4_is_outside_the_law() -> None:
    flags = check_sentence(Sentence(fine_rupees=100_000), default_catalogue().get("4 PTPA"))
    assert [f.kind for f in flags] == [FlagKind.OUTSIDE_LAW]
    assert "fine alone is not allowed under PTPA 4" in flags[0].message


def test_a_lawful_prison_sentence_is_not_flagged() -> None:
    assert kinds(Sentence(imprisonment_months=60, fine_rupees=500_000), "4 PTPA") == []


def test_a_term_below_the_minimum_is_outside_the_law() -> None:
    assert kinds(Sentence(imprisonment_months=24, fine_rupees=1), "4 PTPA") == [
        FlagKind.OUTSIDE_LAW
    ]


def test_a_term_above_the_maximum_is_outside_the_law() -> None:
    assert kinds(Sentence(imprisonment_months=120), "3(1) PTPA") == [FlagKind.OUTSIDE_LAW]


def test_a_fine_above_the_cap_is_outside_the_law() -> None:
    assert kinds(Sentence(imprisonment_months=12, fine_rupees=2_000_000), "3(1) PTPA") == [
        FlagKind.OUTSIDE_LAW
    ]


def test_life_is_lawful_only_where_the_law_provides_it() -> None:
    assert kinds(Sentence(life_imprisonment=True), "365-B PPC") == []
    assert kinds(Sentence(life_imprisonment=True), "370 PPC") == [FlagKind.OUTSIDE_LAW]


def test_a_fine_below_the_bonded_labour_minimum_is_outside_the_law() -> None:
    assert kinds(Sentence(fine_rupees=10_000), "11 BLSA") == [
        FlagKind.FINE_ONLY,
        FlagKind.OUTSIDE_LAW,
    ]


def test_a_term_of_years_under_a_provision_of_life_only_is_outside_the_law() -> None:
    flags = check_sentence(
        Sentence(imprisonment_months=97, fine_rupees=100_000), default_catalogue().get("365-B PPC")
    )
    assert [f.kind for f in flags] == [FlagKind.OUTSIDE_LAW]
    assert "carries imprisonment for life" in flags[0].message
    life = Sentence(life_imprisonment=True, fine_rupees=100_000)
    assert kinds(life, "365-B PPC") == []


def test_life_or_a_term_of_up_to_ten_years_allows_either_but_not_fifteen() -> None:
    assert kinds(Sentence(life_imprisonment=True, fine_rupees=1), "371 PPC") == []
    assert kinds(Sentence(imprisonment_months=96, fine_rupees=1), "371 PPC") == []
    assert kinds(Sentence(imprisonment_months=180, fine_rupees=1), "371 PPC") == [
        FlagKind.OUTSIDE_LAW
    ]
