"""Long work shows its progress on a terminal, and stays quiet in CI, in pipes and with --quiet.

The commands run as users run them, in a subprocess whose standard error is a pseudo-terminal (or a pipe).
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from kyrgyz_events.progress import shown, steps


def _env(ci: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    return {**env, "CI": "true"} if ci else env


def _on_a_terminal(*args: str, ci: bool = False) -> tuple[int, str]:
    """Run ``kyrgyz-events ARGS`` with standard error on a pseudo-terminal; its exit code and what it drew."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))  # a new pty is 0 columns wide
    proc = subprocess.Popen(
        [sys.executable, "-m", "kyrgyz_events.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env=_env(ci),
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


def test_validate_draws_its_progress_on_a_terminal(sample_package: Path) -> None:
    code, drawn = _on_a_terminal("validate", str(sample_package))
    assert code == 0
    assert "validate" in drawn and "reading events (parquet)" in drawn and "rules (polars)" in drawn, drawn


@pytest.mark.parametrize("how", ["quiet", "ci"])
def test_validate_draws_nothing_with_quiet_or_in_ci(sample_package: Path, how: str) -> None:
    args = ["validate", str(sample_package), *(["--quiet"] if how == "quiet" else [])]
    code, drawn = _on_a_terminal(*args, ci=how == "ci")
    assert code == 0 and drawn == ""


def test_validate_draws_nothing_into_a_pipe(sample_package: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", "validate", str(sample_package)],
        capture_output=True,
        text=True,
        env=_env(ci=False),
        timeout=300,
    )
    assert done.returncode == 0 and done.stderr == ""


def test_synth_draws_its_progress_on_a_terminal(tmp_path: Path) -> None:
    code, drawn = _on_a_terminal("synth", "--events", "3000", "--out", str(tmp_path / "p"))
    assert code == 0
    assert "synth" in drawn and "events 0 to" in drawn and "describing the package" in drawn, drawn
    code, drawn = _on_a_terminal("synth", "--events", "3000", "--out", str(tmp_path / "q"), "--quiet")
    assert code == 0 and drawn == ""


def test_the_library_draws_nothing_unless_a_command_asks(capsys: pytest.CaptureFixture[str]) -> None:
    with steps("work", total=2) as step:
        step("one")
        step("two")
    assert capsys.readouterr().err == ""
    with shown(True), steps("work", total=2) as step:  # a command asked (``wanted`` decides when it does)
        step("one")
        step("two")
    drawn = capsys.readouterr().err
    assert "work" in drawn and "1/2" in drawn and "two" in drawn, drawn
