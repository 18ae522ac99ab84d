"""Every API route x every role x own unit / other unit / shared case / conflict of interest.

The matrix is enumerated from the app's routes: a route missing from ROUTES fails the test, so no
future route can skip it. "Allowed" means a 2xx answer to a valid request; "denied" means 403
(401 without credentials).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from tests.factories import PASSWORD, bearer, user_token
from tipwatch.api.app import create_app
from tipwatch.domain.access import SYSTEM, Role
from tipwatch.services import accounts, cases, events, parties, persons, sharing, units
from tipwatch.services.context import Context
from tipwatch.services.schemas.cases import CaseCreate
from tipwatch.services.schemas.people import PartyCreate, PersonCreate
from tipwatch.services.schemas.steps import EventCreate
from tipwatch.services.schemas.units import UnitCreate

OWN, OTHER, SHARED, CONFLICT, ANY = "own", "other", "shared", "conflict", "any"
CASE_SITUATIONS = (OWN, OTHER, SHARED, CONFLICT)
ANONYMOUS = "anonymous"
ROLES = [*Role, ANONYMOUS]
R = Role
CASE_READERS = {R.ADMIN, R.INVESTIGATOR, R.SUPERVISOR, R.PROSECUTOR}
CASE_EDITORS = {R.ADMIN, R.INVESTIGATOR, R.SUPERVISOR}
EVERYONE = set(Role)
AGGREGATE_READERS = CASE_READERS | {R.ANALYST}
_serial = count(1)


@dataclass
class World:
    ctx: Context
    units: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    victims: dict[str, int] = field(default_factory=dict)  # situation -> person id
    tokens: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    own_person: dict[str, int] = field(default_factory=dict)


def _unit(world: World, code: str, kind: str, parent: str | None = None) -> int:
    data = UnitCreate(
        code=code,
        name=f"Unit {code}",
        kind=kind,
        agency="FIA",
        province="Punjab",
        district="Lahore",
        parent_id=world.units.get(parent) if parent else None,
    )
    world.units[code] = units.add_unit(world.ctx, SYSTEM, data).id
    return world.units[code]


def _person(ctx: Context, name: str) -> int:
    return persons.add_person(ctx, SYSTEM, PersonCreate(name=name, sex="female")).id


def _case(world: World, situation: str, unit: str, office: str, ngo: str) -> None:
    ctx = world.ctx
    case = cases.register_case(
        ctx,
        SYSTEM,
        CaseCreate(
            number=f"{situation}-{next(_serial)}",
            year=2025,
            unit_id=world.units[unit],
            case_type="trafficking",
            reported_on="2025-01-10",
            offence_date="2025-01-05",
            prosecution_office_id=world.units[office],
        ),
    )
    world.cases[situation] = case.id
    victim = _person(ctx, f"Victim {situation}")
    world.victims[situation] = victim
    party = parties.add_party(ctx, SYSTEM, case.id, PartyCreate(person_id=victim, role="victim"))
    events.record_event(
        ctx, SYSTEM, case.id, EventCreate(kind="fir_registered", occurred_on="2025-01-10")
    )
    events.record_event(
        ctx,
        SYSTEM,
        case.id,
        EventCreate(
            kind="victim_referred",
            occurred_on="2025-01-11",
            party_id=party.id,
            details={"referred_to": "shelter", "referred_to_unit_id": world.units[ngo]},
        ),
    )


def build_world(ctx: Context) -> World:
    world = World(ctx)
    _unit(world, "HQ", "oversight")
    _unit(world, "Z1", "fia_zone", "HQ")
    _unit(world, "A", "fia_circle", "Z1")
    _unit(world, "Z2", "fia_zone", "HQ")
    _unit(world, "B", "fia_circle", "Z2")
    _unit(world, "P1", "prosecution_office", "HQ")
    _unit(world, "P2", "prosecution_office", "HQ")
    _unit(world, "N1", "ngo")
    _unit(world, "N2", "ngo")
    home = {
        R.ADMIN: "Z1",
        R.INVESTIGATOR: "A",
        R.SUPERVISOR: "Z1",
        R.PROSECUTOR: "P1",
        R.CASEWORKER: "N1",
        R.ANALYST: None,
        R.AUDITOR: None,
    }
    for role in Role:
        world.own_person[role] = _person(ctx, f"Official {role}")
        unit = home[role]
        world.tokens[role] = user_token(
            ctx, f"user-{role}", role, world.units[unit] if unit else None, world.own_person[role]
        )
    world.user_ids = {
        u.username.removeprefix("user-"): u.id for u in accounts.list_users(ctx, SYSTEM)
    }
    _case(world, OWN, "A", "P1", "N1")
    _case(world, OTHER, "B", "P2", "N2")
    _case(world, SHARED, "B", "P2", "N2")
    _case(world, CONFLICT, "A", "P1", "N1")
    for role in Role:
        sharing.share_case(
            ctx, SYSTEM, world.cases[SHARED], sharing.ShareCreate(user_id=world.user_ids[role])
        )
        parties.add_party(
            ctx,
            SYSTEM,
            world.cases[CONFLICT],
            PartyCreate(person_id=world.own_person[role], role="accused"),
        )
    return world


Body = Callable[[World, str, str], Any]


def _case_version(world: World, situation: str) -> dict[str, Any]:
    version = cases.get_case(world.ctx, SYSTEM, world.cases[situation]).version
    return {"version": version, "narrative": "edited"}


def _fresh_person_party(world: World, _situation: str, _role: str) -> dict[str, Any]:
    return {"person_id": _person(world.ctx, "Witness"), "role": "witness"}


_PROVISIONS = [
    "3(1) PTPA",
    "3(2) PTPA",
    "4 PTPA",
    "370 PPC",
    "371 PPC",
    "371-A PPC",
    "371-B PPC",
    "374 PPC",
    "363 PPC",
    "366-A PPC",
    "366-B PPC",
    "17 EO",
    "18 EO",
    "22 EO",
    "11 BLSA",
    "12 BLSA",
    "6 PSMA",
    "365-B PPC",
]


def _charge(world: World, situation: str, _role: str) -> dict[str, Any]:
    case_id = world.cases[situation]
    accused = parties.add_party(
        world.ctx,
        SYSTEM,
        case_id,
        PartyCreate(person_id=_person(world.ctx, "Accused"), role="accused"),
    )
    return {"party_id": accused.id, "provision": _PROVISIONS[next(_serial) % len(_PROVISIONS)]}


def _share_id(world: World, situation: str) -> int:
    share = sharing.share_case(
        world.ctx, SYSTEM, world.cases[situation], sharing.ShareCreate(unit_id=world.units["P2"])
    )
    return share.id


def _own_token_id(world: World, role: str) -> int:
    if role == ANONYMOUS:
        return 1
    return accounts.create_token(world.ctx, SYSTEM, f"user-{role}", "matrix").id


@dataclass(frozen=True)
class Spec:
    allowed: set[Role] | Callable[[Role, str], bool]
    situations: tuple[str, ...] = (ANY,)
    path: Callable[[World, str, str], dict[str, Any]] = lambda w, s, r: {}
    body: Body | None = None
    query: dict[str, str] | None = None
    public: bool = False
    files: Callable[[World, str, str], dict[str, Any]] | None = None

    def allows(self, role: str, situation: str) -> bool:
        if role == ANONYMOUS:
            return self.public
        if callable(self.allowed):
            return self.allowed(Role(role), situation)
        allowed_role = Role(role) in self.allowed
        return allowed_role and situation in (ANY, OWN, SHARED)


def _case_path(w: World, s: str, _r: str) -> dict[str, Any]:
    return {"case_id": w.cases[s]}


def _person_allowed(role: Role, situation: str) -> bool:
    if role is R.CASEWORKER:
        return situation == OWN  # only the victims referred to their own NGO
    return role in CASE_READERS and situation in (OWN, SHARED)


def case_spec(allowed: set[Role], body: Body | None = None) -> Spec:
    return Spec(allowed, CASE_SITUATIONS, _case_path, body)


def _login_body(_w: World, _s: str, role: str) -> dict[str, Any]:
    return {"username": f"user-{role if role != ANONYMOUS else 'analyst'}", "password": PASSWORD}


V = "/api/v1"
ROUTES: dict[tuple[str, str], Spec] = {
    ("POST", f"{V}/auth/login"): Spec(EVERYONE, body=_login_body, public=True),
    ("POST", f"{V}/auth/logout"): Spec(EVERYONE),
    ("GET", f"{V}/auth/me"): Spec(EVERYONE),
    ("POST", f"{V}/auth/tokens"): Spec(EVERYONE, body=lambda w, s, r: {"name": "mine"}),
    ("GET", f"{V}/auth/tokens"): Spec(EVERYONE),
    ("DELETE", f"{V}/auth/tokens/{{token_id}}"): Spec(
        EVERYONE, path=lambda w, s, r: {"token_id": _own_token_id(w, r)}
    ),
    ("POST", f"{V}/users"): Spec(
        {R.ADMIN},
        body=lambda w, s, r: {
            "username": f"new-{next(_serial)}",
            "password": PASSWORD,
            "role": "analyst",
        },
    ),
    ("GET", f"{V}/users"): Spec({R.ADMIN}),
    ("POST", f"{V}/cases"): Spec(
        CASE_EDITORS,
        body=lambda w, s, r: {
            "number": f"new-{next(_serial)}",
            "year": 2025,
            "unit_id": w.units["A"],
            "case_type": "trafficking",
            "reported_on": "2025-02-01",
        },
    ),
    ("GET", f"{V}/cases"): Spec(CASE_READERS),
    ("GET", f"{V}/cases/{{case_id}}"): case_spec(CASE_READERS),
    ("GET", f"{V}/cases/{{case_id}}/file"): case_spec(CASE_READERS),
    ("PATCH", f"{V}/cases/{{case_id}}"): case_spec(
        CASE_EDITORS, lambda w, s, r: _case_version(w, s)
    ),
    ("POST", f"{V}/cases/{{case_id}}/parties"): case_spec(CASE_EDITORS, _fresh_person_party),
    ("GET", f"{V}/cases/{{case_id}}/parties"): case_spec(CASE_READERS),
    ("POST", f"{V}/cases/{{case_id}}/charges"): case_spec(CASE_EDITORS, _charge),
    ("GET", f"{V}/cases/{{case_id}}/charges"): case_spec(CASE_READERS),
    ("POST", f"{V}/cases/{{case_id}}/events"): case_spec(
        CASE_READERS,
        lambda w, s, r: {
            "kind": "victim_referred",
            "occurred_on": "2025-02-01",
            "party_id": None,
            "details": {"referred_to": "home"},
        },
    ),
    ("GET", f"{V}/cases/{{case_id}}/events"): case_spec(CASE_READERS),
    ("POST", f"{V}/cases/{{case_id}}/route-legs"): case_spec(
        CASE_EDITORS,
        lambda w, s, r: {
            "origin": "Lahore",
            "origin_country": "PK",
            "destination": "Dubai",
            "destination_country": "AE",
            "mode": "air",
        },
    ),
    ("GET", f"{V}/cases/{{case_id}}/route-legs"): case_spec(CASE_READERS),
    ("POST", f"{V}/cases/{{case_id}}/shares"): case_spec(
        CASE_EDITORS, lambda w, s, r: {"unit_id": w.units["P2"], "reason": "joint inquiry"}
    ),
    ("GET", f"{V}/cases/{{case_id}}/shares"): case_spec(CASE_READERS),
    ("DELETE", f"{V}/cases/{{case_id}}/shares/{{share_id}}"): Spec(
        CASE_EDITORS,
        CASE_SITUATIONS,
        lambda w, s, r: {"case_id": w.cases[s], "share_id": _share_id(w, s)},
    ),
    ("POST", f"{V}/persons"): Spec(CASE_EDITORS, body=lambda w, s, r: {"name": "New Person"}),
    ("POST", f"{V}/persons/search"): Spec(
        CASE_READERS, body=lambda w, s, r: {"name": "Victim own"}
    ),
    ("GET", f"{V}/persons/{{person_id}}"): Spec(
        _person_allowed, CASE_SITUATIONS, lambda w, s, r: {"person_id": w.victims[s]}
    ),
    ("POST", f"{V}/persons/{{person_id}}/reveal"): Spec(
        _person_allowed,
        CASE_SITUATIONS,
        lambda w, s, r: {"person_id": w.victims[s]},
        body=lambda w, s, r: {"purpose": "preparing the victim's statement"},
    ),
    ("POST", f"{V}/organisations"): Spec(
        CASE_EDITORS, body=lambda w, s, r: {"name": "Sky Travels", "kind": "travel_agency"}
    ),
    ("GET", f"{V}/organisations"): Spec(CASE_READERS),
    ("GET", f"{V}/organisations/{{organisation_id}}"): Spec(
        CASE_READERS, path=lambda w, s, r: {"organisation_id": _organisation(w)}
    ),
    ("POST", f"{V}/units"): Spec(
        {R.ADMIN},
        body=lambda w, s, r: {
            "code": f"U{next(_serial)}",
            "name": "New unit",
            "kind": "police_station",
            "agency": "Punjab Police",
            "province": "Punjab",
        },
    ),
    ("GET", f"{V}/units"): Spec(CASE_READERS | {R.ANALYST}),
    ("GET", f"{V}/units/{{unit_id}}"): Spec(
        CASE_READERS | {R.ANALYST}, path=lambda w, s, r: {"unit_id": w.units["A"]}
    ),
    ("GET", f"{V}/law/provisions"): Spec(EVERYONE - {R.AUDITOR}),
    ("GET", f"{V}/law/provision"): Spec(EVERYONE - {R.AUDITOR}, query={"notation": "3 PTPA"}),
    ("GET", f"{V}/law/parse"): Spec(EVERYONE - {R.AUDITOR}, query={"notation": "370 PPC"}),
    ("GET", f"{V}/alerts"): Spec({R.AUDITOR}),
    ("GET", f"{V}/audit"): Spec({R.AUDITOR}),
    ("GET", f"{V}/audit/verify"): Spec({R.AUDITOR}),
    ("GET", f"{V}/audit/export"): Spec({R.AUDITOR}),
    ("GET", f"{V}/care/victims"): Spec({R.CASEWORKER}),
    ("POST", f"{V}/imports/cases"): Spec(CASE_EDITORS, files=lambda w, s, r: _import_file()),
    ("GET", f"{V}/imports/{{run_id}}"): Spec(CASE_EDITORS, path=lambda w, s, r: _own_run(w, s, r)),
    ("GET", f"{V}/imports/{{run_id}}/rejected.csv"): Spec(
        CASE_EDITORS, path=lambda w, s, r: _own_run(w, s, r)
    ),
    ("GET", f"{V}/analytics/funnel"): Spec(AGGREGATE_READERS, query={"year": "2025"}),
    ("GET", f"{V}/analytics/figures"): Spec(AGGREGATE_READERS),
    ("GET", f"{V}/analytics/figures/compare"): Spec(AGGREGATE_READERS, query={"year": "2023"}),
    ("POST", f"{V}/analytics/figures"): Spec({R.ADMIN}, body=lambda w, s, r: _figure_body()),
    ("PUT", f"{V}/analytics/figures/{{figure_id}}"): Spec(
        {R.ADMIN},
        path=lambda w, s, r: {"figure_id": _figure_id(w)},
        body=lambda w, s, r: _figure_body(),
    ),
    ("DELETE", f"{V}/analytics/figures/{{figure_id}}"): Spec(
        {R.ADMIN}, path=lambda w, s, r: {"figure_id": _figure_id(w)}
    ),
}
# Pages that need no login: the API's own documentation.
PUBLIC_PATHS = {f"{V}/openapi.json", f"{V}/docs", f"{V}/docs/start.js"}


def _import_file() -> dict[str, Any]:
    csv = (
        "unit_code,fir_number,fir_date,sections,status\n"
        f"A,imp-{next(_serial)},01-02-2025,3 PTPA,Under investigation\n"
    )
    return {"file": ("cases.csv", csv.encode(), "text/csv")}


def _own_run(world: World, _situation: str, role: str) -> dict[str, Any]:
    """A run of the user's own (runs are read only by whoever made them)."""
    if role == ANONYMOUS:
        return {"run_id": 1}
    from tipwatch.domain.access import Capability
    from tipwatch.services.accounts import get_user_by_name, principal_of
    from tipwatch.services.imports import UploadedFile, import_cases

    with world.ctx.uow() as uow:
        actor = principal_of(get_user_by_name(uow, f"user-{role}"))
    maker = actor if actor.can(Capability.CREATE_CASES) else SYSTEM
    empty = UploadedFile("c.csv", b"unit_code,fir_number,fir_date,sections,status\n")
    return {"run_id": import_cases(world.ctx, maker, empty, dry_run=True).run_id}


def _figure_body() -> dict[str, Any]:
    return {
        "source": "Test source",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "area": "Pakistan",
        "measure": "cases_registered",
        "unit": "cases",
        "value": 5,
        "status": "U",
    }


def _figure_id(world: World) -> int:
    from tipwatch.services import figures
    from tipwatch.services.schemas.figures import FigureCreate

    return figures.add_figure(world.ctx, SYSTEM, FigureCreate(**_figure_body())).id


def _organisation(world: World) -> int:
    from tipwatch.services import organisations
    from tipwatch.services.schemas.people import OrganisationCreate

    data = OrganisationCreate(name="Gulf Recruiters", kind="overseas_employment_promoter")
    return organisations.add_organisation(world.ctx, SYSTEM, data).id


def _app_routes(ctx: Context) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, from its route table."""
    found = set()
    for route in iter_route_contexts(create_app(ctx).routes):
        path = route.path or ""
        if not path.startswith("/api/"):
            continue  # the pages have their own matrix: tests/e2e/test_pages.py
        for method in (route.methods or {"GET"}) - {"HEAD"}:
            found.add((method, path))
    return found


def test_every_route_is_in_the_access_matrix(ctx: Context) -> None:
    routes = _app_routes(ctx)
    assert len(routes) > 30
    missing = sorted(r for r in routes if r not in ROUTES and r[1] not in PUBLIC_PATHS)
    assert missing == [], "routes missing from the access matrix"
    assert set(ROUTES) <= routes, "the matrix names routes the app no longer has"


def test_each_role_reaches_exactly_what_the_matrix_allows(ctx: Context) -> None:
    world = build_world(ctx)
    client = TestClient(create_app(ctx), raise_server_exceptions=False)
    wrong: list[str] = []
    for (method, template), spec in ROUTES.items():
        for role in ROLES:
            for situation in spec.situations:
                headers = bearer(world.tokens[role]) if role != ANONYMOUS else {}
                path = template.format(**spec.path(world, situation, role))
                body = spec.body(world, situation, role) if spec.body else None
                if template.endswith("/events") and method == "POST" and body:
                    body["party_id"] = _victim_party(world, situation)
                files = spec.files(world, situation, role) if spec.files else None
                response = client.request(
                    method, path, json=body, params=spec.query, headers=headers, files=files
                )
                allowed = spec.allows(role, situation)
                ok = (
                    response.status_code < 300
                    if allowed
                    else response.status_code == (401 if role == ANONYMOUS else 403)
                )
                if not ok:
                    wrong.append(
                        f"{method} {template} as {role} ({situation}): expected "
                        f"{'allow' if allowed else 'deny'}, got "
                        f"{response.status_code} {response.text[:160]}"
                    )
    assert wrong == [], "\n".join(wrong)


def _victim_party(world: World, situation: str) -> int:
    listed = parties.list_parties(world.ctx, SYSTEM, world.cases[situation])
    return next(p.id for p in listed if p.role == "victim")
