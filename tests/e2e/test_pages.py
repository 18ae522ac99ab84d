"""Every page x every role: who sees which page and menu, and where a victim's name can appear.

Enumerated from the app's routes: a page missing from PAGES fails the suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fastapi.routing import iter_route_contexts
from sqlalchemy import func, select

from tests.e2e.conftest import VICTIM_NAME, PageWorld, browser_for, csrf_of
from tipwatch.api.app import create_app
from tipwatch.domain.access import Role
from tipwatch.services.context import Context
from tipwatch.storage import tables as t

R = Role
CASE_READERS = {R.ADMIN, R.INVESTIGATOR, R.SUPERVISOR, R.PROSECUTOR}
CASE_EDITORS = {R.ADMIN, R.INVESTIGATOR, R.SUPERVISOR}


@dataclass(frozen=True)
class Page:
    allowed: set[Role]
    path: Callable[[PageWorld], str] = lambda w: ""


PAGES: dict[str, Page] = {
    "/cases": Page(CASE_READERS, lambda w: "/cases"),
    "/cases/new": Page(CASE_EDITORS, lambda w: "/cases/new"),
    "/cases/{case_id}": Page(CASE_READERS, lambda w: f"/cases/{w.own_case}"),
    "/people/search": Page(CASE_READERS, lambda w: "/people/search"),
    "/people/{person_id}": Page(CASE_READERS | {R.CASEWORKER}, lambda w: f"/people/{w.victim}"),
    "/care": Page({R.CASEWORKER}, lambda w: "/care"),
    "/import": Page(CASE_EDITORS, lambda w: "/import"),
    "/dashboard": Page(CASE_READERS | {R.ANALYST}, lambda w: "/dashboard"),
    "/audit": Page({R.AUDITOR}, lambda w: "/audit"),
    "/alerts": Page({R.AUDITOR}, lambda w: "/alerts"),
}
# Form targets: they need a login and the form's token (checked below), and answer with a page.
FORMS = {
    "/import",
    "/login",
    "/logout",
    "/language",
    "/cases/search",
    "/cases/new",
    "/cases/{case_id}/events",
    "/cases/{case_id}/charges",
    "/cases/{case_id}/parties",
    "/cases/{case_id}/edit",
    "/people/search",
    "/people/{person_id}/reveal",
}
OPEN_PAGES = {"/", "/login"}
MENUS = {
    R.ADMIN: ["/cases", "/cases/new", "/import", "/people/search", "/dashboard"],
    R.INVESTIGATOR: ["/cases", "/cases/new", "/import", "/people/search", "/dashboard"],
    R.SUPERVISOR: ["/cases", "/cases/new", "/import", "/people/search", "/dashboard"],
    R.PROSECUTOR: ["/cases", "/people/search", "/dashboard"],
    R.CASEWORKER: ["/care"],
    R.ANALYST: ["/dashboard"],
    R.AUDITOR: ["/audit", "/alerts"],
}


def _page_routes(ctx: Context) -> set[tuple[str, str]]:
    found = set()
    for route in iter_route_contexts(create_app(ctx).routes):
        path = route.path or ""
        if path.startswith(("/api/", "/static")):
            continue
        for method in (route.methods or {"GET"}) - {"HEAD"}:
            found.add((method, path))
    return found


def test_every_page_is_in_the_page_matrix(ctx: Context) -> None:
    routes = _page_routes(ctx)
    gets = {path for method, path in routes if method == "GET"}
    posts = {path for method, path in routes if method == "POST"}
    assert gets - set(PAGES) - OPEN_PAGES == set(), "pages missing from the matrix"
    assert posts - FORMS == set(), "forms missing from the matrix"


def test_each_role_sees_only_its_own_menu_and_pages(page_world: PageWorld) -> None:
    wrong = []
    for role in Role:
        browser = browser_for(page_world.ctx, role)
        home = browser.get("/")
        menu = re.findall(r'<nav aria-label="[^"]+">(.*?)</nav>', home.text, re.S)
        links = re.findall(r'href="(/[^"]*)"', menu[0]) if menu else []
        if links != MENUS[role]:
            wrong.append(f"{role} menu {links}")
        for template, page in PAGES.items():
            response = browser.get(page.path(page_world))
            expected = 200 if role in page.allowed else 403
            if response.status_code != expected:
                wrong.append(f"{role} {template}: {response.status_code}, expected {expected}")
    anonymous = browser_for(page_world.ctx, None)
    for page in PAGES.values():
        response = anonymous.get(page.path(page_world), follow_redirects=False)
        if response.status_code != 303 or "/login" not in response.headers["location"]:
            wrong.append(f"anonymous {page.path(page_world)}: {response.status_code}")
    assert wrong == []


def test_forms_need_a_login_and_the_form_token(page_world: PageWorld) -> None:
    case = f"/cases/{page_world.own_case}"
    anonymous = browser_for(page_world.ctx, None)
    refused = anonymous.post(f"{case}/events", data={"kind": "arrest"}, follow_redirects=False)
    assert refused.status_code == 303
    investigator = browser_for(page_world.ctx, R.INVESTIGATOR)
    forged = investigator.post(
        f"{case}/events", data={"kind": "investigation_started", "occurred_on": "2025-02-02"}
    )
    assert forged.status_code == 403
    token = csrf_of(investigator.get(case).text)
    accepted = investigator.post(
        f"{case}/events",
        data={"kind": "investigation_started", "occurred_on": "2025-02-02", "csrf_token": token},
    )
    assert accepted.status_code == 200
    assert "under investigation" in accepted.text


def test_no_page_shows_a_victims_name_unless_revealed_with_a_purpose(
    page_world: PageWorld,
) -> None:
    shown_on = []
    for role in Role:
        browser = browser_for(page_world.ctx, role)
        token = csrf_of(browser.get("/").text)
        pages = [page.path(page_world) for page in PAGES.values()]
        answers = [browser.get(path) for path in pages]
        answers.append(
            browser.post("/cases/search", data={"csrf_token": token, "cnic": "35202-9988776-5"})
        )
        answers.append(
            browser.post("/people/search", data={"csrf_token": token, "name": VICTIM_NAME})
        )
        shown_on += [f"{role} {a.url}" for a in answers if VICTIM_NAME in a.text]
    assert shown_on == []

    caseworker = browser_for(page_world.ctx, R.CASEWORKER)
    page = caseworker.get(f"/people/{page_world.victim}")
    assert "identity hidden" in page.text or "hidden-note" in page.text
    token = csrf_of(page.text)
    too_short = caseworker.post(
        f"/people/{page_world.victim}/reveal", data={"csrf_token": token, "purpose": "x"}
    )
    assert too_short.status_code == 422
    assert VICTIM_NAME not in too_short.text
    revealed = caseworker.post(
        f"/people/{page_world.victim}/reveal",
        data={"csrf_token": token, "purpose": "arranging shelter and legal aid"},
    )
    assert VICTIM_NAME in revealed.text
    assert VICTIM_NAME not in caseworker.get(f"/people/{page_world.victim}").text


def test_an_accused_name_is_shown_on_the_case_page(page_world: PageWorld) -> None:
    page = browser_for(page_world.ctx, R.INVESTIGATOR).get(f"/cases/{page_world.own_case}")
    assert "Karim Testaccused" in page.text
    assert VICTIM_NAME not in page.text


def test_a_register_is_checked_dry_then_imported_from_the_import_page(
    page_world: PageWorld,
) -> None:
    browser = browser_for(page_world.ctx, R.INVESTIGATOR)
    token = csrf_of(browser.get("/import").text)
    register = (
        b"unit_code,fir_number,fir_date,sections,status\n"
        b"A,web-1,01-03-2025,3 PTPA,Under investigation\n"
        b"A,web-2,01-03-2025,999 PPC,Under investigation\n"
    )
    upload = {"file": ("register.csv", register, "text/csv")}
    dry = browser.post("/import", data={"csrf_token": token, "dry_run": "on"}, files=upload)
    assert dry.status_code == 200
    assert "Dry run" in dry.text
    assert "PPC 999" in dry.text
    done = browser.post("/import", data={"csrf_token": token}, files=upload)
    run = re.search(r"/api/v1/imports/(\d+)/rejected.csv", done.text)
    assert run is not None
    rejected = browser.get(f"/api/v1/imports/{run.group(1)}/rejected.csv")
    assert rejected.status_code == 200
    assert "web-2" in rejected.text
    assert "web-1" in browser.get("/cases?q=web-1").text


def test_an_edit_conflict_is_shown_plainly_and_keeps_what_was_typed(
    page_world: PageWorld,
) -> None:
    case = f"/cases/{page_world.own_case}"
    first, second = (
        browser_for(page_world.ctx, R.INVESTIGATOR),
        browser_for(page_world.ctx, R.SUPERVISOR),
    )
    page_one, page_two = first.get(case).text, second.get(case).text
    version = re.search(r'name="version" value="(\d+)"', page_one)
    assert version is not None
    saved = first.post(
        f"{case}/edit",
        data={
            "csrf_token": csrf_of(page_one),
            "version": version.group(1),
            "narrative": "First account of events.",
        },
    )
    assert saved.status_code == 200
    clash = second.post(
        f"{case}/edit",
        data={
            "csrf_token": csrf_of(page_two),
            "version": version.group(1),
            "narrative": "A second, longer account.",
        },
    )
    assert clash.status_code == 409
    assert "Someone else changed this case" in clash.text
    assert "A second, longer account." in clash.text
    assert "First account of events." not in clash.text.split('id="edit-narrative"')[1][:200]


def _people_count(ctx: Context) -> int:
    with ctx.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(t.Person)) or 0)


def test_a_person_the_case_refuses_as_a_party_is_not_recorded(page_world: PageWorld) -> None:
    case = f"/cases/{page_world.own_case}"
    investigator = browser_for(page_world.ctx, R.INVESTIGATOR)
    token = csrf_of(investigator.get(case).text)
    before = _people_count(page_world.ctx)
    form = {"csrf_token": token, "name": "Invented Official", "sex": "male"}

    refused = investigator.post(f"{case}/parties", data={**form, "role": "implicated_official"})

    assert refused.status_code == 422
    assert "agency is required" in refused.text
    assert _people_count(page_world.ctx) == before  # refused with the person, not after it
    added = investigator.post(
        f"{case}/parties", data={**form, "role": "implicated_official", "agency": "Punjab Police"}
    )
    assert added.status_code == 200
    assert _people_count(page_world.ctx) == before + 1


def test_an_analyst_is_told_a_small_cohort_is_withheld_where_an_admin_sees_its_counts(
    page_world: PageWorld,
) -> None:
    analyst = browser_for(page_world.ctx, Role.ANALYST).get("/dashboard")
    assert analyst.status_code == 200
    assert 'id="withheld"' in analyst.text
    assert 'id="unit-note"' not in analyst.text
    admin = browser_for(page_world.ctx, Role.ADMIN).get("/dashboard")
    assert 'id="unit-note"' in admin.text
    assert 'id="withheld"' not in admin.text


def test_an_urdu_page_says_a_refused_steps_rule_in_urdu(page_world: PageWorld) -> None:
    case = f"/cases/{page_world.own_case}"
    investigator = browser_for(page_world.ctx, R.INVESTIGATOR)
    token = csrf_of(investigator.get(case).text)
    investigator.post("/language", data={"language": "ur", "csrf_token": token, "back": case})
    refused = investigator.post(
        f"{case}/events",
        data={"kind": "investigation_started", "occurred_on": "2099-01-01", "csrf_token": token},
    )
    assert refused.status_code == 422
    assert "کسی مرحلے کی تاریخ آج کے بعد کی نہیں ہو سکتی۔" in refused.text  # the rule, in Urdu
    assert "rule: no-future-dates" in refused.text  # then the step's own message
