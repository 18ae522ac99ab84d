"""The tables. Personal data of people lives only in `persons.personal` (see personal.py).

Snapshot columns (`stage`, `challan_*`, charge outcomes) are derived from events by the domain and
rewritten in the same transaction as every change, so lists and filters need no replay.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql import text

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def partial_index(name: str, column: str) -> Index:
    """An index of the rows where `column` is set. For a reference most rows leave empty (a
    party's organisation or care unit, a case's prosecution office, an event's party), bulk
    writes skip it, and a lookup by value (`column = x`) still uses it on SQLite and
    PostgreSQL: so does the check, when a party or charge is deleted, that no row still
    refers to it (without an index, a scan of the whole table for each one deleted)."""
    where = text(f"{column} IS NOT NULL")
    return Index(name, column, sqlite_where=where, postgresql_where=where)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class FunnelPosition:
    """Where a case or an accused left the pipeline (domain/funnel.py), kept for the funnel."""

    funnel_stage: Mapped[int] = mapped_column(Integer, default=0)
    final_state: Mapped[str] = mapped_column(String(20), default="pending")
    investigation_on: Mapped[date | None] = mapped_column(Date)
    charged_on: Mapped[date | None] = mapped_column(Date)
    concluded_on: Mapped[date | None] = mapped_column(Date)
    convicted_on: Mapped[date | None] = mapped_column(Date)
    sentenced_on: Mapped[date | None] = mapped_column(Date)


class Unit(Base):
    """An organisational unit: FIA zone or circle, police district or station, office, NGO."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    agency: Mapped[str] = mapped_column(String(80))
    district: Mapped[str | None] = mapped_column(String(80))
    province: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))


FUNNEL_INDEX_COLUMNS = (
    "year",
    "unit_id",
    "funnel_stage",
    "final_state",
    "fir_registered_on",
    "challan_due_on",
    "challan_submitted_on",
    "closed_on",
    "charged_on",
    "concluded_on",
    "convicted_on",
    "sentenced_on",
)


class Case(FunnelPosition, Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "number", name="uq_cases_unit_year_number"),
        Index("ix_cases_stage", "stage"),
        # The funnel reads only these columns: counted from the index, never the wide rows
        Index("ix_cases_funnel", *FUNNEL_INDEX_COLUMNS),
        partial_index("ix_cases_prosecution_office_id", "prosecution_office_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(120), unique=True)
    number: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # uq_cases_unit_year_number
    case_type: Mapped[str] = mapped_column(String(40))
    offence_date: Mapped[date | None] = mapped_column(Date)
    reported_on: Mapped[date] = mapped_column(Date)
    narrative: Mapped[str] = mapped_column(Text, default="")
    prosecution_office_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # derived snapshot
    stage: Mapped[str] = mapped_column(String(40))
    fir_registered_on: Mapped[date | None] = mapped_column(Date)
    challan_due_on: Mapped[date | None] = mapped_column(Date)
    challan_submitted_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    import_hash: Mapped[str | None] = mapped_column(String(64))

    unit: Mapped[Unit] = relationship(lazy="joined", foreign_keys=[unit_id])
    exploitation: Mapped[list[CaseExploitation]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="CaseExploitation.form"
    )


class CaseExploitation(Base):
    __tablename__ = "case_exploitation"
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    form: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class Person(Base):
    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    sex: Mapped[str] = mapped_column(String(20))
    age_years: Mapped[int | None] = mapped_column(Integer)
    nationality: Mapped[str | None] = mapped_column(String(2))
    personal: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str | None] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PersonIdentifier(Base):
    """A search token for one identifier or name of a person (the blind index)."""

    __tablename__ = "person_identifiers"
    __table_args__ = (Index("ix_person_identifiers_kind_token", "kind", "token"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    token: Mapped[str] = mapped_column(String(128))


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    licence_number: Mapped[str | None] = mapped_column(String(60))
    district: Mapped[str | None] = mapped_column(String(80))
    province: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Party(FunnelPosition, Base):
    """A person or organisation in a role in one case."""

    __tablename__ = "parties"
    __table_args__ = (
        Index("ix_parties_case_role", "case_id", "role"),
        partial_index("ix_parties_organisation_id", "organisation_id"),
        partial_index("ix_parties_care_unit_id", "care_unit_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    role: Mapped[str] = mapped_column(String(40))
    rank: Mapped[str | None] = mapped_column(String(80))
    agency: Mapped[str | None] = mapped_column(String(80))
    notes: Mapped[str] = mapped_column(Text, default="")
    care_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # derived snapshot, accused only
    stage: Mapped[str | None] = mapped_column(String(40))
    outcome: Mapped[str | None] = mapped_column(String(40))


class Charge(Base):
    __tablename__ = "charges"
    __table_args__ = (
        UniqueConstraint("party_id", "provision_key", name="uq_charges_party_provision"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    provision_key: Mapped[str] = mapped_column(String(40), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # derived snapshot
    framed_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))
    imprisonment_months: Mapped[int | None] = mapped_column(Integer)
    life_imprisonment: Mapped[bool | None] = mapped_column()
    fine_rupees: Mapped[int | None] = mapped_column(BigInteger)
    flags: Mapped[list[str]] = mapped_column(default=list)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_case_date", "case_id", "occurred_on"),
        partial_index("ix_events_party_id", "party_id"),
        partial_index("ix_events_charge_id", "charge_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    occurred_on: Mapped[date] = mapped_column(Date)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    charge_id: Mapped[int | None] = mapped_column(ForeignKey("charges.id"))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str | None] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RouteLeg(Base):
    __tablename__ = "route_legs"
    __table_args__ = (
        Index("ix_route_legs_case_seq", "case_id", "sequence"),
        partial_index("ix_route_legs_party_id", "party_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(120))
    origin_country: Mapped[str] = mapped_column(String(2))
    destination: Mapped[str] = mapped_column(String(120))
    destination_country: Mapped[str] = mapped_column(String(2))
    mode: Mapped[str] = mapped_column(String(10))
    port: Mapped[str | None] = mapped_column(String(120))
    departed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
