"""English and Urdu: labels from gettext catalogues, numbers and dates per locale, direction.

Catalogues are the `.po` files under locale/, compiled in memory with Babel at start-up, so
there is no build step and nothing to download.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib.resources import files

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LANGUAGES = {"en": "English", "ur": "اردو"}
DEFAULT_LANGUAGE = "en"
DASH = "\u2013"  # shown for a missing value


@dataclass(frozen=True)
class Language:
    code: str
    translations: NullTranslations

    @property
    def direction(self) -> str:
        return "rtl" if Locale.parse(self.code).text_direction == "rtl" else "ltr"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def number(self, value: float | int | None) -> str:
        if value is None:
            return DASH
        return format_decimal(value, locale=self.code)

    def percent(self, value: float | None) -> str:
        if value is None:
            return DASH
        return format_percent(value, format="#,##0.0%", locale=self.code)

    def day(self, value: date | datetime | None) -> str:
        if value is None:
            return DASH
        return format_date(value, format="medium", locale=self.code)


@cache
def language(code: str) -> Language:
    if code not in LANGUAGES:
        code = DEFAULT_LANGUAGE
    if code == "en":
        return Language(code, NullTranslations())
    source = files("tipwatch.web") / "locale" / code / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Language(code, Translations(fp=buffer))
