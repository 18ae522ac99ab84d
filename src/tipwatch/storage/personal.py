"""The one boundary personal data crosses on its way to and from storage.

Names, aliases, father's name, CNIC, passport, phones, bank accounts, address and date of birth
of every person are written only through a `PersonalDataCodec`: `encode`/`decode` for the
record, `search_token` for the exact-search index. This codec stores them as JSON; the security
issue swaps in one that encrypts and keys the index, without touching any caller.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

PERSONAL_FIELDS = (
    "name",
    "aliases",
    "father_name",
    "cnic",
    "passport",
    "phones",
    "bank_accounts",
    "address",
    "date_of_birth",
)


class PersonalDataCodec(Protocol):
    def encode(self, personal: dict[str, Any]) -> bytes: ...

    def decode(self, stored: bytes) -> dict[str, Any]: ...

    def search_token(self, kind: str, normalised_value: str) -> str: ...


class PlainCodec:
    """Stores personal data as JSON. For development only until encryption lands."""

    def encode(self, personal: dict[str, Any]) -> bytes:
        unknown = set(personal) - set(PERSONAL_FIELDS)
        if unknown:
            raise ValueError(f"not personal fields: {sorted(unknown)}")
        return json.dumps(personal, sort_keys=True, ensure_ascii=False).encode()

    def decode(self, stored: bytes) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(stored.decode())
        return value

    def search_token(self, kind: str, normalised_value: str) -> str:
        return f"{kind}:{normalised_value}"
