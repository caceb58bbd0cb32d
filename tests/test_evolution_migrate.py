"""Migrations end to end on a synthetic MAJOR change: fixture schema 9.0.0 -> 10.0.0 renames
visits.visitor to visits.visitor_name; a migration registered in the test (not in the package's registry)
upgrades a small package."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from kyrgyz_events.cli import migrate as migrate_cli
from kyrgyz_events.evolution import migrations
from kyrgyz_events.evolution.migrations import (
    MigrationError,
    MigrationRegistry,
    Tables,
    load_specs_from,
    migrate_package,
)
from kyrgyz_events.findings import Finding, Report
from kyrgyz_events.publish.package import write_package

FIXTURES = Path(__file__).parent / "fixtures" / "evolution" / "schema"
PLACES = [
    {"place_id": "plc-bishkek", "name": "Bishkek", "kind": "city", "population": 1_000_000},
    {"place_id": "plc-talas", "name": "Talas", "kind": "village", "population": None},
]
VISITS = [
    {"visit_id": "vis-1", "place_id": "plc-bishkek", "visitor": "Roza", "visited_on": dt.date(2010, 4, 7),
     "tags": ["protest"]},
    {"visit_id": "vis-2", "place_id": "plc-talas", "visitor": "Kurmanbek", "visited_on": None, "tags": []},
]  # fmt: skip


def rename_visitor(tables: Tables) -> Tables:
    return {**tables, "visits": tables["visits"].rename({"visitor": "visitor_name"})}


@pytest.fixture
def registry() -> MigrationRegistry:
    reg = MigrationRegistry()
    reg.register("9.0.0", "10.0.0")(rename_visitor)
    return reg


@pytest.fixture
def package(tmp_path: Path) -> Path:
    out = tmp_path / "pkg-9"
    specs = load_specs_from(FIXTURES, "9.0.0")
    write_package(out, specs, {"places": PLACES, "visits": VISITS}, {"name": "fixture", "version": "3.0.0"})
    return out


def digests(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert files, f"{folder} holds no file"
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_a_major_change_migrates_end_to_end(package: Path, registry: MigrationRegistry, tmp_path: Path) -> None:
    before = digests(package)
    out = tmp_path / "pkg-10"
    result = migrate_package(package, "10.0.0", out, registry=registry, schema_dir=FIXTURES)
    assert result.exit_code == 0 and result.report is not None and result.report.valid
    assert [s.describe() for s in result.steps] == ["9.0.0 -> 10.0.0 (rename_visitor)"]
    assert digests(package) == before, "the input package was modified"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg-10", "pkg-9"], "a temporary folder was left behind"

    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["x-schemaVersion"] == "10.0.0" and descriptor["version"] == "3.0.0"
    visits_resource = next(r for r in descriptor["resources"] if r["name"] == "visits")
    assert [f["name"] for f in visits_resource["schema"]["fields"]][2] == "visitor_name"
    assert visits_resource["hash"] == "sha256:" + hashlib.sha256((out / "data/visits.parquet").read_bytes()).hexdigest()

    parquet = pq.read_table(out / "data/visits.parquet")
    meta = parquet.schema.metadata
    assert meta[b"kyrgyz_events.schema_version"] == b"10.0.0" and meta[b"kyrgyz_events.table"] == b"visits"
    assert parquet.column_names == ["visit_id", "place_id", "visitor_name", "visited_on", "tags"]
    # Round trip: the migrated rows are the original rows with the column renamed, nothing else changed.
    expected = [{("visitor_name" if k == "visitor" else k): v for k, v in row.items()} for row in VISITS]
    assert parquet.to_pylist() == expected
    assert pq.read_table(out / "data/places.parquet").to_pylist() == PLACES
    lines = (out / "data/visits.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {**expected[0], "visited_on": "2010-04-07"}


def test_a_major_change_without_a_migration_is_refused(package: Path, tmp_path: Path) -> None:
    with pytest.raises(MigrationError) as err:
        migrate_package(package, "10.0.0", tmp_path / "out", registry=MigrationRegistry(), schema_dir=FIXTURES)
    assert str(err.value) == (
        "no migration registered from 9.0.0 to 10.0.0, and the change is not backward compatible (MAJOR): "
        "column_removed visits.visitor; column_added visits.visitor_name"
    )
    assert not (tmp_path / "out").exists()


def test_a_backward_compatible_step_needs_no_migration(package: Path, tmp_path: Path) -> None:
    """9.0.0 -> 9.1.0 adds a nullable column and a table: old rows read the column as null, the table as empty."""
    schema_dir = tmp_path / "schema"
    shutil.copytree(FIXTURES / "9.0.0", schema_dir / "9.0.0")
    shutil.copytree(FIXTURES / "9.0.0", schema_dir / "9.1.0")
    places = json.loads((schema_dir / "9.1.0/places.schema.json").read_text(encoding="utf-8"))
    places["properties"]["elevation"] = {"anyOf": [{"type": "integer"}, {"type": "null"}], "description": "Metres."}
    places["required"].append("elevation")
    guides = {**places, "title": "guides"}
    for name, schema in (("places", places), ("guides", guides)):
        schema["x-schemaVersion"] = "9.1.0"
        (schema_dir / f"9.1.0/{name}.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (schema_dir / "9.1.0/tables.json").write_text('{"tables": ["places", "visits", "guides"]}', encoding="utf-8")

    out = tmp_path / "pkg-9.1"
    result = migrate_package(package, "9.1.0", out, registry=MigrationRegistry(), schema_dir=schema_dir)
    assert result.exit_code == 0 and [s.migration for s in result.steps] == [None]
    rows = pq.read_table(out / "data/places.parquet").to_pylist()
    assert rows == [{**row, "elevation": None} for row in PLACES]
    assert pq.read_table(out / "data/guides.parquet").num_rows == 0


def test_an_invalid_result_is_reported_and_not_written(package: Path, tmp_path: Path) -> None:
    reg = MigrationRegistry()

    @reg.register("9.0.0", "10.0.0")
    def blank_names(tables: Tables) -> Tables:
        visits = rename_visitor(tables)["visits"].with_columns(pl.lit("").alias("visitor_name"))
        return {**tables, "visits": visits}

    out = tmp_path / "out"
    result = migrate_package(package, "10.0.0", out, registry=reg, schema_dir=FIXTURES)
    assert result.exit_code == 1 and result.report is not None
    found = [(f.table, f.record_id, f.field, f.rule) for f in result.report.findings]
    assert found == [
        ("visits", "vis-1", "visitor_name", "record.json_schema"),
        ("visits", "vis-2", "visitor_name", "record.json_schema"),
    ]
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["pkg-9"]


def test_a_migration_that_leaves_an_undeclared_column_is_named(package: Path, tmp_path: Path) -> None:
    reg = MigrationRegistry()
    reg.register("9.0.0", "10.0.0")(lambda tables: tables)
    with pytest.raises(MigrationError, match=r"table visits has columns \['visitor'\] the target schema does not"):
        migrate_package(package, "10.0.0", tmp_path / "out", registry=reg, schema_dir=FIXTURES)


@pytest.mark.parametrize(
    ("to", "out_name", "message"),
    [
        ("11.0.0", "out", "unknown schema version '11.0.0'"),
        ("9.0.0", "out", "migrations only upgrade"),
        ("10.0.0", "pkg-9", "already exists"),
        ("10.0.0", "pkg-9/inside", "is inside the package"),
    ],
    ids=["unknown_version", "not_an_upgrade", "out_exists", "out_inside_input"],
)
def test_unusable_requests_are_refused(
    package: Path, registry: MigrationRegistry, tmp_path: Path, to: str, out_name: str, message: str
) -> None:
    before = digests(package)
    with pytest.raises(MigrationError, match=message):
        migrate_package(package, to, tmp_path / out_name, registry=registry, schema_dir=FIXTURES)
    assert digests(package) == before


def test_a_missing_table_file_is_named(package: Path, registry: MigrationRegistry, tmp_path: Path) -> None:
    (package / "data/visits.parquet").unlink()
    with pytest.raises(MigrationError, match=r"data/visits\.parquet: cannot read table visits"):
        migrate_package(package, "10.0.0", tmp_path / "out", registry=registry, schema_dir=FIXTURES)


def test_registry_refuses_downgrades_and_duplicates() -> None:
    reg = MigrationRegistry()
    with pytest.raises(ValueError, match="not newer"):
        reg.register("2.0.0", "1.0.0")
    reg.register("1.0.0", "2.0.0")(rename_visitor)
    assert ("1.0.0", "2.0.0") in reg
    with pytest.raises(ValueError, match="already registered"):
        reg.register("1.0.0", "2.0.0")(rename_visitor)
    assert ("9.0.0", "10.0.0") not in migrations.REGISTRY


def run_cli(*argv: str) -> int:
    p = argparse.ArgumentParser()
    migrate_cli.add_parser(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(["migrate", *argv])
    code: int = args.run(args)
    return code


def test_cli_migrates_and_reports(
    package: Path,
    registry: MigrationRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(migrations, "REGISTRY", registry)
    assert run_cli(str(package), "--to", "10.0.0", "--schema-dir", str(FIXTURES)) == 0
    out = capsys.readouterr().out
    assert f"migrated {package} (schema 9.0.0) to {tmp_path / 'pkg-9-10.0.0'} (schema 10.0.0)" in out
    assert (tmp_path / "pkg-9-10.0.0" / "datapackage.json").is_file()
    assert run_cli(str(package), "--to", "10.0.0", "--schema-dir", str(FIXTURES)) == 2
    assert "already exists" in capsys.readouterr().err
    assert run_cli(str(tmp_path / "nothing"), "--to", "10.0.0", "--schema-dir", str(FIXTURES)) == 2
    assert "no datapackage.json" in capsys.readouterr().err


def test_the_package_validator_runs_on_the_result_before_it_is_renamed_into_place(
    package: Path, registry: MigrationRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the installation's schemas, the full validator (kyrgyz_events.validators.validate) checks the
    staged folder; its findings keep the result from being renamed into place."""
    seen: list[Path] = []

    def fake_validate(path: Path) -> Report:
        if path == package:  # the input is validated first (and is valid here)
            return Report(target=str(path))
        seen.append(path)
        assert (path / "datapackage.json").is_file() and path.parent == tmp_path
        return Report(target=str(path), findings=[Finding("fk", "dangling", "visits", "vis-1", "place_id")])

    monkeypatch.setattr(migrations, "schema_root", lambda: FIXTURES)
    monkeypatch.setattr(migrations, "_full_validator", lambda: fake_validate)
    result = migrate_package(package, "10.0.0", tmp_path / "out", registry=registry)
    assert len(seen) == 1 and result.exit_code == 1
    assert result.report is not None and [f.rule for f in result.report.findings] == ["fk"]
    assert not (tmp_path / "out").exists() and not seen[0].exists()


def test_the_package_validator_is_the_real_one() -> None:
    validate = migrations._full_validator()
    assert validate is not None and validate.__module__ == "kyrgyz_events.validators"


def test_a_result_arrow_cannot_write_is_reported_not_raised(package: Path, tmp_path: Path) -> None:
    """A migration that leaves a value of the wrong type: the row check names it and nothing is written."""
    reg = MigrationRegistry()

    @reg.register("9.0.0", "10.0.0")
    def numbers_as_names(tables: Tables) -> Tables:
        visits = rename_visitor(tables)["visits"].with_columns(pl.lit(7).alias("visitor_name"))
        return {**tables, "visits": visits}

    result = migrate_package(package, "10.0.0", tmp_path / "out", registry=reg, schema_dir=FIXTURES)
    assert result.exit_code == 1 and result.report is not None
    assert {(f.table, f.field) for f in result.report.findings} == {("visits", "visitor_name")}
    assert not (tmp_path / "out").exists()


def test_a_write_failure_is_a_finding_and_nothing_is_written(
    package: Path, tmp_path: Path, registry: MigrationRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kyrgyz_events.evolution.migrations as migrations

    def refuse(*args: object, **kwargs: object) -> None:
        raise ValueError("value out of range for int64")

    monkeypatch.setattr(migrations, "write_package", refuse)
    out = tmp_path / "out"
    result = migrate_package(package, "10.0.0", out, registry=registry, schema_dir=FIXTURES)
    assert result.report is not None and result.exit_code == 1
    assert [f.rule for f in result.report.findings] == ["migration.write"]
    assert "value out of range" in result.report.findings[0].message
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["pkg-9"]
