from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, model_validator

from tipwatch.domain.vocabulary import (
    OrganisationKind,
    OrganisationRole,
    PersonRole,
    Province,
    Sex,
)
from tipwatch.services.schemas.common import Country, Day, Id, Input, Line, LongText, Output

Identifier = Annotated[str, Field(min_length=1, max_length=40)]


class PersonCreate(Input):
    name: Line
    aliases: list[Line] = Field(default_factory=list, max_length=20)
    father_name: Line | None = None
    sex: Sex = Sex.UNKNOWN
    age_years: Annotated[int, Field(ge=0, le=120)] | None = None
    date_of_birth: Day | None = None
    nationality: Country | None = None
    cnic: Identifier | None = Field(default=None, description="13 digits, e.g. 35202-1234567-1")
    passport: Identifier | None = None
    phones: list[Identifier] = Field(default_factory=list, max_length=10)
    bank_accounts: list[Identifier] = Field(default_factory=list, max_length=10)
    address: Line | None = None


class PersonOut(Output):
    """A person. For a victim or witness the identity is left out (`identity_hidden`) unless
    it was revealed for a stated purpose."""

    id: int
    identity_hidden: bool = False
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    father_name: str | None = None
    sex: str
    age_years: int | None
    date_of_birth: date | None = None
    nationality: str | None
    cnic: str | None = None
    passport: str | None = None
    phones: list[str] = Field(default_factory=list)
    bank_accounts: list[str] = Field(default_factory=list)
    address: str | None = None
    created_at: datetime


class PersonReveal(Input):
    purpose: Annotated[str, Field(min_length=10, max_length=500)] = Field(
        description="Why you need this person's identity; kept in the audit log"
    )


class PersonSearch(Input):
    """Exact search; sent in a request body so identifiers never appear in a URL."""

    cnic: Identifier | None = None
    phone: Identifier | None = None
    passport: Identifier | None = None
    bank_account: Identifier | None = None
    name: Line | None = None

    @model_validator(mode="after")
    def _one_criterion(self) -> PersonSearch:
        if not any(v is not None for v in self.model_dump().values()):
            raise ValueError("give at least one of cnic, phone, passport, bank_account, name")
        return self


class OrganisationCreate(Input):
    name: Line
    kind: OrganisationKind
    licence_number: Line | None = None
    district: Line | None = None
    province: Province | None = None
    country: Country | None = "PK"


class OrganisationOut(Output):
    id: int
    name: str
    kind: str
    licence_number: str | None
    district: str | None
    province: str | None
    country: str | None
    created_at: datetime


class PartyCreate(Input):
    person_id: Id | None = None
    organisation_id: Id | None = None
    role: PersonRole | OrganisationRole
    rank: Line | None = Field(default=None, description="For an implicated official")
    agency: Line | None = Field(default=None, description="For an implicated official")
    notes: LongText = ""

    @model_validator(mode="after")
    def _person_or_organisation(self) -> PartyCreate:
        if (self.person_id is None) == (self.organisation_id is None):
            raise ValueError("give exactly one of person_id and organisation_id")
        return self


class NewPersonRole(Input):
    """The role a person takes in a case when recorded with it (the case page's form)."""

    role: PersonRole
    rank: Line | None = Field(default=None, description="For an implicated official")
    agency: Line | None = Field(default=None, description="For an implicated official")
    notes: LongText = ""

    def for_person(self, person_id: int) -> PartyCreate:
        return PartyCreate(person_id=person_id, **self.model_dump())


class PartyOut(Output):
    id: int
    case_id: int
    person_id: int | None
    organisation_id: int | None
    role: str
    rank: str | None
    agency: str | None
    notes: str
    stage: str | None
    outcome: str | None
