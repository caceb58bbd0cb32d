"""The real ``kyrgyz-events`` command: schema diff, check-bump and generate --check on this repository."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.cli import COMMANDS

ALL_COMMANDS_PRESENT = all(importlib.util.find_spec(f"kyrgyz_events.cli.{c}") for c in COMMANDS)


def kyrgyz_events(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", *argv], capture_output=True, text=True, check=False, timeout=120
    )


def test_schema_and_migrate_are_subcommands() -> None:
    assert "schema" in COMMANDS and "migrate" in COMMANDS


@pytest.mark.skipif(not ALL_COMMANDS_PRESENT, reason="a kyrgyz_events.cli subcommand module is not written yet")
def test_the_real_command() -> None:
    diff = kyrgyz_events("schema", "diff", SCHEMA_VERSION, "models", "--format", "json")
    assert diff.returncode == 0, diff.stderr
    assert json.loads(diff.stdout)["changes"] == []
    gate = kyrgyz_events("schema", "check-bump")
    assert gate.returncode == 0, gate.stderr
    assert gate.stdout.startswith("ok: SCHEMA_VERSION")
    check = kyrgyz_events("schema", "generate", "--check")
    assert check.returncode == 0, check.stderr
    missing = kyrgyz_events("migrate", "no-such-package", "--to", "1.0.0")
    assert missing.returncode == 2 and "no datapackage.json" in missing.stderr
