"""At national scale: the demo build, the funnel, the dashboard and the case page.

Targets (2-core machine, SQLite file): demo build 60 s or less; funnel for one year p50 100 ms
or less; all years by province p50 300 ms or less; dashboard server time 500 ms or less; case
page 50 ms or less.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from benchmarks.common import Timing, scratch_context, timed
from tipwatch.api.app import create_app
from tipwatch.domain.access import SYSTEM
from tipwatch.services.context import Context
from tipwatch.services.demo.build import DemoOptions, build_demo
from tipwatch.services.funnel import attrition_funnel
from tipwatch.services.schemas.funnel import FunnelFilters
from tipwatch.services.setup import prepare_database
from tipwatch.storage import tables as t
from tipwatch.storage.crypto import EncryptingCodec, KeyRing

TARGETS_MS = {
    "funnel 2023": 100,
    "funnel all years by province": 300,
    "dashboard": 500,
    "case page": 50,
}


def _verdict(timing: Timing, target_ms: float) -> str:
    met = "meets" if timing.p50_ms <= target_ms else "MISSES"
    return f"{timing.line()}  {met} {target_ms:g} ms"


def run() -> list[str]:
    with scratch_context(EncryptingCodec(KeyRing.generate()), "national") as ctx:
        return _measure(ctx)


def _measure(ctx: Context) -> list[str]:
    prepare_database(ctx)
    report = build_demo(ctx, DemoOptions(seed=2025))
    with ctx.uow() as uow:
        cases = uow.session.scalar(select(func.count()).select_from(t.Case)) or 0
        busy_case = uow.session.scalar(
            select(t.Party.case_id)
            .group_by(t.Party.case_id)
            .order_by(func.count().desc(), t.Party.case_id)
            .limit(1)
        )
    build_verdict = "meets" if report.seconds <= 60 else "MISSES"
    lines = [f"demo build: {cases:,} cases in {report.seconds:.1f} s  {build_verdict} 60 s"]
    year = attrition_funnel(ctx, SYSTEM, FunnelFilters(year=2023)).funnel
    lines.append(
        f"2023: {year.stages[2].count:,} cases investigated, {year.stages[6].count:,} convicted"
    )
    lines.append(
        _verdict(
            timed(
                "funnel 2023", lambda: attrition_funnel(ctx, SYSTEM, FunnelFilters(year=2023)), 30
            ),
            TARGETS_MS["funnel 2023"],
        )
    )
    lines.append(
        _verdict(
            timed(
                "funnel all years by province",
                lambda: attrition_funnel(ctx, SYSTEM, FunnelFilters(by="province")),
                15,
            ),
            TARGETS_MS["funnel all years by province"],
        )
    )
    client = TestClient(create_app(ctx))
    login = {"username": report.users[0].username, "password": report.password}
    client.post("/login", data=login, follow_redirects=False)
    lines.append(
        _verdict(
            timed(
                "dashboard (GET /dashboard?year=2023)",
                lambda: _ok(client.get("/dashboard?year=2023")),
                15,
            ),
            TARGETS_MS["dashboard"],
        )
    )
    lines.append(
        _verdict(
            timed(
                f"case page (GET /cases/{busy_case})",
                lambda: _ok(client.get(f"/cases/{busy_case}")),
                50,
            ),
            TARGETS_MS["case page"],
        )
    )
    return lines


def _ok(response: object) -> None:
    status = getattr(response, "status_code", 0)
    if status != 200:
        raise RuntimeError(f"benchmark request failed with {status}")
