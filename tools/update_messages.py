"""Refresh the Urdu catalogue: every message of the templates and pages, and every vocabulary
label, keeping the translations already made. Run: .venv/bin/python tools/update_messages.py"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from tipwatch.web.vocabulary_labels import vocabulary_labels

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "src" / "tipwatch" / "web"
CATALOG = WEB / "locale" / "ur" / "LC_MESSAGES" / "messages.po"
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
# _() and gettext(); N_() marks a message where it is written; the second argument of the
# select() and input() form macros is a field's label.
KEYWORDS = {"_": None, "gettext": None, "N_": None, "select": (2,), "input": (2,)}


def used_messages() -> set[str]:
    found = {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(WEB),
            METHODS,
            keywords=KEYWORDS,
        )
        if isinstance(message, str)
    }
    return found | vocabulary_labels()


def main() -> None:
    old = read_po(CATALOG.open("rb"), locale="ur") if CATALOG.stat().st_size else None
    catalog = Catalog(
        locale="ur",
        project="tipwatch",
        domain="messages",
        fuzzy=False,
        copyright_holder="the tipwatch authors",
    )
    for message in sorted(used_messages()):
        known = old.get(message) if old is not None else None
        catalog.add(message, known.string if known is not None else "")
    with CATALOG.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{len(catalog)} messages, {len(missing)} without a translation")


if __name__ == "__main__":
    main()
