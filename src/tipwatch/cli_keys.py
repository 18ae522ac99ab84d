"""`tipwatch keys`: make a key ring, rotate to a new key. Thin: parse, call one service, print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tipwatch.domain.errors import ConfigurationError

keys_app = typer.Typer(
    help="Encryption keys of personal data: make a key ring, rotate to a new key.",
    no_args_is_help=True,
)


@keys_app.command("generate")
def generate(
    path: Annotated[Path, typer.Argument(help="Where to write the new key ring.")],
) -> None:
    """Write a new key ring (mode 0600); never overwrites an existing file."""
    from tipwatch.storage.crypto import KeyRing

    ring = KeyRing.generate()
    ring.save(path, overwrite=False)
    typer.echo(f"key ring written to {path} (primary key {ring.primary_id})")
    typer.echo("keep a copy offline: without it no personal data can be read")
    typer.echo(f"use it with TIPWATCH_KEY_FILE={path}")


@keys_app.command("rotate")
def rotate(
    key_file: Annotated[
        Path | None,
        typer.Option("--key-file", envvar="TIPWATCH_KEY_FILE", help="The key ring to rotate."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, max=100_000, help="Records per transaction.")
    ] = 200,
) -> None:
    """Re-encrypt every record under a new key, then drop the old keys from the ring.

    Stop `tipwatch serve` and every other writer first. Safe to interrupt: run it again to
    continue. Back up the key file first if you keep database backups made under the old key.
    """
    from tipwatch.config import load_settings
    from tipwatch.services.keys import rotate_keys
    from tipwatch.storage.database import connect

    if key_file is None:
        raise ConfigurationError("no key ring to rotate: give --key-file or set TIPWATCH_KEY_FILE")
    engine = connect(load_settings().database_url)

    def progress(done: int, to_do: int) -> None:
        typer.echo(f"re-encrypted {done} of {to_do} persons")

    try:
        report = rotate_keys(engine, key_file, batch_size, on_batch=progress)
    finally:
        engine.dispose()
    typer.echo(
        f"rotated to key {report.new_key_id}: {report.rotated} persons re-encrypted now, "
        f"{report.already_current} earlier, {report.total} in all; "
        f"{report.totp_secrets_rotated} TOTP secrets re-encrypted; old keys removed from "
        f"{key_file}"
    )
