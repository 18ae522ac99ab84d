"""The versioned legal catalogue: data from law.md, versions in force, lookups and validation."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tipwatch.domain.errors import (
    ConfigurationError,
    InvalidInput,
    ProvisionNotInForce,
    UnknownProvision,
)
from tipwatch.domain.law import LegalCatalogue, default_catalogue

LAW_MD_PROVISIONS = [
    "PTPA 3(1)", "PTPA 3(2)", "PTPA 4", "PSMA 6",
    "PPC 363", "PPC 365-B", "PPC 366-A", "PPC 366-B", "PPC 369-A", "PPC 370", "PPC 371",
    "PPC 371-A", "PPC 371-B", "PPC 374",
    "BLSA 8(2)", "BLSA 11", "BLSA 12",
    "EO 17", "EO 18", "EO 22",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> LegalCatalogue:
    return default_catalogue()


def test_every_provision_in_law_md_is_in_the_catalogue(catalogue: LegalCatalogue) -> None:
    assert sorted(catalogue.keys()) == sorted(LAW_MD_PROVISIONS)


def test_provisions_are_sorted_by_act_then_numeric_section(catalogue: LegalCatalogue) -> None:
    listed = catalogue.keys()
    assert listed[:3] == ["BLSA 8(2)", "BLSA 11", "BLSA 12"]
    ppc = [key for key in listed if key.startswith("PPC")]
    assert ppc == [key for key in LAW_MD_PROVISIONS if key.startswith("PPC")]
    assert [p.key for p in catalogue.provisions()] == catalogue.keys()  # one version each today


def test_every_act_has_its_fir_and_news_aliases(catalogue: LegalCatalogue) -> None:
    assert set(catalogue.acts) == {"PTPA", "PSMA", "PPC", "BLSA", "EO"}
    assert "Immigration Ordinance" in catalogue.acts["EO"].aliases
    assert "P.P.C" in catalogue.acts["PPC"].aliases
    assert "BLSAA" in catalogue.acts["BLSA"].aliases
    assert catalogue.acts["PPC"].year == 1860
    assert catalogue.acts["PTPA"].year == 2018


def test_every_version_carries_a_status_mark_and_a_source(catalogue: LegalCatalogue) -> None:
    for provision in catalogue.provisions():
        assert provision.status in {"V", "S", "U"}
        assert provision.source
        assert provision.key == f"{provision.act} {provision.section}"


def test_ptpa_4_has_no_fine_only_option_but_3_1_does(catalogue: LegalCatalogue) -> None:
    aggravated, base = catalogue.get("PTPA 4"), catalogue.get("PTPA 3(1)")
    assert aggravated.fine_alone_allowed is False
    assert aggravated.imprisonment_mandatory is True
    assert aggravated.fine_mandatory is True
    assert (aggravated.imprisonment_min_months, aggravated.imprisonment_max_months) == (36, 168)
    assert aggravated.fine_max_rupees == 2_000_000
    assert base.fine_alone_allowed is True
    assert base.imprisonment_mandatory is False
    assert (base.imprisonment_max_months, base.fine_max_rupees) == (84, 1_000_000)


def test_ptpa_sections_are_in_force_from_2_june_2018_cognizable_and_non_bailable(
    catalogue: LegalCatalogue,
) -> None:
    for key in ("PTPA 3(1)", "PTPA 3(2)", "PTPA 4"):
        provision = catalogue.get(key)
        assert provision.in_force_from == date(2018, 6, 2)
        assert (provision.cognizable, provision.bailable) == (True, False)
        assert provision.status == "V"


def test_penalty_text_of_ptpa_3_1_mentions_7_years_and_rs_1000000(
    catalogue: LegalCatalogue,
) -> None:
    text = catalogue.get("PTPA 3(1)").penalty_text()
    assert "7 years" in text
    assert "Rs 1,000,000" in text
    assert text == "imprisonment up to 7 years, or a fine up to Rs 1,000,000, or both"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("PTPA 4", "imprisonment from 3 to 14 years and a fine up to Rs 2,000,000"),
        ("PPC 370", "imprisonment up to 7 years and a fine"),
        ("PPC 365-B", "imprisonment for life and a fine"),
        ("PPC 371", "imprisonment for life or up to 10 years, and a fine"),
        ("BLSA 8(2)", "imprisonment up to 3 years, or a fine of at least Rs 15,000, or both"),
        ("EO 17", "imprisonment up to 5 years; fine not recorded"),
        ("EO 22", "penalty not recorded"),
    ],
)
def test_penalty_text_says_what_the_law_provides_and_what_is_not_recorded(
    catalogue: LegalCatalogue, key: str, expected: str
) -> None:
    assert catalogue.get(key).penalty_text() == expected


def test_ppc_seven_years_plus_fine_means_prison_and_fine_both_mandatory(
    catalogue: LegalCatalogue,
) -> None:
    provision = catalogue.get("PPC 363")
    assert provision.imprisonment_max_months == 84
    assert provision.imprisonment_mandatory is True
    assert provision.fine_mandatory is True
    assert provision.fine_alone_allowed is False
    assert provision.fine_max_rupees is None  # law.md gives no amount: unknown, not invented


def test_life_is_a_possible_term_for_365B_and_371_only(catalogue: LegalCatalogue) -> None:
    life = {p.key for p in catalogue.provisions() if p.life_imprisonment}
    assert life == {"PPC 365-B", "PPC 371"}


def test_eo_18_records_the_higher_of_two_conflicting_maxima_as_unverified(
    catalogue: LegalCatalogue,
) -> None:
    provision = catalogue.get("EO 18")
    assert provision.imprisonment_max_months == 168
    assert provision.status == "U"
    assert "conflict" in provision.notes


def test_psma_6_is_marked_as_from_a_secondary_source(catalogue: LegalCatalogue) -> None:
    provision = catalogue.get("6 PSMA")
    assert provision.status == "S"
    assert (provision.imprisonment_min_months, provision.imprisonment_max_months) == (36, 60)
    assert "500,000" in provision.notes


def test_369A_has_its_penalty_and_an_unrecorded_start(catalogue: LegalCatalogue) -> None:
    provision = catalogue.get("PPC 369-A")
    assert provision.in_force_from is None
    assert provision.in_force_to == date(2018, 6, 1)
    assert (provision.imprisonment_min_months, provision.imprisonment_max_months) == (60, 84)
    assert (provision.fine_min_rupees, provision.fine_max_rupees) == (500_000, 700_000)
    assert "2016" in provision.notes


def test_369A_is_accepted_for_an_offence_on_15_january_2018(catalogue: LegalCatalogue) -> None:
    assert catalogue.get("369A PPC", on=date(2018, 1, 15)).key == "PPC 369-A"
    assert [p.key for p in catalogue.parse("369-A PPC", on=date(2018, 6, 1))] == ["PPC 369-A"]


def test_369A_is_refused_for_an_offence_after_2_june_2018(catalogue: LegalCatalogue) -> None:
    with pytest.raises(ProvisionNotInForce) as caught:
        catalogue.get("369A PPC", on=date(2019, 3, 1))
    message = caught.value.message
    assert "PPC 369-A" in message
    assert "2019-03-01" in message
    assert "2018-06-01" in message
    assert caught.value.field == "provision"
    assert caught.value.details["in_force"] == [{"from": None, "to": "2018-06-01"}]


def test_369A_is_refused_on_the_day_the_ptpa_came_into_force(catalogue: LegalCatalogue) -> None:
    with pytest.raises(ProvisionNotInForce):
        catalogue.parse("369-A PPC", on=date(2018, 6, 2))


def test_ptpa_is_refused_for_an_offence_before_2_june_2018(catalogue: LegalCatalogue) -> None:
    with pytest.raises(ProvisionNotInForce, match="from 2018-06-02 onwards"):
        catalogue.parse("370 PPC, 3(1) PTPA", on=date(2018, 6, 1))
    assert len(catalogue.parse("370 PPC, 3(1) PTPA", on=date(2018, 6, 2))) == 2


def test_get_without_a_date_returns_the_latest_version(catalogue: LegalCatalogue) -> None:
    assert catalogue.get("PPC 369-A").in_force_to == date(2018, 6, 1)


def test_in_force_on_includes_both_end_days(catalogue: LegalCatalogue) -> None:
    provision = catalogue.get("PPC 369-A")
    assert provision.in_force_on(date(2018, 6, 1))
    assert not provision.in_force_on(date(2018, 6, 2))
    assert provision.in_force_on(date(1990, 1, 1))  # start not recorded: not refused


def test_an_unknown_provision_error_names_it(catalogue: LegalCatalogue) -> None:
    with pytest.raises(UnknownProvision, match=r"PPC 999 is not in the legal catalogue") as caught:
        catalogue.get("PPC 999")
    assert caught.value.field == "provision"
    with pytest.raises(UnknownProvision, match=r"PTPA 5 is not in the legal catalogue"):
        catalogue.parse("3(1)/5 PTPA")


def test_versions_of_an_unknown_key_raise_unknown_provision(catalogue: LegalCatalogue) -> None:
    with pytest.raises(UnknownProvision, match="EO 99"):
        catalogue.versions("EO 99")
    assert [p.key for p in catalogue.versions("371-A PPC")] == ["PPC 371-A"]


def test_get_accepts_any_notation_naming_exactly_one_provision(catalogue: LegalCatalogue) -> None:
    assert catalogue.get("3(1) PTPA").key == "PTPA 3(1)"
    assert catalogue.get("ppc 370").key == "PPC 370"
    with pytest.raises(InvalidInput, match="name exactly one"):
        catalogue.get("370/371 PPC")


def test_to_dict_is_json_ready_with_iso_dates(catalogue: LegalCatalogue) -> None:
    body = catalogue.get("PTPA 4").to_dict()
    assert body["in_force_from"] == "2018-06-02"
    assert body["in_force_to"] is None
    assert body["key"] == "PTPA 4"
    assert body["penalty_text"] == catalogue.get("PTPA 4").penalty_text()
    json.dumps([p.to_dict() for p in catalogue.provisions()])


_GOOD_ACT = '[acts.PPC]\ntitle = "Pakistan Penal Code"\nyear = 1860\naliases = ["PPC"]\n'
_GOOD_VERSION = 'title = "Slavery"\nlife_imprisonment = false\nstatus = "V"\nsource = "PPC s.370"\n'


def _toml(version: str, *, section: str = "370", act: str = "PPC") -> str:
    return (
        f'revision = 1\n{_GOOD_ACT}\n[[provisions]]\nact = "{act}"\nsection = "{section}"\n'
        f"[[provisions.versions]]\n{version}"
    )


def test_a_well_formed_catalogue_loads() -> None:
    catalogue = LegalCatalogue.from_toml(_toml(_GOOD_VERSION + "imprisonment_max_months = 84\n"))
    assert catalogue.keys() == ["PPC 370"]
    assert catalogue.revision == 1


def test_versions_that_follow_each_other_are_chosen_by_offence_date() -> None:
    text = _toml(
        _GOOD_VERSION
        + "in_force_to = 2020-12-31\nimprisonment_max_months = 84\n"
        + "[[provisions.versions]]\n"
        + _GOOD_VERSION
        + "in_force_from = 2021-01-01\nimprisonment_max_months = 120\n"
    )
    catalogue = LegalCatalogue.from_toml(text)
    assert catalogue.get("PPC 370", on=date(2020, 12, 31)).imprisonment_max_months == 84
    assert catalogue.get("PPC 370", on=date(2021, 1, 1)).imprisonment_max_months == 120
    assert catalogue.get("PPC 370").imprisonment_max_months == 120
    assert len(catalogue.versions("PPC 370")) == 2


@pytest.mark.parametrize(
    ("version", "field"),
    [
        (_GOOD_VERSION + 'imprisonment_max_months = "84"\n', "imprisonment_max_months"),
        (_GOOD_VERSION + "imprisonment_max_months = -1\n", "imprisonment_max_months"),
        (_GOOD_VERSION + "fine_mandatory = 1\n", "fine_mandatory"),
        (_GOOD_VERSION + "in_force_from = 2018-06-02T00:00:00\n", "in_force_from"),
        (_GOOD_VERSION + "penalty = 3\n", "penalty"),
        (_GOOD_VERSION.replace('status = "V"', 'status = "X"'), "status"),
        (_GOOD_VERSION.replace('title = "Slavery"\n', ""), "title"),
        (_GOOD_VERSION + "imprisonment_min_months = 90\nimprisonment_max_months = 84\n",
         "imprisonment_min_months"),
        (_GOOD_VERSION + "fine_alone_allowed = true\nimprisonment_mandatory = true\n",
         "fine_alone_allowed"),
    ],
)  # fmt: skip
def test_a_malformed_version_is_refused_naming_the_key_and_field(version: str, field: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        LegalCatalogue.from_toml(_toml(version))
    assert "PPC 370" in caught.value.message
    assert field in caught.value.message
    assert caught.value.field == field


def test_overlapping_versions_are_refused() -> None:
    text = _toml(_GOOD_VERSION + "[[provisions.versions]]\n" + _GOOD_VERSION)
    with pytest.raises(ConfigurationError, match="PPC 370"):
        LegalCatalogue.from_toml(text)


@pytest.mark.parametrize(("act", "section"), [("XYZ", "370"), ("PPC", "370 A"), ("PPC", "371a")])
def test_a_provision_with_an_unknown_act_or_odd_section_is_refused(act: str, section: str) -> None:
    with pytest.raises(ConfigurationError, match="provision 1"):
        LegalCatalogue.from_toml(_toml(_GOOD_VERSION, act=act, section=section))


def test_an_alias_naming_two_acts_is_refused() -> None:
    text = (
        _toml(_GOOD_VERSION) + '\n[acts.EO]\ntitle = "Emigration Ordinance"\naliases = ["P.P.C"]\n'
    )
    with pytest.raises(ConfigurationError, match="aliases"):
        LegalCatalogue.from_toml(text)


def test_invalid_toml_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="not valid TOML"):
        LegalCatalogue.from_toml("revision = = 1")
