"""Every released schema version stays usable: its examples, its release package, its upgrade path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kyrgyz_events import validate
from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import known_versions, load_specs
from kyrgyz_events.evolution.diff import diff_versions, load_schema_folder
from kyrgyz_events.evolution.migrations import migrate_package
from kyrgyz_events.paths import schema_root

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "dataset" / "releases"


def _cases() -> list[tuple[str, Path]]:
    cases = [(v, p) for v in known_versions() for p in sorted((schema_root() / v / "examples").glob("*/*.json"))]
    assert {v for v, _ in cases} == set(known_versions()), "a released version has no examples"
    return cases


@pytest.mark.parametrize(("version", "path"), _cases(), ids=lambda x: str(x)[-60:] if isinstance(x, Path) else x)
def test_every_version_keeps_its_examples_under_its_own_schema(version: str, path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    schema = load_specs(version)[path.parent.name].json_schema
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(case["data"]))
    assert (not errors) is case["valid"], f"{version}/{path.parent.name}/{path.name}: {[e.message for e in errors]}"


def test_more_than_one_version_is_released() -> None:
    assert len(known_versions()) >= 2 and known_versions()[-1] == SCHEMA_VERSION


@pytest.mark.parametrize("version", [v for v in known_versions() if v != SCHEMA_VERSION])
def test_each_earlier_release_package_validates_under_its_own_version(version: str) -> None:
    package = RELEASES / version
    declared = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))["x-schemaVersion"]
    assert declared == version
    report = validate(package)
    assert report.valid, report.to_text()
    assert report.schema_version == version


def test_first_evolution_is_minor_and_backward_compatible() -> None:
    diff = diff_versions(
        load_schema_folder(schema_root() / "1.0.0"), load_schema_folder(schema_root() / "1.1.0"), "1.0.0", "1.1.0"
    )
    assert diff.level.name == "MINOR"
    assert diff.backward and not diff.forward
    assert {(c.kind, c.table, c.column) for c in diff.changes} == {
        ("table_added", "sentences", None),
        ("column_added", "evidence", "sentence_id"),
        ("foreign_key_added", "evidence", "sentence_id"),
    }


def test_the_1_0_0_release_migrates_to_1_1_0(tmp_path: Path) -> None:
    out = tmp_path / "upgraded"
    result = migrate_package(RELEASES / "1.0.0", "1.1.0", out)
    assert result.exit_code == 0 and result.report is not None and result.report.valid, result.report
    upgraded = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert upgraded["x-schemaVersion"] == "1.1.0"
    assert validate(out).valid


@pytest.mark.parametrize("release", ["1.0.0", "1.1.0"])
def test_a_1_x_release_migrates_to_2_0_0_but_for_the_attributions_only_an_annotator_can_quote(
    release: str, tmp_path: Path
) -> None:
    """The 2.0.0 migration drops the looked-up columns, re-derives the estimates and makes contradicted
    claims disputed; what it cannot do is quote a claim's source and cue (PARC). So the result is refused
    (exit 1, nothing written), and the findings name exactly those claims, by that one rule."""
    assert SCHEMA_VERSION == "2.0.0"
    out = tmp_path / "upgraded"
    result = migrate_package(RELEASES / release, "2.0.0", out)
    assert result.exit_code == 1 and result.report is not None and not out.exists()
    rules = {(f.rule, f.table) for f in result.report.findings}
    assert rules == {("cross.attribution_evidence", "claims")}, result.report.to_text()
    named = {f.record_id for f in result.report.findings}
    assert "clm-health-ministry-40-killed" in named  # "said" was not in its evidence before 2.0.0
