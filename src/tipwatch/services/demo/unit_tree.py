"""The demo's unit tree, made with `add_unit` like any other unit.

National oversight at the root; below it FIA headquarters -> zones -> Anti-Human Trafficking
Circles, each province's police -> districts -> police stations, each province's prosecution
department -> district prosecutors, and a few NGOs that take referred victims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tipwatch.domain.access import SYSTEM
from tipwatch.domain.vocabulary import Province, UnitKind
from tipwatch.services.context import Context
from tipwatch.services.demo.geography import (
    CIRCLES,
    DISTRICT,
    DISTRICTS,
    FIA_ZONES,
    Circle,
    District,
)
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.services.units import add_unit

HQ_CODE = "PK-HQ"
_PROVINCE_CODE = {
    Province.PUNJAB: "PB",
    Province.SINDH: "SD",
    Province.KHYBER_PAKHTUNKHWA: "KP",
    Province.BALOCHISTAN: "BL",
    Province.ISLAMABAD: "ICT",
    Province.GILGIT_BALTISTAN: "GB",
    Province.AZAD_KASHMIR: "AJK",
}
_POLICE = {
    Province.ISLAMABAD: "Islamabad Capital Territory Police",
    Province.AZAD_KASHMIR: "AJK Police",
}
# code, name, district, province: invented names, described by what they do
NGOS = (
    ("NGO-LHR-VSC", "Victim Support Centre Lahore (NGO)", "Lahore", Province.PUNJAB),
    ("NGO-KSR-BLRT", "Bonded Labour Rehabilitation Trust Kasur (NGO)", "Kasur", Province.PUNJAB),
    ("NGO-KHI-WSN", "Women's Shelter Network Karachi (NGO)", "Karachi", Province.SINDH),
    ("NGO-HYD-HLA", "Haris Legal Aid Hyderabad (NGO)", "Hyderabad", Province.SINDH),
    ("NGO-ISB-CPH", "Child Protection Helpline Islamabad (NGO)", "Islamabad", Province.ISLAMABAD),
    (
        "NGO-PEW-MRC",
        "Migrant Returnee Centre Peshawar (NGO)",
        "Peshawar",
        Province.KHYBER_PAKHTUNKHWA,
    ),
)

# Provinces without an NGO of their own refer victims to the nearest one that has
_NEAREST_NGOS = {
    Province.BALOCHISTAN: Province.SINDH,
    Province.GILGIT_BALTISTAN: Province.ISLAMABAD,
    Province.AZAD_KASHMIR: Province.ISLAMABAD,
}


@dataclass(frozen=True)
class Place:
    """A unit cases are registered at, with what the stories need to know about it."""

    id: int
    code: str
    district: District
    circle: Circle | None = None  # FIA circles only


@dataclass
class UnitDirectory:
    ids: dict[str, int] = field(default_factory=dict)
    stations: dict[str, list[Place]] = field(default_factory=dict)  # by district name
    circles: list[Place] = field(default_factory=list)
    prosecutors: dict[str, int] = field(default_factory=dict)  # district name -> office id
    ngos: dict[Province, list[int]] = field(default_factory=dict)
    ngo_names: dict[int, str] = field(default_factory=dict)

    def ngo_for(self, province: str, bonded_labour: bool = False) -> int:
        """The NGO victims of this province are referred to (a bonded-labour trust for
        bonded families where the province has one)."""
        nearest = _NEAREST_NGOS.get(Province(province), Province(province))
        found = self.ngos.get(nearest) or self.ngos[Province.PUNJAB]
        return found[-1] if bonded_labour else found[0]


def _add(ctx: Context, u: UnitDirectory, parent: str | None, **fields: Any) -> int:
    data = UnitCreate(parent_id=u.ids[parent] if parent else None, **fields)
    unit_id = add_unit(ctx, SYSTEM, data).id
    u.ids[data.code] = unit_id
    return unit_id


def build_unit_tree(ctx: Context) -> UnitDirectory:
    u = UnitDirectory()
    isb = {"province": Province.ISLAMABAD, "district": "Islamabad"}
    _add(
        ctx,
        u,
        None,
        code=HQ_CODE,
        name="National Anti-Trafficking Oversight",
        kind=UnitKind.OVERSIGHT,
        agency="Ministry of Interior",
        **isb,
    )
    _add(
        ctx,
        u,
        HQ_CODE,
        code="FIA-HQ",
        name="FIA Headquarters",
        kind=UnitKind.OVERSIGHT,
        agency="FIA",
        **isb,
    )
    for code, (name, province, district_name) in FIA_ZONES.items():
        _add(
            ctx,
            u,
            "FIA-HQ",
            code=code,
            name=name,
            kind=UnitKind.FIA_ZONE,
            agency="FIA",
            province=province,
            district=district_name,
        )
    for circle in CIRCLES:
        district = DISTRICT[circle.district]
        unit_id = _add(
            ctx,
            u,
            circle.zone,
            code=circle.code,
            name=circle.name,
            kind=UnitKind.FIA_CIRCLE,
            agency="FIA",
            province=district.province,
            district=district.name,
        )
        u.circles.append(Place(unit_id, circle.code, district, circle))
    for province, short in _PROVINCE_CODE.items():
        police = _POLICE.get(province, f"{province} Police")
        _add(
            ctx,
            u,
            HQ_CODE,
            code=f"POL-{short}",
            name=police,
            kind=UnitKind.OVERSIGHT,
            agency=police,
            province=province,
        )
        _add(
            ctx,
            u,
            HQ_CODE,
            code=f"PROS-{short}",
            name=f"Prosecution Department {province}",
            kind=UnitKind.PROSECUTION_OFFICE,
            agency="Prosecution",
            province=province,
        )
    for district in DISTRICTS:
        _add_district(ctx, u, district)
    for code, name, district_name, province in NGOS:
        unit_id = _add(
            ctx,
            u,
            HQ_CODE,
            code=code,
            name=name,
            kind=UnitKind.NGO,
            agency="NGO",
            province=province,
            district=district_name,
        )
        u.ngos.setdefault(province, []).append(unit_id)
        u.ngo_names[unit_id] = name
    return u


def _add_district(ctx: Context, u: UnitDirectory, district: District) -> None:
    short = _PROVINCE_CODE[district.province]
    police = _POLICE.get(district.province, f"{district.province} Police")
    where = {"province": district.province, "district": district.name}
    _add(
        ctx,
        u,
        f"POL-{short}",
        code=f"POL-{district.code}",
        name=f"District Police {district.name}",
        kind=UnitKind.POLICE_DISTRICT,
        agency=police,
        **where,
    )
    u.prosecutors[district.name] = _add(
        ctx,
        u,
        f"PROS-{short}",
        code=f"PROS-{district.code}",
        name=f"District Public Prosecutor {district.name}",
        kind=UnitKind.PROSECUTION_OFFICE,
        agency="Prosecution",
        **where,
    )
    places = u.stations.setdefault(district.name, [])
    for station in district.stations:
        code = f"PS-{district.code}-{station.upper().replace(' ', '-')}"[:40]
        unit_id = _add(
            ctx,
            u,
            f"POL-{district.code}",
            code=code,
            name=f"Police Station {station}, {district.name}",
            kind=UnitKind.POLICE_STATION,
            agency=police,
            **where,
        )
        places.append(Place(unit_id, code, district))
