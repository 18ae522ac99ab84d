"""The demo's unit tree, made with `add_unit` like any other unit.

National oversight at the root; below it FIA headquarters -> zones -> Anti-Human Trafficking
Circles, each province's police -> districts -> police stations, each province's prosecution
department -> district prosecutors, and a few NGOs that take referred victims.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tipwatch.domain.access import SYSTEM
from tipwatch.domain.vocabulary import Province, UnitKind
from tipwatch.services.context import Context
from tipwatch.services.demo.geography import CIRCLES, DISTRICTS, FIA_ZONES, Circle, District
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

    def ngo_for(self, province: str) -> int:
        found = self.ngos.get(Province(province)) or self.ngos[Province.PUNJAB]
        return found[0]


def _add(
    ctx: Context,
    directory: UnitDirectory,
    code: str,
    name: str,
    kind: UnitKind,
    agency: str,
    province: Province,
    district: str | None,
    parent: str | None,
) -> int:
    data = UnitCreate(
        code=code,
        name=name,
        kind=kind,
        agency=agency,
        province=province,
        district=district,
        parent_id=directory.ids[parent] if parent else None,
    )
    unit_id = add_unit(ctx, SYSTEM, data).id
    directory.ids[code] = unit_id
    return unit_id


def build_unit_tree(ctx: Context) -> UnitDirectory:
    u = UnitDirectory()
    oversight, isb = UnitKind.OVERSIGHT, Province.ISLAMABAD
    _add(ctx, u, HQ_CODE, "National Anti-Trafficking Oversight", oversight, "Ministry of Interior",
         isb, "Islamabad", None)  # fmt: skip
    _add(ctx, u, "FIA-HQ", "FIA Headquarters", oversight, "FIA", isb, "Islamabad", HQ_CODE)
    for code, (name, province, district) in FIA_ZONES.items():
        _add(ctx, u, code, name, UnitKind.FIA_ZONE, "FIA", province, district, "FIA-HQ")
    by_name = {d.name: d for d in DISTRICTS}
    for circle in CIRCLES:
        district = by_name[circle.district]
        unit_id = _add(ctx, u, circle.code, circle.name, UnitKind.FIA_CIRCLE, "FIA",
                       district.province, district.name, circle.zone)  # fmt: skip
        u.circles.append(Place(unit_id, circle.code, district, circle))
    for province, short in _PROVINCE_CODE.items():
        police = _POLICE.get(province, f"{province} Police")
        _add(ctx, u, f"POL-{short}", police, oversight, police, province, None, HQ_CODE)
        _add(ctx, u, f"PROS-{short}", f"Prosecution Department {province}",
             UnitKind.PROSECUTION_OFFICE, "Prosecution", province, None, HQ_CODE)  # fmt: skip
    for district in DISTRICTS:
        _add_district(ctx, u, district)
    for code, name, district_name, province in NGOS:
        unit_id = _add(ctx, u, code, name, UnitKind.NGO, "NGO", province, district_name, HQ_CODE)
        u.ngos.setdefault(province, []).append(unit_id)
    return u


def _add_district(ctx: Context, u: UnitDirectory, district: District) -> None:
    short = _PROVINCE_CODE[district.province]
    police = _POLICE.get(district.province, f"{district.province} Police")
    _add(ctx, u, f"POL-{district.code}", f"District Police {district.name}",
         UnitKind.POLICE_DISTRICT, police, district.province, district.name,
         f"POL-{short}")  # fmt: skip
    u.prosecutors[district.name] = _add(
        ctx, u, f"PROS-{district.code}", f"District Public Prosecutor {district.name}",
        UnitKind.PROSECUTION_OFFICE, "Prosecution", district.province, district.name,
        f"PROS-{short}",
    )  # fmt: skip
    places = u.stations.setdefault(district.name, [])
    for station in district.stations:
        code = f"PS-{district.code}-{station.upper().replace(' ', '-')}"[:40]
        unit_id = _add(ctx, u, code, f"Police Station {station}, {district.name}",
                       UnitKind.POLICE_STATION, police, district.province, district.name,
                       f"POL-{district.code}")  # fmt: skip
        places.append(Place(unit_id, code, district))
