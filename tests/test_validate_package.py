"""The library entry point: inputs it accepts, the rule registry, the vendored profile, the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import published_package
from faults.editor import PackageEditor

import kyrgyz_events
from kyrgyz_events.validators import RULES, validate
from kyrgyz_events.validators.host_rules import cycle_members
from kyrgyz_events.validators.package_rules import profile, profile_findings


def test_validate_is_the_top_level_library_call(sample_package: Path) -> None:
    report = kyrgyz_events.validate(sample_package)
    assert report.valid and report.exit_code == 0
    assert report.rows_checked["events.parquet"] == report.rows_checked["events.jsonl"] > 0


def test_every_rule_has_a_one_line_description() -> None:
    assert len(RULES) >= 25
    for rule in RULES.values():
        assert rule.description and "\n" not in rule.description
        assert rule.scope in {"record", "table", "cross", "scheme", "provenance", "package", "annotations", "migration"}


@pytest.mark.parametrize("name", ["datapackage.json", ".", "data/events.parquet", "data/events.jsonl"])
def test_accepted_inputs(sample_package: Path, name: str) -> None:
    report = validate(sample_package / name)
    assert report.exit_code == 0, report.to_text()
    assert report.schema_version is not None


def test_single_file_runs_record_and_table_rules(sample_package: Path, tmp_path: Path) -> None:
    shutil.copytree(sample_package, tmp_path / "p")
    editor = PackageEditor(tmp_path / "p")
    editor.update("actors", lambda f: f.vstack(f.head(1)))
    report = validate(tmp_path / "p" / "data" / "actors.parquet")
    assert {(f.rule, f.table) for f in report.findings} == {("table.unique_id", "actors")}


def test_parquet_declaring_an_unknown_version_is_unusable(sample_package: Path, tmp_path: Path) -> None:
    shutil.copytree(sample_package, tmp_path / "p")
    path = tmp_path / "p" / "data" / "actors.parquet"
    table = pq.read_table(path)
    meta = {**table.schema.metadata, b"kyrgyz_events.schema_version": b"99.0.0"}
    pq.write_table(table.replace_schema_metadata(meta), path)
    report = validate(path)
    assert report.exit_code == 2
    assert [f.rule for f in report.findings] == ["package.schema_version"]
    PackageEditor(tmp_path / "p").refresh()
    report = validate(tmp_path / "p")
    assert report.exit_code == 2
    assert {(f.rule, f.table) for f in report.findings} == {("package.schema_version", "actors")}


def test_profile_is_vendored_and_rejects_a_broken_descriptor() -> None:
    schema = profile()
    assert schema["properties"]["resources"]["minItems"] == 1
    assert [f.field for f in profile_findings({"resources": []})] == ["resources"]
    assert profile_findings({"resources": [{"name": "x", "path": "data/x.csv"}]}) == []
    bad_field = {"name": "x", "path": "x.csv", "schema": {"fields": [{"name": "a", "type": "no-such-type"}]}}
    assert profile_findings({"resources": [bad_field]})


def test_publish_writes_a_profile_valid_descriptor(sample_package: Path) -> None:
    """The descriptor written by publish/ (list fields, foreign keys) is valid against the v2 profile."""
    import json

    descriptor = json.loads((sample_package / "datapackage.json").read_text(encoding="utf-8"))
    assert profile_findings(descriptor) == []


def test_cycle_members_are_exactly_the_cycle() -> None:
    import polars as pl

    ids = pl.Series(["a", "b", "c", "d", "e", "f"])
    parents = pl.Series(["b", "c", "a", "a", None, "f"])  # a->b->c->a, d hangs off it, f is its own parent
    assert sorted(cycle_members(ids, parents).to_list()) == ["a", "b", "c", "f"]
    assert cycle_members(pl.Series(["a", "b"]), pl.Series([None, "a"])).to_list() == []


def test_repository_package_and_annotations_validate() -> None:
    import kyrgyz_events

    assert published_package() is not None, "dataset/package has not been built"
    report = kyrgyz_events.validate()
    assert report.exit_code == 0, report.to_text()
    assert report.rows_checked
