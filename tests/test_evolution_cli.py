"""The real ``kyrgyz-events`` command: schema diff, check-bump and generate --check on this repository."""

from __future__ import annotations

import json
import subprocess
import sys

from kyrgyz_events._version import SCHEMA_VERSION


def kyrgyz_events(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", *argv], capture_output=True, text=True, check=False, timeout=120
    )


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
