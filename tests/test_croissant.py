"""croissant.json (Croissant 1.1): what it declares, that mlcroissant validates it and reads every record set."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import mlcroissant as mlc
import pyarrow.parquet as pq
import pytest

from kyrgyz_events.contracts import load_specs
from kyrgyz_events.load import path
from kyrgyz_events.package_io.croissant import CONFORMS_TO, croissant, field_id

ROOT = path()
DESCRIPTOR: dict[str, Any] = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
SPECS = load_specs(DESCRIPTOR["x-schemaVersion"])
TABLES = [r["name"] for r in DESCRIPTOR["resources"] if r["format"] == "parquet"]


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return croissant(DESCRIPTOR, ROOT)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any]) -> Path:
    """A copy of the package's Parquet files with a freshly written croissant.json next to them."""
    out = tmp_path_factory.mktemp("croissant")
    shutil.copytree(ROOT / "data", out / "data", ignore=shutil.ignore_patterns("*.jsonl"))
    shutil.copytree(ROOT / "export", out / "export")
    (out / "croissant.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return out / "croissant.json"


def test_dataset_metadata(doc: dict[str, Any]) -> None:
    assert doc["@type"] == "sc:Dataset"
    assert doc["conformsTo"] == CONFORMS_TO
    assert doc["name"] == DESCRIPTOR["name"]
    assert doc["version"] == DESCRIPTOR["version"]
    assert doc["license"] == [lic["path"] for lic in DESCRIPTOR["licenses"]]
    assert doc["citeAs"].startswith("@misc{") and DESCRIPTOR["version"] in doc["citeAs"]


def test_one_file_object_per_parquet_file_with_its_sha256(doc: dict[str, Any]) -> None:
    files = [f for f in doc["distribution"] if f["contentUrl"].startswith("data/")]
    assert [f["contentUrl"] for f in files] == [f"data/{t}.parquet" for t in TABLES]
    for f in files:
        assert f["@type"] == "cr:FileObject"
        assert f["sha256"] == hashlib.sha256((ROOT / f["contentUrl"]).read_bytes()).hexdigest(), f["contentUrl"]
        assert "application/x-parquet" in f["encodingFormat"]


def test_one_file_object_per_export_file_with_its_sha256(doc: dict[str, Any]) -> None:
    """The non-tabular resources of datapackage.json (the exports) are FileObjects too, in the same order."""
    exports = [r for r in DESCRIPTOR["resources"] if r.get("type") != "table"]
    assert {r["path"] for r in exports} == {p.relative_to(ROOT).as_posix() for p in (ROOT / "export").rglob("*.*")}
    files = [f for f in doc["distribution"] if not f["contentUrl"].startswith("data/")]
    assert [(f["@id"], f["contentUrl"], f["encodingFormat"]) for f in files] == [
        (r["name"], r["path"], r["mediatype"]) for r in exports
    ]
    for f in files:
        data = (ROOT / f["contentUrl"]).read_bytes()
        assert f["sha256"] == hashlib.sha256(data).hexdigest(), f["contentUrl"]
        assert f["contentSize"] == f"{len(data)} B"
    ids = [f["@id"] for f in doc["distribution"]] + [rs["@id"] for rs in doc["recordSet"]]
    assert len(ids) == len(set(ids))


def test_record_sets_mirror_the_table_contracts(doc: dict[str, Any]) -> None:
    record_sets = {rs["@id"]: rs for rs in doc["recordSet"]}
    assert list(record_sets) == TABLES
    expected = {
        "string": "sc:Text",
        "integer": "sc:Integer",
        "number": "sc:Float",
        "boolean": "sc:Boolean",
        "date": "sc:Date",
    }
    for table, spec in SPECS.items():
        fields = {f["name"]: f for f in record_sets[table]["field"]}
        assert list(fields) == spec.column_names, table
        for column in spec.columns:
            f = fields[column.name]
            kind = (column.item_kind or "string") if column.kind == "list" else column.kind
            assert f["dataType"] == expected[kind], (table, column.name)
            assert f.get("isArray", False) == (column.kind == "list"), (table, column.name)
            assert f["source"] == {"fileObject": {"@id": f"{table}-parquet"}, "extract": {"column": column.name}}
        key = record_sets[table]["key"]
        keys = [key] if isinstance(key, dict) else key
        assert [k["@id"] for k in keys] == [field_id(table, c) for c in spec.primary_key], table


def test_every_foreign_key_is_a_reference_that_resolves(doc: dict[str, Any]) -> None:
    """mlcroissant does not check that references resolve; this does. Self-references (parent ids) are left out:
    mlcroissant reads ``references`` as a join, and a table joined to itself is a cycle it cannot execute."""
    ids = {f["@id"] for rs in doc["recordSet"] for f in rs["field"]}
    declared = {
        (rs["@id"], f["name"]): f["references"]["field"]["@id"]
        for rs in doc["recordSet"]
        for f in rs["field"]
        if "references" in f
    }
    expected = {
        (spec.name, column): field_id(fk.table, ref)
        for spec in SPECS.values()
        for fk in spec.foreign_keys
        if fk.table != spec.name
        for column, ref in zip(fk.fields, fk.ref_fields, strict=True)
    }
    assert declared == expected
    assert ("events", "location_id") in declared and ("claims", "claimant_actor_id") in declared
    assert set(declared.values()) <= ids


def test_deterministic(doc: dict[str, Any]) -> None:
    assert json.dumps(croissant(DESCRIPTOR, ROOT), sort_keys=True) == json.dumps(doc, sort_keys=True)


def test_shipped_croissant_matches_a_fresh_one(doc: dict[str, Any]) -> None:
    """The published croissant.json is what this module writes for the published package (a drift gate)."""
    shipped = ROOT / "croissant.json"
    assert shipped.is_file(), f"{shipped} is missing: run kyrgyz-events build"
    assert json.loads(shipped.read_text(encoding="utf-8")) == doc


def mlcroissant_validate(jsonld: Path) -> subprocess.CompletedProcess[str]:
    """``mlcroissant validate --jsonld FILE``, the command line users run (offline: local files only)."""
    cli = Path(sys.executable).with_name("mlcroissant")
    assert cli.is_file(), f"{cli}: install the dev extras"
    return subprocess.run([str(cli), "validate", "--jsonld", str(jsonld)], capture_output=True, text=True, timeout=300)


def test_mlcroissant_validate_accepts_it(written: Path) -> None:
    done = mlcroissant_validate(written)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr


def test_mlcroissant_validate_rejects_a_broken_document(written: Path, doc: dict[str, Any]) -> None:
    """The check above can fail: a field without a data type and a dangling key are reported."""
    broken = json.loads(json.dumps(doc))
    del broken["recordSet"][0]["field"][0]["dataType"]
    broken["recordSet"][0]["field"][0]["source"]["fileObject"]["@id"] = "no-such-file"
    bad = written.with_name("broken.json")
    bad.write_text(json.dumps(broken), encoding="utf-8")
    done = mlcroissant_validate(bad)
    assert done.returncode == 1
    assert "no-such-file" in done.stderr


def test_mlcroissant_loads_every_record_set(written: Path) -> None:
    for table in TABLES:
        records = list(mlc.Dataset(jsonld=str(written)).records(record_set=table))
        assert len(records) == pq.read_metadata(ROOT / "data" / f"{table}.parquet").num_rows, table
        if records:
            key = field_id(table, SPECS[table].primary_key[0])
            assert all(r[key] is not None for r in records), table
    actors = list(mlc.Dataset(jsonld=str(written)).records(record_set="actors"))
    assert all(isinstance(r["actors/aliases"], list) for r in actors)
