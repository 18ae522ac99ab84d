"""Controlled vocabularies, in the words the users of tipwatch use.

Forms of exploitation follow the Human Trafficking Case Data Standard 2.0 (IOM, CC BY 4.0;
field vic_TypeOfExploitation), extended with the forms Pakistan's cases need.
"""

from __future__ import annotations

from enum import StrEnum


class Province(StrEnum):
    PUNJAB = "Punjab"
    SINDH = "Sindh"
    KHYBER_PAKHTUNKHWA = "Khyber Pakhtunkhwa"
    BALOCHISTAN = "Balochistan"
    ISLAMABAD = "Islamabad Capital Territory"
    GILGIT_BALTISTAN = "Gilgit-Baltistan"
    AZAD_KASHMIR = "Azad Jammu and Kashmir"


class UnitKind(StrEnum):
    FIA_ZONE = "fia_zone"
    FIA_CIRCLE = "fia_circle"
    POLICE_DISTRICT = "police_district"
    POLICE_STATION = "police_station"
    PROSECUTION_OFFICE = "prosecution_office"
    COURT = "court"
    NGO = "ngo"
    OVERSIGHT = "oversight"


class CaseType(StrEnum):
    TRAFFICKING = "trafficking"
    MIGRANT_SMUGGLING = "migrant_smuggling"
    BONDED_LABOUR = "bonded_labour"
    OTHER = "other"


class ExploitationForm(StrEnum):
    # HTCDS 2.0 vic_TypeOfExploitation
    FORCED_LABOUR = "forced_labour"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    CHILD_LABOUR = "child_labour"
    FORCED_MARRIAGE = "forced_marriage"
    SERVITUDE = "servitude"
    FORCED_MILITARY = "forced_military_by_non_state_actors"
    ORGAN_REMOVAL = "organ_removal"
    FORCED_BEGGING = "forced_begging"
    FORCED_ADOPTION = "forced_adoption"
    SURROGACY = "surrogacy"
    OTHER = "other"
    # What Pakistan's cases need besides
    BRICK_KILN_BONDED_LABOUR = "brick_kiln_bonded_labour"
    AGRICULTURAL_BONDED_LABOUR = "agricultural_bonded_labour"
    CHILD_DOMESTIC_WORK = "child_domestic_work"
    BRIDE_TRAFFICKING = "bride_trafficking"
    FORCED_CRIMINALITY = "forced_criminality"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    TRANSGENDER = "transgender"
    UNKNOWN = "unknown"


class PersonRole(StrEnum):
    """The part a person plays in one case."""

    ACCUSED = "accused"
    VICTIM = "victim"
    COMPLAINANT = "complainant"
    WITNESS = "witness"
    IMPLICATED_OFFICIAL = "implicated_official"


class OrganisationRole(StrEnum):
    """The part an organisation plays in one case."""

    ACCUSED_ORGANISATION = "accused_organisation"
    RECRUITING_AGENCY = "recruiting_agency"
    EMPLOYER = "employer"
    PLACE_OF_EXPLOITATION = "place_of_exploitation"
    TRANSPORT_PROVIDER = "transport_provider"
    COMPLAINANT = "complainant"
    OTHER = "other"


class OrganisationKind(StrEnum):
    TRAVEL_AGENCY = "travel_agency"
    OVERSEAS_EMPLOYMENT_PROMOTER = "overseas_employment_promoter"
    BRICK_KILN = "brick_kiln"
    EMPLOYER = "employer"
    HOTEL_OR_GUEST_HOUSE = "hotel_or_guest_house"
    MADRASSA = "madrassa"
    NGO = "ngo"
    TRANSPORT_COMPANY = "transport_company"
    OTHER = "other"


class TravelMode(StrEnum):
    AIR = "air"
    LAND = "land"
    SEA = "sea"


# Roles whose people are personally protected: their identity is never shown, logged or exported
# without a reason (enforced from the security issue on).
PROTECTED_ROLES = frozenset({PersonRole.VICTIM, PersonRole.WITNESS, PersonRole.COMPLAINANT})
