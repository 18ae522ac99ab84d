"""Encryption at rest: a key ring on disk, AES-256-GCM for personal data, a keyed blind index.

Blob: b"tw1:" + key id (16 ASCII hex) + nonce (12 bytes) + AES-256-GCM ciphertext with its
16-byte tag. The associated data is b"tipwatch:" + purpose (e.g. "persons.personal"), so a blob
copied into another column does not decrypt. Personal JSON is padded with spaces to a multiple
of 64 bytes so a blob's length says little about the record.

Key ring file (JSON, mode 0600): {"primary": id, "keys": [{"id", "key" (base64 of 32 bytes),
"created"}], "rotating_from": [ids]}; "rotating_from" lists the keys a rotation is retiring.
Search token: "<key id>:" + hex HMAC-SHA256(kind NUL value) under a key derived from that key
with HKDF-SHA256 (info b"tipwatch blind index v1").
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tipwatch.config import Settings
from tipwatch.domain.errors import ConfigurationError, TipwatchError
from tipwatch.storage.personal import personal_json

logger = logging.getLogger(__name__)

MAGIC = b"tw1:"
KEY_ID_LENGTH = 16
NONCE_LENGTH = 12
PERSONAL_PURPOSE = "persons.personal"
TOTP_PURPOSE = "users.totp_secret"
DEVELOPMENT_KEY_FILE = "tipwatch.key"
_PAD = 64
_KEY_ID = re.compile(r"[0-9a-f]{16}")


class DecryptionError(TipwatchError):
    """Stored data that cannot be read: altered, or under a key the ring does not hold."""

    status = 500
    code = "decryption"


@dataclass(frozen=True)
class Key:
    id: str
    secret: bytes = field(repr=False)
    created: str


def _new_key() -> Key:
    created = datetime.now(UTC).isoformat(timespec="seconds")
    return Key(secrets.token_hex(KEY_ID_LENGTH // 2), secrets.token_bytes(32), created)


@dataclass(frozen=True)
class KeyRing:
    keys: Mapping[str, Key]
    primary_id: str
    rotating_from: tuple[str, ...] = ()

    @classmethod
    def generate(cls) -> KeyRing:
        key = _new_key()
        return cls({key.id: key}, key.id)

    @classmethod
    def from_secret(cls, secret: bytes) -> KeyRing:
        """A ring of one key given directly (TIPWATCH_KEY); its id comes from its hash."""
        if len(secret) != 32:
            raise ConfigurationError("an encryption key must be 32 bytes")
        key = Key(hashlib.sha256(secret).hexdigest()[:KEY_ID_LENGTH], secret, "")
        return cls({key.id: key}, key.id)

    def with_new_primary(self) -> KeyRing:
        """A fresh primary key; every old key stays for decryption and is marked as retiring."""
        key = _new_key()
        return KeyRing({**self.keys, key.id: key}, key.id, tuple(self.keys))

    def without_retiring(self) -> KeyRing:
        keys = {i: k for i, k in self.keys.items() if i not in self.rotating_from}
        return KeyRing(keys, self.primary_id)

    @classmethod
    def load(cls, path: Path) -> KeyRing:
        try:
            raw = json.loads(path.read_bytes())
            keys = {
                k["id"]: Key(k["id"], base64.b64decode(k["key"], validate=True), k["created"])
                for k in raw["keys"]
            }
            ring = cls(keys, raw["primary"], tuple(raw.get("rotating_from", ())))
        except FileNotFoundError as exc:
            raise ConfigurationError(f"key file {path} does not exist") from exc
        except (OSError, ValueError, KeyError, TypeError):  # no chaining: keep key bytes out
            raise ConfigurationError(f"key file {path} is not a tipwatch key ring") from None
        if ring.primary_id not in keys or not all(
            _KEY_ID.fullmatch(i) and len(k.secret) == 32 for i, k in keys.items()
        ):
            raise ConfigurationError(f"key file {path} is not a tipwatch key ring")
        if path.stat().st_mode & 0o077:
            logger.warning("key file %s is readable by other users: chmod 600 it", path)
        return ring

    def save(self, path: Path, *, overwrite: bool = True) -> None:
        """Write atomically (temp file, fsync, rename), mode 0600; never half a file."""
        body = {
            "primary": self.primary_id,
            "keys": [
                {"id": k.id, "key": base64.b64encode(k.secret).decode(), "created": k.created}
                for k in self.keys.values()
            ],
            "rotating_from": list(self.rotating_from),
        }
        temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        try:
            with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
                json.dump(body, file, indent=2)
                file.flush()
                os.fsync(file.fileno())
            if overwrite:
                os.replace(temp, path)
            else:
                os.link(temp, path)  # fails if `path` exists, even when racing another process
            directory = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        except FileExistsError as exc:
            raise ConfigurationError(f"{path} already exists; not overwriting a key file") from exc
        except OSError as exc:
            raise ConfigurationError(f"cannot write key file {path}: {exc.strerror}") from exc
        finally:
            temp.unlink(missing_ok=True)


class EncryptingCodec:
    """A PersonalDataCodec that encrypts under the ring's primary key and reads any ring key."""

    def __init__(self, keyring: KeyRing) -> None:
        self.keyring = keyring
        self._ciphers = {i: AESGCM(k.secret) for i, k in keyring.keys.items()}
        self._index_keys = {
            i: HKDF(hashes.SHA256(), 32, None, b"tipwatch blind index v1").derive(k.secret)
            for i, k in keyring.keys.items()
        }

    @property
    def key_id(self) -> str:
        return self.keyring.primary_id

    def encode(self, personal: dict[str, Any]) -> bytes:
        return self.seal(personal_json(personal))

    def seal(self, record: bytes) -> bytes:
        return self.encrypt_bytes(record.ljust(-(-len(record) // _PAD) * _PAD), PERSONAL_PURPOSE)

    def decode(self, stored: bytes) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.decrypt_bytes(stored, PERSONAL_PURPOSE))
        return value

    def encrypt_bytes(self, data: bytes, purpose: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_LENGTH)
        header = MAGIC + self.key_id.encode()
        return header + nonce + self._ciphers[self.key_id].encrypt(nonce, data, _ad(purpose))

    def decrypt_bytes(self, blob: bytes, purpose: str) -> bytes:
        cipher = self._ciphers.get(self.key_id_of(blob))
        if cipher is None:
            raise DecryptionError(
                f"stored {purpose} is under key {self.key_id_of(blob)}, not in the key ring"
            )
        start = len(MAGIC) + KEY_ID_LENGTH
        try:
            return cipher.decrypt(
                blob[start : start + NONCE_LENGTH], blob[start + NONCE_LENGTH :], _ad(purpose)
            )
        except InvalidTag:
            raise DecryptionError(f"stored {purpose} failed its integrity check") from None

    @staticmethod
    def key_id_of(blob: bytes) -> str:
        """The id of the key a blob is encrypted under; DecryptionError if it is not a blob."""
        if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + KEY_ID_LENGTH + NONCE_LENGTH + 16:
            raise DecryptionError("stored data is not in the tipwatch encrypted format")
        return blob[len(MAGIC) : len(MAGIC) + KEY_ID_LENGTH].decode("ascii", "replace")

    def search_token(self, kind: str, normalised_value: str) -> str:
        return self._token(self.key_id, kind, normalised_value)

    def search_tokens(self, kind: str, normalised_value: str) -> list[str]:
        """One token per key in the ring, so a search finds rows not yet rotated."""
        return [self._token(i, kind, normalised_value) for i in self._ciphers]

    def _token(self, key_id: str, kind: str, value: str) -> str:
        message = f"{kind}\x00{value}".encode()
        return f"{key_id}:{hmac.digest(self._index_keys[key_id], message, 'sha256').hex()}"


def _ad(purpose: str) -> bytes:
    return b"tipwatch:" + purpose.encode()


def load_codec(settings: Settings, env: Mapping[str, str] | None = None) -> EncryptingCodec:
    """The codec for this deployment, from TIPWATCH_KEY_FILE or TIPWATCH_KEY (never logged)."""
    env = os.environ if env is None else env
    key_file, key = env.get("TIPWATCH_KEY_FILE"), env.get("TIPWATCH_KEY")
    if key_file and key:
        raise ConfigurationError("set only one of TIPWATCH_KEY_FILE and TIPWATCH_KEY")
    if key_file:
        return EncryptingCodec(KeyRing.load(Path(key_file)))
    if key:
        try:
            secret = base64.b64decode(key, validate=True)
        except binascii.Error:
            raise ConfigurationError("TIPWATCH_KEY is not base64") from None
        return EncryptingCodec(KeyRing.from_secret(secret))
    if settings.environment not in ("development", "test"):
        raise ConfigurationError("no encryption key: set TIPWATCH_KEY_FILE or TIPWATCH_KEY")
    path = Path.cwd() / DEVELOPMENT_KEY_FILE
    if not path.exists():
        with contextlib.suppress(ConfigurationError):  # another process made it first: use it
            KeyRing.generate().save(path, overwrite=False)
    logger.warning("using the development key %s: set TIPWATCH_KEY_FILE in production", path)
    return EncryptingCodec(KeyRing.load(path))
