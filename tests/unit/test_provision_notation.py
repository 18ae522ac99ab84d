"""Reading provision citations as FIRs, court orders and news write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipwatch.domain.errors import InvalidInput, TipwatchError, UnknownProvision
from tipwatch.domain.law import LegalCatalogue, Provision, default_catalogue, parse_references


@pytest.fixture(scope="module")
def catalogue() -> LegalCatalogue:
    return default_catalogue()


def keys(catalogue: LegalCatalogue, notation: str) -> list[str]:
    return [provision.key for provision in catalogue.parse(notation)]


@pytest.mark.parametrize(
    ("notation", "expected"),
    [
        ("370/371-A PPC", ["PPC 370", "PPC 371-A"]),
        ("17/22 EO 1979", ["EO 17", "EO 22"]),
        ("6-PSMA", ["PSMA 6"]),
        ("6 PSMA", ["PSMA 6"]),
        ("Sec 11 BLSA", ["BLSA 11"]),
        ("369A PPC", ["PPC 369-A"]),
        ("3(2) PTPA", ["PTPA 3(2)"]),
        ("3(1) PTPA", ["PTPA 3(1)"]),
        ("PPC 370", ["PPC 370"]),
        ("ppc 370", ["PPC 370"]),
        ("section 370 of the Pakistan Penal Code", ["PPC 370"]),
        ("S. 370 PPC", ["PPC 370"]),
        ("s.370 PPC", ["PPC 370"]),
        ("Sec. 366-A Penal Code", ["PPC 366-A"]),
        ("U/S 371 A P.P.C", ["PPC 371-A"]),
        ("u/s 371-a ppc", ["PPC 371-A"]),
        ("u/s 371\u2013A PPC", ["PPC 371-A"]),  # an en dash pasted from a word processor
        ("under sections 8 (2) BLSA", ["BLSA 8(2)"]),
        ("  u/s   370  ,  371  PPC ", ["PPC 370", "PPC 371"]),
        ("370, 371 and 371-B PPC", ["PPC 370", "PPC 371", "PPC 371-B"]),
        ("PPC 370, 371", ["PPC 370", "PPC 371"]),
        ("365-B & 366-A PPC; 3(2) PTPA", ["PPC 365-B", "PPC 366-A", "PTPA 3(2)"]),
        ("363 read with 365-B PPC", ["PPC 363", "PPC 365-B"]),
        ("u/s 17/22 EO 1979 r/w 3(1) PTPA, 370 PPC", ["EO 17", "EO 22", "PTPA 3(1)", "PPC 370"]),
        ("17 Immigration Ordinance", ["EO 17"]),
        ("17/22 E.O. 1979", ["EO 17", "EO 22"]),
        ("section 18 of the Emigration Ordinance, 1979", ["EO 18"]),
        ("Pakistan Penal Code 1860 (XLV of 1860) s.374", ["PPC 374"]),
        ("3(1)/4 Prevention of Trafficking in Persons Act, 2018", ["PTPA 3(1)", "PTPA 4"]),
        ("6 Prevention of Smuggling of Migrants Act 2018", ["PSMA 6"]),
        ("11/12 Bonded Labour System (Abolition) Act 1992", ["BLSA 11", "BLSA 12"]),
        ("12 BLSAA", ["BLSA 12"]),
        ("11 Bonded Labour Act", ["BLSA 11"]),
        ("PPC 370 PTPA 3(2)", ["PPC 370", "PTPA 3(2)"]),
        ("370/370 PPC, 370 PPC", ["PPC 370"]),
    ],
)
def test_fir_notation_names_the_right_provisions(
    catalogue: LegalCatalogue, notation: str, expected: list[str]
) -> None:
    assert keys(catalogue, notation) == expected


def test_bare_section_3_ptpa_is_read_as_the_base_offence_with_a_warning(
    catalogue: LegalCatalogue,
) -> None:
    provisions, warnings = catalogue.parse_with_warnings("u/s 3 PTPA")
    assert [p.key for p in provisions] == ["PTPA 3(1)"]
    assert len(warnings) == 1
    assert "without a subsection" in warnings[0]
    assert "PTPA 3(1)" in warnings[0]
    assert "PTPA 3(2)" in warnings[0]


def test_the_long_fir_notation_reads_bare_3_ptpa_as_3_1_with_one_warning(
    catalogue: LegalCatalogue,
) -> None:
    provisions, warnings = catalogue.parse_with_warnings("u/s 17/22 EO 1979 r/w 3 PTPA, 370 PPC")
    assert [p.key for p in provisions] == ["EO 17", "EO 22", "PTPA 3(1)", "PPC 370"]
    assert len(warnings) == 1


def test_a_stated_subsection_gives_no_warning(catalogue: LegalCatalogue) -> None:
    assert catalogue.parse_with_warnings("3(2) PTPA")[1] == []


def test_bare_section_8_blsa_is_read_as_its_only_subsection_with_a_warning(
    catalogue: LegalCatalogue,
) -> None:
    provisions, warnings = catalogue.parse_with_warnings("8 BLSA")
    assert [p.key for p in provisions] == ["BLSA 8(2)"]
    assert warnings


def test_an_act_named_without_a_section_is_reported_as_a_warning(
    catalogue: LegalCatalogue,
) -> None:
    provisions, warnings = catalogue.parse_with_warnings("370 PPC, PTPA")
    assert [p.key for p in provisions] == ["PPC 370"]
    assert any("PTPA" in warning for warning in warnings)


def test_a_section_without_an_act_is_refused_naming_the_text(catalogue: LegalCatalogue) -> None:
    with pytest.raises(InvalidInput, match=r"no act named for section 370 in '370'") as caught:
        catalogue.parse("370")
    assert caught.value.field == "provision"


def test_a_section_that_could_belong_to_two_acts_is_refused(catalogue: LegalCatalogue) -> None:
    with pytest.raises(InvalidInput, match="could belong to"):
        catalogue.parse("PPC 370, 371, 3(1) PTPA")


@pytest.mark.parametrize("notation", ["", "   ", "PPC", "u/s", "1979"])
def test_a_notation_naming_no_section_is_refused_quoting_it(
    catalogue: LegalCatalogue, notation: str
) -> None:
    with pytest.raises(InvalidInput, match="no provision named in"):
        catalogue.parse(notation)


@pytest.mark.parametrize("notation", ["370 CrPC", "370 PPC xyz", "3 PTPA & @", "371 A B PPC"])
def test_unreadable_words_are_refused_naming_the_word(
    catalogue: LegalCatalogue, notation: str
) -> None:
    with pytest.raises(InvalidInput, match="cannot read") as caught:
        catalogue.parse(notation)
    assert not isinstance(caught.value, UnknownProvision)


def test_an_absurdly_long_section_number_is_refused(catalogue: LegalCatalogue) -> None:
    with pytest.raises(InvalidInput, match="not a section number"):
        catalogue.parse("1234567890123 PPC")


def test_an_over_long_notation_is_refused(catalogue: LegalCatalogue) -> None:
    with pytest.raises(InvalidInput, match="at most"):
        catalogue.parse("370 PPC, " * 500)


def test_parse_references_reads_sections_before_the_catalogue_checks_them() -> None:
    references, warnings = parse_references("u/s 999/3 XYZ", {"XYZ": "XYZ"})
    assert [(r.act, r.section) for r in references] == [("XYZ", "999"), ("XYZ", "3")]
    assert [r.key for r in references] == ["XYZ 999", "XYZ 3"]
    assert warnings == []


def test_parse_references_keeps_the_fragment_each_section_was_read_from() -> None:
    references, _ = parse_references("371 a/8 (2) ppc", {"PPC": "PPC"})
    assert [(r.section, r.text) for r in references] == [("371-A", "371 a"), ("8(2)", "8 (2)")]


_PIECES = st.sampled_from(
    [
        "370", "371-A", "369A", "3", "3(1)", "8 (2)", "6", "17", "22", "999", "1979", "2018",
        "PPC", "P.P.C", "PTPA", "PSMA", "BLSA", "EO", "E.O", "Immigration Ordinance",
        "Pakistan Penal Code", "u/s", "U/S", "S.", "Sec", "section", "of", "the", "r/w",
        "read with", "and", "&", ",", ";", "/", "-", "(", ")", " ", "a", "B", "x", "0", ".",
    ]
)  # fmt: skip


def _outcome(catalogue: LegalCatalogue, text: str) -> list[Provision] | TipwatchError:
    try:
        return catalogue.parse(text)
    except TipwatchError as error:
        return error


@given(st.text(max_size=200))
def test_parse_of_arbitrary_text_returns_provisions_or_a_tipwatch_error(text: str) -> None:
    outcome = _outcome(default_catalogue(), text)
    if isinstance(outcome, list):
        assert outcome
        assert all(isinstance(p, Provision) for p in outcome)
    else:
        assert isinstance(outcome, InvalidInput)
        assert outcome.field == "provision"


@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_parse_of_citation_like_text_returns_provisions_or_a_tipwatch_error(text: str) -> None:
    outcome = _outcome(default_catalogue(), text)
    if isinstance(outcome, list):
        assert len({p.key for p in outcome}) == len(outcome)
    else:
        assert isinstance(outcome, InvalidInput)
