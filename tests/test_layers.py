"""Layers point down only: a module never imports the layers above it (read from the source, not run)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "kyrgyz_events"

#: The layers above the package plumbing: whatever reads or writes a package, and the CLI.
ABOVE_PLUMBING = [
    "validators", "annotations", "publish", "evolution", "generate", "synth", "view", "export",
    "build", "checkout", "cli", "load.py", "about.py", "write.py", "sql.py", "schemas.py",
]  # fmt: skip

#: package -> the kyrgyz_events packages and modules above it, which it must not import.
ABOVE = {
    "findings.py": ["validators", "annotations", "publish", "evolution", "build", "checkout", "cli", "rules"],
    "rules": ["validators", "annotations", "publish", "evolution", "build", "checkout", "cli"],
    "validators": ["annotations", "publish", "evolution", "build", "checkout", "cli", "view", "export"],
    "contracts": ["validators", "annotations", "publish", "evolution", "package_io", "build", "checkout", "cli"],
    "models": ["validators", "annotations", "publish", "contracts", "package_io", "build", "checkout", "cli"],
    "schema_versions.py": ["contracts", "models", "package_io", *ABOVE_PLUMBING],
    "generate": ["cli", "build", "checkout"],
    "annotations": ["publish", "validators", "build", "checkout", "cli"],
    "package_io": ABOVE_PLUMBING,
}


def imported(path: Path) -> set[str]:
    """The kyrgyz_events modules a file imports (top level and inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kyrgyz_events"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("kyrgyz_events"))
    return names


def files_of(layer: str) -> list[Path]:
    target = SRC / layer
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("layer", sorted(ABOVE), ids=sorted(ABOVE))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    files = files_of(layer)
    assert files and all(f.is_file() for f in files), layer
    upward = [
        f"{f.relative_to(SRC)} imports {name}"
        for f in files
        for name in sorted(imported(f))
        for above in ABOVE[layer]
        if name == f"kyrgyz_events.{above.removesuffix('.py')}" or name.startswith(f"kyrgyz_events.{above}.")
    ]
    assert upward == []
