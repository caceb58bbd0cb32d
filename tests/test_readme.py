"""The README's use section runs as written: every code block of it, in a fresh folder, in order."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kyrgyz_events.paths import repo_root

ROOT = repo_root()
assert ROOT is not None
README = (ROOT / "README.md").read_text(encoding="utf-8")
USE = README[README.index("## Use the data") : README.index("\n## ", README.index("## Use the data") + 1)]
BLOCKS = re.findall(r"```(python|bash)\n(.*?)```", USE, flags=re.DOTALL)


def test_the_use_section_has_python_and_shell_blocks() -> None:
    kinds = [kind for kind, _ in BLOCKS]
    assert kinds.count("python") >= 3 and kinds.count("bash") >= 1, kinds


def test_every_block_of_the_use_section_runs(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for number, (kind, code) in enumerate(BLOCKS, start=1):
        argv = [sys.executable, "-c", code] if kind == "python" else ["bash", "-euo", "pipefail", "-c", code]
        done = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        # `kyrgyz-events validate` exits 1 for invalid data: the README's examples are all of valid data.
        assert done.returncode == 0, (
            f"block {number} ({kind}) failed:\n{code}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
        )
    assert (tmp_path / "my-package" / "datapackage.json").is_file()
    assert (tmp_path / "mine" / "data" / "events.parquet").is_file()
    assert (tmp_path / "report.json").stat().st_size > 0


@pytest.mark.parametrize("command", ["1", "2"])
def test_the_readme_starts_with_the_two_commands(command: str) -> None:
    first = README.split("```bash\n", 1)[1].split("```", 1)[0]
    assert f"# {command}." in first
    assert "python3 -m venv .venv" in first and "constraints.txt" in first
