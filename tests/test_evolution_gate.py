"""The CI gate: a model change without the matching SCHEMA_VERSION bump fails, and says which bump."""

from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, create_model

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.cli import schema as schema_cli
from kyrgyz_events.evolution.gate import check_bump
from kyrgyz_events.evolution.releases import folder_digests, read_releases, record_release, release_problems
from kyrgyz_events.generate import json_schema
from kyrgyz_events.generate.json_schema import all_json_schemas
from kyrgyz_events.models import TABLES
from kyrgyz_events.paths import repo_root

REPO = repo_root()
RELEASED = SCHEMA_VERSION  # the latest release: its folder is what the current models generate
_MAJOR, _MINOR, _PATCH = (int(p) for p in RELEASED.split("."))
MINOR = f"{_MAJOR}.{_MINOR + 1}.0"  # the next versions, as the gate computes them
MAJOR = f"{_MAJOR + 1}.0.0"
PATCH = f"{_MAJOR}.{_MINOR}.{_PATCH + 1}"
SKIPPED = f"{_MAJOR}.{_MINOR + 2}.0"


def run_cli(*argv: str) -> int:
    p = argparse.ArgumentParser()
    schema_cli.add_parser(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(["schema", *argv])
    code: int = args.run(args)
    return code


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A checkout with the latest schema released and a changelog that knows only it."""
    assert REPO is not None
    shutil.copytree(REPO / "schema" / RELEASED, tmp_path / "schema" / RELEASED)
    record_release(tmp_path / "schema", RELEASED)
    (tmp_path / "schema" / "CHANGELOG.md").write_text(f"# Changelog\n\n## {RELEASED}\n\nFirst.\n", encoding="utf-8")
    return tmp_path


def with_column(nullable: bool) -> dict[str, dict[str, Any]]:
    """What the models would generate with one more evidence column."""
    schemas = copy.deepcopy(all_json_schemas(RELEASED))
    evidence = schemas["evidence"]
    value = {"type": "integer", "minimum": 0}
    evidence["properties"]["sentence_index"] = (
        {"anyOf": [value, {"type": "null"}], "description": "Sentence."} if nullable else {**value, "description": "S."}
    )
    evidence["required"].append("sentence_index")
    return schemas


def add_changelog(root: Path, version: str) -> None:
    path = root / "schema" / "CHANGELOG.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n## {version}\n\nAdded a column.\n", encoding="utf-8")


def test_the_current_repository_passes() -> None:
    assert REPO is not None
    result = check_bump(REPO)
    assert result.ok, result.to_text()
    assert result.released == RELEASED and result.version == SCHEMA_VERSION
    assert RELEASED in read_releases(REPO / "schema")
    assert run_cli("check-bump") == 0


def test_an_unchanged_model_at_the_released_version_passes(repo: Path) -> None:
    result = check_bump(repo, version=RELEASED)
    assert result.ok, result.to_text()
    assert result.diff is not None and result.diff.changes == ()


def test_a_real_model_change_without_a_bump_fails(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A field added to a pydantic model (not a hand-edited schema) is caught."""
    evidence = create_model(  # type: ignore[call-overload]
        "EvidenceWithSentence",
        __base__=TABLES["evidence"],
        sentence_index=(int | None, Field(default=None, ge=0, description="Index of the sentence.")),
    )
    monkeypatch.setattr(json_schema, "TABLES", {**TABLES, "evidence": evidence})
    result = check_bump(repo, version=RELEASED)
    assert not result.ok
    message = result.problems[0]
    assert f"the models changed since schema {RELEASED} was released but SCHEMA_VERSION is still {RELEASED}" in message
    assert f'a MINOR bump is needed: set SCHEMA_VERSION = "{MINOR}"' in message
    assert "column_added evidence.sentence_index (MINOR)" in message


def test_an_unbumped_breaking_change_asks_for_a_major_bump(repo: Path) -> None:
    result = check_bump(repo, current=with_column(nullable=False), version=RELEASED)
    assert not result.ok
    assert f'a MAJOR bump is needed: set SCHEMA_VERSION = "{MAJOR}"' in result.problems[0]
    assert "column_added evidence.sentence_index (MAJOR)" in result.problems[0]


def test_the_matching_bump_with_a_changelog_entry_passes(repo: Path) -> None:
    add_changelog(repo, MINOR)
    result = check_bump(repo, current=with_column(nullable=True), version=MINOR)
    assert result.ok, result.to_text()
    assert result.diff is not None and result.diff.compatibility == "BACKWARD"


def test_a_bump_needs_a_changelog_entry(repo: Path) -> None:
    result = check_bump(repo, current=with_column(nullable=True), version=MINOR)
    assert result.problems == [
        f"schema/CHANGELOG.md has no '## {MINOR}' entry: say what changed and what a user must do"
    ]


@pytest.mark.parametrize(
    ("version", "nullable", "expected"),
    [
        (MAJOR, True, f"SCHEMA_VERSION {MAJOR} is a MAJOR bump from {RELEASED}, but the changes need a MINOR bump: "
         f'set SCHEMA_VERSION = "{MINOR}"'),
        (PATCH, True, f"SCHEMA_VERSION {PATCH} is a PATCH bump from {RELEASED}, but the changes need a MINOR bump"),
        (MINOR, False, f"SCHEMA_VERSION {MINOR} is a MINOR bump from {RELEASED}, but the changes need a MAJOR bump: "
         f'set SCHEMA_VERSION = "{MAJOR}"'),
        (SKIPPED, True, f'SCHEMA_VERSION {SKIPPED} skips a version: a MINOR bump from {RELEASED} is {MINOR}; '
         f'set SCHEMA_VERSION = "{MINOR}"'),
    ],
    ids=["major_for_minor", "patch_for_minor", "minor_for_major", "skipped_a_minor"],
)  # fmt: skip
def test_a_bump_of_the_wrong_class_fails(repo: Path, version: str, nullable: bool, expected: str) -> None:
    add_changelog(repo, version)
    result = check_bump(repo, current=with_column(nullable), version=version)
    assert len(result.problems) == 1 and result.problems[0].startswith(expected), result.problems


def test_a_bump_without_a_change_fails(repo: Path) -> None:
    add_changelog(repo, MINOR)
    result = check_bump(repo, current=all_json_schemas(MINOR), version=MINOR)
    assert result.problems == [
        f"SCHEMA_VERSION {MINOR} is a MINOR bump from {RELEASED}, but the models did not change: "
        f'set SCHEMA_VERSION back to "{RELEASED}" in src/kyrgyz_events/_version.py'
    ]  # fmt: skip


def test_a_version_older_than_the_release_fails(repo: Path) -> None:
    result = check_bump(repo, version="0.9.0")
    assert result.problems == [
        f"SCHEMA_VERSION 0.9.0 in src/kyrgyz_events/_version.py is older than released {RELEASED}"
    ]


def test_a_released_folder_is_immutable(repo: Path) -> None:
    folder = repo / "schema" / RELEASED
    (folder / "events.schema.json").write_text("{}\n", encoding="utf-8")
    (folder / "extra.json").write_text("{}\n", encoding="utf-8")
    (folder / "README.md").unlink()
    example = sorted((folder / "examples").rglob("*.json"))[0]
    example.write_text("{}\n", encoding="utf-8")
    example_rel = example.relative_to(folder).as_posix()
    recorded = read_releases(repo / "schema")[RELEASED]
    problems = release_problems(repo / "schema")
    assert problems == [
        f"schema/{RELEASED}/README.md was released but is missing",
        f"schema/{RELEASED}/events.schema.json changed after schema {RELEASED} was released "
        f"({recorded['events.schema.json']} recorded)",
        f"schema/{RELEASED}/{example_rel} changed after schema {RELEASED} was released "
        f"({recorded[example_rel]} recorded)",
        f"schema/{RELEASED}/extra.json was added after schema {RELEASED} was released",
    ]
    result = check_bump(repo, version=RELEASED)
    assert result.problems[:4] == problems
    assert result.problems[4].startswith(f"cannot read released schema {RELEASED}: ")


def test_a_release_is_recorded_once(repo: Path) -> None:
    assert record_release(repo / "schema", RELEASED) is False
    assert read_releases(repo / "schema")[RELEASED] == folder_digests(repo / "schema" / RELEASED)
    (repo / "schema" / RELEASED / "tables.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="was released with other files"):
        record_release(repo / "schema", RELEASED)


def test_no_recorded_release_fails(tmp_path: Path) -> None:
    result = check_bump(tmp_path)
    assert not result.ok and "records no release" in result.problems[0]


def test_cli_check_bump_exit_codes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "schema" / RELEASED / "events.schema.json").write_text("{}\n", encoding="utf-8")
    assert run_cli("check-bump", "--root", str(repo)) == 1
    err = capsys.readouterr().err
    assert f"error: schema/{RELEASED}/events.schema.json changed after schema {RELEASED} was released" in err


def test_cli_generate_check_names_stale_files_and_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert REPO is not None
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copy(REPO / "CITATION.cff", tmp_path)
    assert run_cli("generate", "--check", "--root", str(tmp_path)) == 0
    (tmp_path / "docs" / "reference.md").write_text("stale\n", encoding="utf-8")
    (tmp_path / "schema" / SCHEMA_VERSION / "actors.schema.json").unlink()
    assert run_cli("generate", "--check", "--root", str(tmp_path)) == 1
    err = capsys.readouterr().err
    regenerate = "run `kyrgyz-events schema generate`"
    assert f"error: schema/{SCHEMA_VERSION}/actors.schema.json differs from the models; {regenerate}" in err
    assert f"error: docs/reference.md differs from the models; {regenerate}" in err
    assert run_cli("generate", "--root", str(tmp_path)) == 0
    assert "wrote docs/reference.md" in capsys.readouterr().out
    assert run_cli("generate", "--check", "--root", str(tmp_path)) == 0


def test_cli_diff_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "evolution" / "schema"
    assert run_cli("diff", str(fixtures / "9.0.0"), str(fixtures / "10.0.0")) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"schema {fixtures / '9.0.0'} -> {fixtures / '10.0.0'}: MAJOR (backward: no, forward: no")
    assert run_cli("diff", RELEASED, "models", "--format", "json") == 0
    assert '"level": "NONE"' in capsys.readouterr().out
    assert run_cli("diff", RELEASED, "no-such-version") == 2
    assert "no such schema folder" in capsys.readouterr().err
