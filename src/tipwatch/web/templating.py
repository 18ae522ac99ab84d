"""Rendering pages: one Jinja environment, the visitor's language passed to every template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from tipwatch.domain.access import Capability, Principal, Role
from tipwatch.web.i18n import LANGUAGES, Language

environment = Environment(
    loader=PackageLoader("tipwatch.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["zip"] = lambda first, second: list(zip(first, second, strict=False))


@dataclass(frozen=True)
class Visitor:
    """Who is looking at a page: None for someone not logged in."""

    principal: Principal | None
    csrf_token: str
    language: Language

    @property
    def actor(self) -> Principal:
        assert self.principal is not None, "a page that needs a login must use LoggedIn"
        return self.principal


def N_(message: str) -> str:
    """Marks a message for translation where it is written; translated where it is shown."""
    return message


def menu(principal: Principal | None) -> list[tuple[str, str]]:
    """The pages this user's role may open, as (path, label) pairs."""
    if principal is None:
        return []
    items: list[tuple[str, str]] = []
    if principal.can(Capability.READ_CASES):
        items.append(("/cases", N_("Cases")))
    if principal.can(Capability.CREATE_CASES):
        items += [("/cases/new", N_("New case")), ("/import", N_("Import"))]
    if principal.can(Capability.READ_PERSONS):
        items.append(("/people/search", N_("Find a person")))
    if principal.can(Capability.CARE_FOR_VICTIMS):
        items.append(("/care", N_("My victims")))
    if principal.can(Capability.READ_AGGREGATES):
        items.append(("/dashboard", N_("Dashboard")))
    if principal.can(Capability.READ_AUDIT):
        items += [("/audit", N_("Audit log")), ("/alerts", N_("Alerts"))]
    return items


def home_of(principal: Principal) -> str:
    if principal.role is Role.AUDITOR:
        return "/audit"
    if principal.role is Role.CASEWORKER:
        return "/care"
    if principal.role is Role.ANALYST:
        return "/dashboard"
    return "/cases"


def query(base: dict[str, Any], **changes: Any) -> str:
    """A query string from the current filters with some changed (None drops one)."""
    merged = {**base, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def render(
    request: Request, template: str, visitor: Visitor, status: int = 200, **context: Any
) -> HTMLResponse:
    lang = visitor.language
    page = environment.get_template(template).render(
        request=request,
        visitor=visitor,
        user=visitor.principal,
        lang=lang,
        _=lang.gettext,
        N_=N_,
        menu=menu(visitor.principal),
        languages=LANGUAGES,
        query=query,
        **context,
    )
    return HTMLResponse(page, status_code=status)
