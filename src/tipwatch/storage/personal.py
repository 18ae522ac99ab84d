"""The one boundary personal data crosses on its way to and from storage.

Names, aliases, father's name, CNIC, passport, phones, bank accounts, address and date of birth
of every person are written only through a `PersonalDataCodec`: `encode`/`decode` for the
record, `search_token` (the primary key's token, to store) and `search_tokens` (one per key, to
look up) for the exact-search index, `encrypt_bytes`/`decrypt_bytes` for other secrets such as
TOTP seeds. `PlainCodec` stores them as JSON, for development; `storage.crypto.EncryptingCodec`
encrypts them and keys the index.
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


_PERSONAL_FIELDS = frozenset(PERSONAL_FIELDS)
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def personal_json(personal: dict[str, Any]) -> bytes:
    """The record as canonical JSON; refuses fields that are not personal data."""
    if not _PERSONAL_FIELDS.issuperset(personal):
        raise ValueError(f"not personal fields: {sorted(set(personal) - _PERSONAL_FIELDS)}")
    return _CANONICAL.encode(personal).encode()


class PersonalDataCodec(Protocol):
    @property
    def key_id(self) -> str | None:
        """The key new data is written under (None: not encrypted)."""

    def encode(self, personal: dict[str, Any]) -> bytes: ...

    def seal(self, record: bytes) -> bytes:
        """A record already in canonical JSON (`personal_json`), as `encode` stores it: the
        bulk paths make the JSON where they make the rows, away from the keys."""

    def decode(self, stored: bytes) -> dict[str, Any]: ...

    def search_token(self, kind: str, normalised_value: str) -> str: ...

    def search_tokens(self, kind: str, normalised_value: str) -> list[str]: ...

    def encrypt_bytes(self, data: bytes, purpose: str) -> bytes: ...

    def decrypt_bytes(self, blob: bytes, purpose: str) -> bytes: ...


class PlainCodec:
    """Stores personal data as JSON, unencrypted: for tests and development only."""

    @property
    def key_id(self) -> str | None:
        return None

    def encode(self, personal: dict[str, Any]) -> bytes:
        return personal_json(personal)

    def seal(self, record: bytes) -> bytes:
        return record

    def decode(self, stored: bytes) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(stored.decode())
        return value

    def search_token(self, kind: str, normalised_value: str) -> str:
        return f"{kind}:{normalised_value}"

    def search_tokens(self, kind: str, normalised_value: str) -> list[str]:
        return [self.search_token(kind, normalised_value)]

    def encrypt_bytes(self, data: bytes, purpose: str) -> bytes:
        return data

    def decrypt_bytes(self, blob: bytes, purpose: str) -> bytes:
        return blob
