"""Encryption of personal data, the blind index, the key ring file and where keys come from."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipwatch.cli_keys import keys_app
from tipwatch.config import Settings
from tipwatch.domain.errors import ConfigurationError
from tipwatch.storage.crypto import (
    TOTP_PURPOSE,
    DecryptionError,
    EncryptingCodec,
    KeyRing,
    load_codec,
)

RECORD = {"name": "Shazia Bibi", "father_name": "Allah Ditta", "cnic": "3520212345671"}


def _flip(blob: bytes, index: int) -> bytes:
    return blob[:index] + bytes([blob[index] ^ 1]) + blob[index + 1 :]


def test_personal_data_round_trips() -> None:
    codec = EncryptingCodec(KeyRing.generate())
    blob = codec.encode(RECORD)
    assert blob.startswith(b"tw1:" + codec.key_id.encode())
    assert b"Shazia" not in blob
    assert b"3520212345671" not in blob
    assert codec.decode(blob) == RECORD


def test_tampered_ciphertext_is_refused_without_revealing_the_record() -> None:
    codec = EncryptingCodec(KeyRing.generate())
    blob = codec.encode(RECORD)
    for index in (len(blob) - 1, 20, 40):  # tag, nonce, ciphertext
        with pytest.raises(DecryptionError, match="integrity check") as caught:
            codec.decode(_flip(blob, index))
        assert "Shazia" not in str(caught.value)


def test_a_blob_is_bound_to_its_purpose() -> None:
    codec = EncryptingCodec(KeyRing.generate())
    blob = codec.encrypt_bytes(b"JBSWY3DPEHPK3PXP", TOTP_PURPOSE)
    assert codec.decrypt_bytes(blob, TOTP_PURPOSE) == b"JBSWY3DPEHPK3PXP"
    with pytest.raises(DecryptionError):
        codec.decode(blob)


def test_a_blob_under_an_unknown_key_is_refused() -> None:
    blob = EncryptingCodec(KeyRing.generate()).encode(RECORD)
    with pytest.raises(DecryptionError, match="not in the key ring"):
        EncryptingCodec(KeyRing.generate()).decode(blob)
    with pytest.raises(DecryptionError, match="not in the tipwatch encrypted format"):
        EncryptingCodec(KeyRing.generate()).decode(b'{"name": "Shazia Bibi"}')


def test_two_encryptions_of_the_same_data_differ() -> None:
    codec = EncryptingCodec(KeyRing.generate())
    assert codec.encode(RECORD) != codec.encode(RECORD)


def test_tokens_are_equal_for_equal_values_and_differ_across_keys() -> None:
    ring = KeyRing.generate()
    codec, again = EncryptingCodec(ring), EncryptingCodec(ring)
    token = codec.search_token("cnic", "3520212345671")
    assert token == again.search_token("cnic", "3520212345671")
    assert token.startswith(f"{ring.primary_id}:")
    assert "3520212345671" not in token
    assert token != codec.search_token("cnic", "3520212345672")
    assert token != codec.search_token("passport", "3520212345671")
    other = EncryptingCodec(KeyRing.generate()).search_token("cnic", "3520212345671")
    assert token.split(":")[1] != other.split(":")[1]


def test_an_old_key_blob_decodes_after_a_new_primary_and_searches_cover_both_keys() -> None:
    ring = KeyRing.generate()
    old = EncryptingCodec(ring)
    blob = old.encode(RECORD)
    rotated = ring.with_new_primary()
    new = EncryptingCodec(rotated)
    assert rotated.rotating_from == (ring.primary_id,)
    assert new.decode(blob) == RECORD
    assert EncryptingCodec.key_id_of(new.encode(RECORD)) == rotated.primary_id != old.key_id
    tokens = new.search_tokens("cnic", "3520212345671")
    assert old.search_token("cnic", "3520212345671") in tokens
    assert new.search_token("cnic", "3520212345671") in tokens
    assert len(tokens) == 2
    with pytest.raises(DecryptionError):
        EncryptingCodec(rotated.without_retiring()).decode(blob)


def test_a_key_ring_file_round_trips_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    ring = KeyRing.generate().with_new_primary()
    ring.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert KeyRing.load(path) == ring
    assert [p.name for p in tmp_path.iterdir()] == ["keys.json"]  # no temp file left


def test_a_key_ring_is_never_written_over_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    first = KeyRing.generate()
    first.save(path, overwrite=False)
    with pytest.raises(ConfigurationError, match="already exists"):
        KeyRing.generate().save(path, overwrite=False)
    assert KeyRing.load(path) == first


def test_a_damaged_key_file_is_refused_without_echoing_it(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text('{"primary": "abc", "keys": [{"id": "abc", "key": "c2VjcmV0"}]}')
    with pytest.raises(ConfigurationError, match="not a tipwatch key ring") as caught:
        KeyRing.load(path)
    assert "c2VjcmV0" not in str(caught.value)


def test_production_refuses_to_start_without_a_key() -> None:
    with pytest.raises(ConfigurationError, match="no encryption key"):
        load_codec(Settings(environment="production"), env={})


def test_development_makes_and_reuses_a_local_key_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = load_codec(Settings(environment="development"), env={})
    assert stat.S_IMODE((tmp_path / "tipwatch.key").stat().st_mode) == 0o600
    assert load_codec(Settings(environment="test"), env={}).key_id == first.key_id


def test_a_key_comes_from_the_key_file_or_the_key_variable(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    ring = KeyRing.generate()
    ring.save(path)
    production = Settings(environment="production")
    assert load_codec(production, env={"TIPWATCH_KEY_FILE": str(path)}).key_id == ring.primary_id
    secret = base64.b64encode(bytes(range(32))).decode()
    codec = load_codec(production, env={"TIPWATCH_KEY": secret})
    assert codec.key_id == KeyRing.from_secret(bytes(range(32))).primary_id
    assert codec.decode(codec.encode(RECORD)) == RECORD
    with pytest.raises(ConfigurationError, match="32 bytes"):
        load_codec(production, env={"TIPWATCH_KEY": base64.b64encode(b"short").decode()})


def test_keys_generate_writes_a_ring_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    first = CliRunner().invoke(keys_app, ["generate", str(path)])
    assert first.exit_code == 0, first.output
    ring = KeyRing.load(path)
    assert ring.primary_id in first.output
    second = CliRunner().invoke(keys_app, ["generate", str(path)])
    assert isinstance(second.exception, ConfigurationError)
    assert KeyRing.load(path) == ring
