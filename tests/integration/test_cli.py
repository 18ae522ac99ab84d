"""The `tipwatch` command as an operator uses it: clean output, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def tipwatch(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tipwatch", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_law_show_prints_the_penalty_and_its_source() -> None:
    result = tipwatch("law", "show", "3(1) PTPA")
    assert result.returncode == 0, result.stderr
    assert "PTPA 3(1)" in result.stdout
    assert "up to 7 years" in result.stdout
    assert "Rs 1,000,000" in result.stdout
    assert "source:" in result.stdout
    assert "Prevention of Trafficking in Persons Act" in result.stdout


def test_law_parse_gives_every_provision_a_notation_names() -> None:
    result = tipwatch("law", "parse", "370/371-A PPC", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["provisions"] == ["PPC 370", "PPC 371-A"]


def test_law_show_of_369A_after_its_repeal_is_refused_in_one_line() -> None:
    result = tipwatch("law", "show", "369A PPC", "--on", "2019-01-01")
    assert result.returncode == 1
    assert result.stderr.startswith("error: PPC 369-A was not in force on 2019-01-01")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_provision_is_one_clean_error_line() -> None:
    result = tipwatch("law", "show", "999 PPC")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: PPC 999 is not in the legal catalogue"


def test_law_list_json_lists_every_provision() -> None:
    result = tipwatch("law", "list", "--json")
    keys = {row["key"] for row in json.loads(result.stdout)}
    assert {"PTPA 3(1)", "PTPA 4", "PPC 369-A", "PSMA 6", "BLSA 11", "EO 17"} <= keys


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    env = {
        "TIPWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "TIPWATCH_KEY_FILE": str(tmp_path / "tipwatch.key"),
        "TIPWATCH_ENVIRONMENT": "production",
    }
    assert tipwatch("keys", "generate", env["TIPWATCH_KEY_FILE"], env=env).returncode == 0
    assert tipwatch("init", env=env).returncode == 0
    return env


def test_an_operator_sets_up_units_users_and_tokens(server_env: dict[str, str]) -> None:
    env = server_env
    added = tipwatch(
        "units",
        "add",
        "FIA-LHR",
        "--name",
        "FIA AHTC Lahore",
        "--kind",
        "fia_circle",
        "--agency",
        "FIA",
        "--province",
        "Punjab",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    user = tipwatch(
        "users",
        "add",
        "sana",
        "--role",
        "investigator",
        "--unit",
        "FIA-LHR",
        env=env,
        stdin="a long enough password\n",
    )
    assert user.returncode == 0, user.stderr
    assert "sana" in tipwatch("users", "list", env=env).stdout
    token = tipwatch("token", "create", "sana", env=env)
    assert token.returncode == 0
    assert token.stdout.strip().startswith("tw_")
    assert tipwatch("audit", "verify", env=env).returncode == 0


def test_a_short_password_is_refused_naming_the_field(server_env: dict[str, str]) -> None:
    result = tipwatch("users", "add", "omar", "--role", "analyst", env=server_env, stdin="short\n")
    assert result.returncode == 1
    assert result.stderr.startswith("error: password:")


def test_production_without_a_key_is_refused(tmp_path: Path) -> None:
    env = {
        "TIPWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'nokey.db'}",
        "TIPWATCH_ENVIRONMENT": "production",
        "TIPWATCH_KEY_FILE": "",
        "TIPWATCH_KEY": "",
    }
    result = tipwatch("users", "list", env=env)
    assert result.returncode == 1
    assert "no encryption key" in result.stderr


def test_the_funnel_command_takes_every_filter_of_the_funnel(tmp_path: Path) -> None:
    env = {"TIPWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    built = tipwatch("demo", "--scale", "small", "--no-serve", "--seed", "7", env=env)
    assert built.returncode == 0, built.stderr

    def report(*filters: str) -> dict[str, Any]:
        result = tipwatch("funnel", "--json", *filters, env=env)
        assert result.returncode == 0, result.stderr
        found: dict[str, Any] = json.loads(result.stdout)
        return found

    narrowed = report(
        "--year", "2023", "--circle", "FIA-AHTC-LHR", "--agency", "FIA", "--act", "PTPA",
        "--exploitation", "forced_labour", "--victim-sex", "female",
        "--victim-age-group", "child", "--district", "Lahore",
    )  # fmt: skip
    assert {k: v for k, v in narrowed["filters"].items() if k != "unit_id"} == {
        "year": 2023, "agency": "FIA", "act": "PTPA", "exploitation": "forced_labour",
        "victim_sex": "female", "victim_age_group": "child", "district": "Lahore", "unit": "cases",
    }  # fmt: skip
    assert narrowed["filters"]["unit_id"] > 0  # every filter reached the funnel
    years = report("--from-year", "2019", "--to-year", "2020")["filters"]
    assert (years["year_from"], years["year_to"]) == (2019, 2020)
    assert (
        report("--year", "2023", "--victim-sex", "female")["funnel"]["total"]
        < report("--year", "2023")["funnel"]["total"]
    )
    unknown = tipwatch("funnel", "--circle", "NOPE", env=env)
    assert unknown.returncode == 1
    assert unknown.stderr.strip().endswith("error: no unit with code 'NOPE'")
