"""Every label the pages show has its Urdu translation, and the catalogue is up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from babel.messages.pofile import read_po

from tipwatch.web.i18n import language

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "src" / "tipwatch" / "web" / "locale" / "ur" / "LC_MESSAGES" / "messages.po"


def _used_messages() -> set[str]:
    spec = importlib.util.spec_from_file_location(
        "update_messages", ROOT / "tools" / "update_messages.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    used: set[str] = module.used_messages()
    return used


def test_every_shown_label_has_an_urdu_translation() -> None:
    catalog = read_po(CATALOG.open("rb"), locale="ur")
    translated = {m.id for m in catalog if m.id and m.string}
    missing = sorted(_used_messages() - translated)
    assert missing == [], "run tools/update_messages.py and translate these"


def test_urdu_pages_read_right_to_left_with_urdu_digits_of_the_locale() -> None:
    urdu = language("ur")
    assert urdu.direction == "rtl"
    assert urdu.gettext("Cases") == "مقدمات"
    assert language("en").direction == "ltr"
    assert language("en").number(18000) == "18,000"
