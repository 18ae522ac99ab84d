"""Identifiers as Pakistani records write them: CNIC, phone, passport, bank account.

Each normaliser returns the canonical form or raises InvalidInput naming the field. The message
never repeats the value: identifiers are personal data.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import phonenumbers

from tipwatch.domain.errors import InvalidInput

_CNIC_SEPARATORS = re.compile(r"[\s\-.\u2010-\u2015\u2212]")


def normalise_cnic(value: str, field: str = "cnic") -> str:
    """A CNIC is 13 digits, written 35202-1234567-1 or without dashes, in ASCII or Urdu
    digits, or as a spreadsheet's decimal number (3520212345671.0); returns the 13 ASCII
    digits, so one CNIC however written finds one person."""
    text = value.strip()
    text = text[:-2] if text.endswith(".0") else text
    digits = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c for c in _CNIC_SEPARATORS.sub("", text)
    )
    if not (digits.isascii() and digits.isdigit()) or len(digits) != 13:
        raise InvalidInput(
            f"{field} must be a CNIC of 13 digits (like 35202-1234567-1); "
            f"got {len(digits)} characters",
            field=field,
        )
    return digits


def format_cnic(digits: str) -> str:
    return f"{digits[:5]}-{digits[5:12]}-{digits[12]}"


def normalise_phone(value: str, field: str = "phone", region: str = "PK") -> str:
    """Any way a Pakistani or foreign number is written -> E.164 (+923001234567)."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidInput(f"{field} is not a phone number", field=field) from exc
    if not phonenumbers.is_possible_number(number):
        raise InvalidInput(f"{field} is not a possible phone number", field=field)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_PASSPORT = re.compile(r"^[A-Z0-9]{6,12}$")


def normalise_passport(value: str, field: str = "passport") -> str:
    cleaned = re.sub(r"[\s\-]", "", value).upper()
    if not _PASSPORT.match(cleaned):
        raise InvalidInput(f"{field} must be 6 to 12 letters and digits", field=field)
    return cleaned


_ACCOUNT = re.compile(r"^[A-Z0-9]{6,34}$")


def normalise_bank_account(value: str, field: str = "bank_account") -> str:
    """Account numbers and IBANs (PK36SCBL0000001123456702), spaces and dashes dropped."""
    cleaned = re.sub(r"[\s\-]", "", value).upper()
    if not _ACCOUNT.match(cleaned):
        raise InvalidInput(f"{field} must be 6 to 34 letters and digits", field=field)
    return cleaned


def normalise_name(value: str) -> str:
    """The form of a name used for exact search: case and spacing folded."""
    return " ".join(value.casefold().split())


def indexed_values(personal: dict[str, Any]) -> list[tuple[str, str]]:
    """The (kind, normalised value) pairs a personal record is found by, once each; the
    identifiers in it are already normalised. A name is folded (`normalise_name`); a victim
    known only by count has no name to be found by."""
    pairs: list[tuple[str, str]] = []
    for name in [personal["name"], *personal.get("aliases", [])]:
        if folded := normalise_name(name):
            pairs.append(("name", folded))
    for kind in ("cnic", "passport"):
        if personal.get(kind):
            pairs.append((kind, personal[kind]))
    pairs += [("phone", p) for p in personal.get("phones", [])]
    pairs += [("bank_account", a) for a in personal.get("bank_accounts", [])]
    return list(dict.fromkeys(pairs))
