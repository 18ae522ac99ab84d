"""The app in a real browser (Playwright driving Debian's Chromium), with and without JavaScript:
a case from login to sentence, the dashboard and its drill-down, and the switch to Urdu.
Screenshots are saved in test-artifacts/."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import Engine

from tests.conftest import TODAY, _empty
from tests.factories import PASSWORD, make_user
from tipwatch.api.app import create_app
from tipwatch.config import Settings
from tipwatch.domain.access import SYSTEM, Role
from tipwatch.services import units
from tipwatch.services.context import Context
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.storage.crypto import EncryptingCodec, KeyRing

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
REQUIRED = os.environ.get("TIPWATCH_REQUIRE_BROWSER") == "1"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(sqlite_engine: Engine) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        if REQUIRED:
            pytest.fail(f"Chromium is required for the browser tests but missing: {CHROMIUM}")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    _empty(sqlite_engine)
    ctx = Context(
        engine=sqlite_engine,
        settings=Settings(environment="test"),
        codec=EncryptingCodec(KeyRing.generate()),
        today=lambda: TODAY,
    )
    units.add_unit(
        ctx,
        SYSTEM,
        UnitCreate(
            code="FIA-GRW",
            name="FIA AHTC Gujranwala",
            kind="fia_circle",
            agency="FIA",
            province="Punjab",
        ),
    )
    make_user(ctx, "sana", Role.INVESTIGATOR, 1)
    port = _free_port()
    config = uvicorn.Config(create_app(ctx), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def _record(page: object, kind: str, on: str, **fields: str) -> None:
    page.select_option("#event-kind", kind)  # type: ignore[attr-defined]
    page.fill("#event-date", on)  # type: ignore[attr-defined]
    for selector, value in fields.items():
        if selector in ("event-party", "event-charge"):
            page.select_option(f"#{selector}", label=value)  # type: ignore[attr-defined]
        else:
            page.fill(f"#{selector}", value)  # type: ignore[attr-defined]
    page.click("#event-h ~ form button[type=submit]")  # type: ignore[attr-defined]


def _convicted_count(page: object, base: str) -> int:
    page.goto(f"{base}/dashboard?year=2025")  # type: ignore[attr-defined]
    text = page.text_content('text[data-stage="convicted"]')  # type: ignore[attr-defined]
    return int(re.sub(r"\D", "", text or "0") or 0)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_case_from_login_to_sentence_in_a_browser(server: str, javascript: bool) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tag = "js" if javascript else "nojs"
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(java_script_enabled=javascript).new_page()
        page.goto(f"{server}/login")
        page.fill("#username", "sana")
        page.fill("#password", PASSWORD)
        page.click("button.primary")
        assert page.url.endswith("/cases")
        before = _convicted_count(page, server)

        page.goto(f"{server}/cases/new")
        page.fill("#number", f"77-{tag}")
        page.fill("#year", "2025")
        page.fill("#reported_on", "2025-03-01")
        page.fill("#offence_date", "2025-02-25")
        page.check("input[value=forced_labour]")
        page.click("button.primary")
        assert re.search(r"/cases/\d+$", page.url)
        case_url = page.url

        page.fill("#party-name", "Browser Test Accused")
        page.select_option("#party-role", "accused")
        page.click("#party-h ~ form button[type=submit]")
        _record(page, "fir_registered", "2025-03-01")
        _record(page, "arrest", "2025-03-02", **{"event-party": "Browser Test Accused (accused)"})
        _record(page, "interim_challan", "2025-04-15")
        page.fill("#charge-provision", "4 PTPA")
        page.click("#charge-h ~ form button[type=submit]")
        _record(page, "charge_framed", "2025-05-01", **{"event-charge": "PTPA 4"})
        _record(page, "conviction", "2025-06-10", **{"event-charge": "PTPA 4"})
        _record(
            page, "sentence", "2025-06-12", **{"event-charge": "PTPA 4", "event-fine": "500000"}
        )
        errors = page.locator(".error, .field-error").all_text_contents()
        assert errors == []
        page.goto(case_url)
        assert page.text_content("#case-stage") == "sentenced"
        flags = page.locator("#flags li").all_text_contents()
        assert any("outside law" in f for f in flags)
        assert any("challan late" in f for f in flags)
        page.screenshot(path=str(ARTIFACTS / f"case-page-{tag}.png"), full_page=True)

        assert _convicted_count(page, server) == before + 1
        page.screenshot(path=str(ARTIFACTS / f"dashboard-{tag}.png"), full_page=True)
        page.click('svg.funnel a[href*="reached=convicted"]')
        assert f"77-{tag}" in (page.text_content("table") or "")

        page.click("button[name=language][value=ur]")
        assert page.get_attribute("html", "dir") == "rtl"
        assert page.get_attribute("html", "lang") == "ur"
        assert "مقدمات" in (page.text_content("nav") or "")
        page.screenshot(path=str(ARTIFACTS / f"urdu-{tag}.png"), full_page=True)
        browser.close()
