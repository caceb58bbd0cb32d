"""Integrity that cannot be laundered: synth does not overwrite, migrate does not bless an invalid
package, and the descriptor and every published file are checked against what the release defines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("existing", ["package", "other-file", "a-file"])
def test_synth_refuses_a_non_empty_out_without_force(tmp_path: Path, existing: str) -> None:
    out = tmp_path / "out"
    if existing == "a-file":
        out.write_text("mine", encoding="utf-8")
    else:
        out.mkdir()
        (out / ("datapackage.json" if existing == "package" else "notes.txt")).write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in out.iterdir()) if out.is_dir() else None
    done = _cli("synth", "--events", "3", "--out", str(out))
    assert done.returncode == 2 and "--force" in done.stderr and "Traceback" not in done.stderr
    assert (sorted(p.name for p in out.iterdir()) if out.is_dir() else None) == before
    assert "mine" in (out.read_text(encoding="utf-8") if out.is_file() else next(out.iterdir()).read_text("utf-8"))


def test_synth_writes_an_empty_or_new_out_and_replaces_with_force(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _cli("synth", "--events", "3", "--out", str(empty)).returncode == 0
    assert (empty / "datapackage.json").is_file()
    (empty / "notes.txt").write_text("mine", encoding="utf-8")
    done = _cli("synth", "--events", "4", "--out", str(empty), "--force")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in empty.iterdir()) == ["data", "datapackage.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".staging-")]
