"""The new-version checklist: every step docs/versioning.md lists is checked, a missing one is named, and the
mechanical ones are done by ``kyrgyz-events schema new-version``."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION
from kyrgyz_events.cli import parser
from kyrgyz_events.evolution.checklist import STEPS, Checklist, new_version
from kyrgyz_events.paths import repo_root

REPO = repo_root()
PREVIOUS = "1.1.0"  # the release before SCHEMA_VERSION, kept in dataset/releases/
#: What a checkout needs for the checklist: the schemas, the generated docs, the dataset, the example script.
COPIED = ("schema", "docs", "CITATION.cff", "dataset/package", "dataset/releases", "dataset/CHANGELOG.md")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the parts of this checkout the checklist reads, with its latest version complete."""
    assert REPO is not None, "the checklist is a maintainer command: the suite runs in a checkout"
    for rel in (*COPIED, "scripts/make_examples.py"):
        source, target = REPO / rel, tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    return tmp_path


def walk(root: Path, apply: bool = False, **kw: Any) -> Checklist:
    return new_version(root, parser(), apply=apply, **kw)


def status(result: Checklist) -> dict[str, str]:
    return {s.name: s.status for s in result.steps}


def detail(result: Checklist, name: str) -> str:
    return next(s.detail for s in result.steps if s.name == name)


def test_the_latest_version_of_this_checkout_has_every_step() -> None:
    assert REPO is not None
    result = walk(REPO)
    assert result.ok, result.to_text()
    assert result.version == SCHEMA_VERSION and result.previous == PREVIOUS


def test_docs_list_every_step_the_checklist_walks() -> None:
    assert REPO is not None
    text = (REPO / "docs" / "versioning.md").read_text(encoding="utf-8")
    section = text.split("## Adding a schema version: the checklist")[1].split("\n## ")[0]
    numbered = re.findall(r"^(\d+)\. \*\*", section, flags=re.MULTILINE)
    # Step 1 (change the models) is the maintainer's; the command walks steps 2 to 12, then releases.
    assert numbered == [str(n) for n in range(1, len(STEPS) + 3)]
    assert "kyrgyz-events schema new-version" in section


def _drop_heading(path: Path, version: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^## {re.escape(version)}\b.*$", "## earlier", text, flags=re.MULTILINE), "utf-8")


def _unrelease(root: Path) -> None:
    path = root / "schema" / "releases.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["releases"][SCHEMA_VERSION]
    path.write_text(json.dumps(data), encoding="utf-8")


def _declare(root: Path, version: str) -> None:
    path = root / "dataset" / "package" / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "x-schemaVersion": version}), encoding="utf-8")


def _first_invalid_case(root: Path) -> Path:
    return sorted((root / "schema" / SCHEMA_VERSION / "examples").glob("*/invalid-*.json"))[0]


#: step -> how to undo it in a complete checkout, whether the command redoes it, and what the message names.
UNDONE: dict[str, tuple[Callable[[Path], None], bool, str]] = {
    "schema changelog": (lambda r: _drop_heading(r / "schema" / "CHANGELOG.md", SCHEMA_VERSION), False, "## "),
    "generated files": (lambda r: (r / "docs" / "reference.md").unlink(), True, "docs/reference.md"),
    "invalid examples": (lambda r: _first_invalid_case(r).unlink(), True, "make_examples.py"),
    "old release frozen": (lambda r: shutil.rmtree(r / "dataset" / "releases" / PREVIOUS), False, PREVIOUS),
    "dataset rebuilt": (lambda r: _declare(r, PREVIOUS), False, "kyrgyz-events build"),
    "dataset version": (lambda r: _drop_heading(r / "dataset" / "CHANGELOG.md", DATASET_VERSION), False, "CHANGELOG"),
    "released": (_unrelease, True, "schema release"),
}
#: Steps that undoing one of them also undoes: a file of the released folder changed, which the gate reports.
ALSO_MISSING = {"invalid examples": ["version", "released"]}


@pytest.mark.parametrize("step", sorted(UNDONE), ids=sorted(UNDONE))
def test_a_missing_step_is_named_and_a_mechanical_one_done(checkout: Path, step: str) -> None:
    undo, mechanical, named = UNDONE[step]
    undo(checkout)
    checked = walk(checkout)
    assert sorted(checked.missing) == sorted([step, *ALSO_MISSING.get(step, [])]), checked.to_text()
    assert named in detail(checked, step)
    applied = walk(checkout, apply=True)
    if mechanical:
        assert status(applied)[step] == "done", applied.to_text()
        assert walk(checkout).ok
    else:
        assert step in applied.missing, applied.to_text()


def test_examples_missing_for_a_table_are_named(checkout: Path) -> None:
    shutil.rmtree(checkout / "schema" / SCHEMA_VERSION / "examples" / "sentences")
    result = walk(checkout)
    assert "examples" in result.missing and "sentences" in detail(result, "examples")


def test_the_examples_are_copied_from_the_previous_version_and_what_to_adapt_is_named(checkout: Path) -> None:
    shutil.rmtree(checkout / "schema" / SCHEMA_VERSION / "examples")
    assert "examples" in walk(checkout).missing
    result = walk(checkout, apply=True)
    assert (checkout / "schema" / SCHEMA_VERSION / "examples" / "events").is_dir()
    message = detail(result, "examples")
    assert message.startswith(f"copied schema/{PREVIOUS}/examples/")
    assert "acled_events" in message  # a table 1.1.0 has not: its valid cases are to be written
    assert "events/valid-" in message  # 1.1.0 events have the removed scheme columns: to adapt
    assert status(result)["released"] == "missing"  # the released folder changed: never released again


def test_a_synth_that_writes_invalid_packages_is_named(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(out: Path, events: int, seed: int = 0) -> None:
        raise ValueError("no generator for the new column")

    monkeypatch.setattr("kyrgyz_events.synth.synthesize", broken)
    result = walk(checkout)
    assert result.missing == ["synth"], result.to_text()
    assert "src/kyrgyz_events/synth/" in detail(result, "synth")


def test_a_major_change_without_a_migration_is_named(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kyrgyz_events.evolution import migrations

    def no_migration(*args: object) -> None:
        raise migrations.MigrationError(f"no migration registered from {PREVIOUS} to {SCHEMA_VERSION}")

    monkeypatch.setattr(migrations, "plan", no_migration)
    result = walk(checkout)
    assert result.missing == ["migration"], result.to_text()
    assert "REGISTRY" in detail(result, "migration")


def test_a_version_in_progress_freezes_the_old_release_and_names_the_rest(checkout: Path) -> None:
    upcoming = "2.1.0"
    result = walk(checkout, apply=True, version=upcoming)
    assert result.previous == SCHEMA_VERSION
    assert status(result)["old release frozen"] == "done", result.to_text()
    frozen = checkout / "dataset" / "releases" / SCHEMA_VERSION
    assert json.loads((frozen / "datapackage.json").read_text(encoding="utf-8"))["x-schemaVersion"] == SCHEMA_VERSION
    assert f"`{SCHEMA_VERSION}/`" in (checkout / "dataset" / "releases" / "README.md").read_text(encoding="utf-8")
    assert set(result.missing) >= {"version", "schema changelog", "examples", "dataset rebuilt", "released"}
    assert "once every step above is done" in detail(result, "released")
    assert not (checkout / "schema" / "releases.json").read_text(encoding="utf-8").count(upcoming)


def test_the_cli_checks_without_changing_and_exits_1_naming_the_step(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kyrgyz_events.cli import main

    assert main(["schema", "new-version", "--check", "--root", str(checkout)]) == 0
    _unrelease(checkout)
    assert main(["schema", "new-version", "--check", "--root", str(checkout)]) == 1
    assert "missing released" in capsys.readouterr().err
    assert main(["schema", "new-version", "--root", str(checkout)]) == 0
    assert SCHEMA_VERSION in json.loads((checkout / "schema" / "releases.json").read_text(encoding="utf-8"))["releases"]
