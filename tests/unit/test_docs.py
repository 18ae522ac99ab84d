"""Docs that can drift are checked: every setting and every CLI command is documented."""

from __future__ import annotations

from pathlib import Path

import typer

from tipwatch.cli import app
from tipwatch.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    names = [
        f"{prefix}{c.name or c.callback.__name__}"
        for c in group.registered_commands
        if c.callback is not None
    ]
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            names += _commands(sub.typer_instance, f"{prefix}{sub.name} ")
    return names


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text()
    for name in Settings.model_fields:
        assert f"TIPWATCH_{name.upper()}" in text, name


def test_every_cli_command_is_documented() -> None:
    text = (ROOT / "README.md").read_text() + (ROOT / "docs" / "cli.md").read_text()
    commands = _commands(app)
    assert len(commands) > 15
    for command in commands:
        assert f"tipwatch {command}" in text, command


def test_the_import_help_names_the_batch_size_the_import_uses() -> None:
    from typer.testing import CliRunner

    from tipwatch.services.imports import running

    result = CliRunner().invoke(app, ["import", "cases", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert f"(default {running.BATCH_SIZE:,})" in " ".join(result.output.split())
    guide = (ROOT / "docs" / "import.md").read_text()
    assert f"| `--batch-size N` | rows per transaction (default {running.BATCH_SIZE:,}) |" in guide
