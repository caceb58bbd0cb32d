"""Partitioned packages: a table as parts, a listed multipart resource or a folder (hive-style or not).

Clean partitioned packages (``synth --parts``; a published-package copy with one table listed in parts
and one in hive folders) validate clean on every path; a few representative cases of the fault corpus,
with the table they corrupt split into parts, report exactly the case's findings on the embedded engine,
the reference and Spark, and name the part a row is in; hostile parts are unusable (exit 2), the finding
naming the file; the loaders read the parts as one table.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from conftest import published_package
from faults.cases import CASES, Key
from faults.editor import PackageEditor

from kyrgyz_events.cli import main
from kyrgyz_events.findings import Finding
from kyrgyz_events.synth import synthesize
from kyrgyz_events.validators import Report, validate


def keys(report: Report) -> set[Key]:
    return {(f.rule, f.table, f.record_id, f.field) for f in report.findings}


def every_path(package: Path) -> dict[str, Report]:
    return {
        "default": validate(package),
        "reference": validate(package, fast=False),
        "spark": validate(package, engine="spark"),
    }


# --- clean partitioned packages --------------------------------------------------------------------


@pytest.fixture(scope="module")
def synth_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth-parts") / "pkg"
    synthesize(out, 300, seed=5, parts=3)
    return out


def test_synth_writes_and_describes_parts(synth_parts: Path, tmp_path: Path) -> None:
    descriptor = json.loads((synth_parts / "datapackage.json").read_text("utf-8"))
    whole = tmp_path / "whole"
    synthesize(whole, 300, seed=5)
    for res in descriptor["resources"]:
        table = res["name"].removesuffix("-jsonl")
        if res["format"] == "jsonl":
            assert res["path"] == f"data/{table}.jsonl"
            continue
        assert res["path"] == [f"data/{table}/part-{i:05d}.parquet" for i in range(len(res["path"]))]
        assert 1 <= len(res["path"]) <= 3
        assert res["bytes"] == sum((synth_parts / p).stat().st_size for p in res["path"])
        assert not (synth_parts / "data" / f"{table}.parquet").exists()
        joined = pl.concat([pl.read_parquet(synth_parts / p) for p in res["path"]])
        assert joined.equals(pl.read_parquet(whole / "data" / f"{table}.parquet")), table
        assert pq.read_schema(synth_parts / res["path"][-1]).metadata[b"kyrgyz_events.table"] == table.encode()
    assert len(descriptor["resources"][0]["path"]) == 3 or descriptor["resources"][0]["name"] == "documents"


def test_a_synthetic_partitioned_package_validates_clean_on_every_path(synth_parts: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    synthesize(whole, 300, seed=5)
    expected = validate(whole).rows_checked
    for path, report in every_path(synth_parts).items():
        assert report.findings == [], (path, report.to_text())
        assert report.rows_checked == expected, path


@pytest.fixture
def published_parts(tmp_path: Path) -> Path:
    """A copy of the published package, claims in three listed parts and evidence in hive folders."""
    source = published_package()
    assert source is not None, "dataset/package has not been built"
    copy = tmp_path / "package"
    shutil.copytree(source, copy)
    editor = PackageEditor(copy)
    editor.split("claims", parts=3)
    editor.split("evidence", by="record_table")
    return copy


def test_a_published_copy_in_parts_and_hive_folders_validates_clean(published_parts: Path) -> None:
    descriptor = json.loads((published_parts / "datapackage.json").read_text("utf-8"))
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    assert paths["evidence"] == "data/evidence/" and len(paths["claims"]) == 3
    assert (published_parts / "data" / "evidence" / "record_table=events").is_dir()
    for path, report in every_path(published_parts).items():
        assert report.findings == [], (path, report.to_text())


# --- the fault corpus, partitioned -----------------------------------------------------------------

BY_NAME = {c.name: c for c in CASES}


def _evidence_row(e: PackageEditor, n: int) -> dict[str, object]:
    return e.frame("evidence").row(n, named=True)


def bad_id_in_second_part(e: PackageEditor) -> set[Key]:
    row = _evidence_row(e, -1)
    frame = e.frame("evidence").with_columns(
        pl.when(pl.col("evidence_id") == row["evidence_id"])
        .then(pl.col("evidence_id") + "\n")
        .otherwise(pl.col("evidence_id"))
        .alias("evidence_id")
    )
    e.write("evidence", frame)
    return {("record.json_schema", "evidence", f"{row['evidence_id']}\n", "evidence_id")}


def null_key_in_second_part(e: PackageEditor) -> set[Key]:
    """A row without its key is named by its row number: continuous across the parts."""
    frame = e.frame("evidence")
    n = frame.height
    e.write(
        "evidence",
        frame.with_columns(
            pl.when(pl.int_range(pl.len()) == n - 1).then(None).otherwise(pl.col("evidence_id")).alias("evidence_id")
        ),
    )
    return {("record.json_schema", "evidence", f"#{n}", "evidence_id")}


#: (case, the table split, how): ``None`` two listed parts, else hive folders by that column.
PARTITIONED: list[tuple[str, Callable[[PackageEditor], set[Key]], str, str | None]] = [
    ("duplicate-id-across-parts", BY_NAME["duplicate-id"].apply, "actors", None),
    ("dangling-event_actors.event_id", BY_NAME["dangling-event_actors.event_id"].apply, "event_actors", None),
    ("dangling-events.location_id-hive", BY_NAME["dangling-events.location_id"].apply, "events", "date_precision"),
    ("bad-id-in-second-part", bad_id_in_second_part, "evidence", None),
    ("null-key-in-second-part", null_key_in_second_part, "evidence", None),
]


@pytest.mark.parametrize(("name", "apply", "table", "by"), PARTITIONED, ids=[p[0] for p in PARTITIONED])
def test_partitioned_cases_report_exactly_the_case_on_every_path(
    name: str,
    apply: Callable[[PackageEditor], set[Key]],
    table: str,
    by: str | None,
    sample_package: Path,
    tmp_path: Path,
) -> None:
    package = tmp_path / "package"
    shutil.copytree(sample_package, package)
    editor = PackageEditor(package)
    expected = apply(editor)
    assert keys(validate(package)) == expected  # the case as the corpus knows it, one file per table
    parts = editor.split(table, by=by)
    reports = every_path(package)
    for path, report in reports.items():
        assert keys(report) == expected, (path, report.to_text())
        assert report.exit_code == 1, path
    if name.endswith("second-part"):  # a row's finding names the part the row is in
        for path in ("default", "spark"):
            in_parquet = {f.file for f in reports[path].findings if f.file and not f.file.endswith(".jsonl")}
            assert in_parquet == {parts[1]}, path


# --- hive folders against the files (a folder that disagrees with its rows: the corpus) ---------------


def _hive(sample_package: Path, tmp_path: Path) -> PackageEditor:
    package = tmp_path / "package"
    shutil.copytree(sample_package, package)
    editor = PackageEditor(package)
    editor.split("events", by="date_precision")
    return editor


def test_a_hive_folder_of_no_column_is_a_finding(sample_package: Path, tmp_path: Path) -> None:
    editor = _hive(sample_package, tmp_path)
    folder = editor.root / "data" / "events" / "date_precision=day"
    folder.rename(folder.with_name("weekday=wednesday"))
    editor.refresh()
    report = validate(editor.root)
    assert keys(report) == {("package.partitions", "events", None, "weekday")}, report.to_text()


# --- hostile parts ---------------------------------------------------------------------------------


def _listed(sample_package: Path, tmp_path: Path) -> PackageEditor:
    package = tmp_path / "package"
    shutil.copytree(sample_package, package)
    editor = PackageEditor(package)
    editor.split("events", parts=2)
    return editor


def _unusable(report: Report) -> list[Finding]:
    assert report.exit_code == 2, report.to_text()
    return [f for f in report.findings if f.unusable]


def test_a_part_with_dotdot_is_not_opened(sample_package: Path, tmp_path: Path) -> None:
    editor = _listed(sample_package, tmp_path)
    editor.resource("events")["path"][1] = "data/../../outside.parquet"
    editor.save()
    [f] = _unusable(validate(editor.root))
    assert f.rule == "package.confined" and "'data/../../outside.parquet'" in f.message and "'..'" in f.message


@pytest.mark.parametrize("form", ["listed", "folder"])
def test_a_part_linked_out_of_the_package_is_not_opened(sample_package: Path, tmp_path: Path, form: str) -> None:
    editor = _listed(sample_package, tmp_path)
    outside = tmp_path / "outside.parquet"
    second = editor.root / "data" / "events" / "part-00001.parquet"
    shutil.move(second, outside)
    os.symlink(outside, second)
    if form == "folder":
        editor.resource("events")["path"] = "data/events/"
    editor.save()
    [f] = _unusable(validate(editor.root))
    assert f.rule == "package.confined" and "data/events/part-00001.parquet" in f.message
    assert "symbolic link" in f.message and str(tmp_path) not in f.message


def test_a_missing_part_is_unusable_naming_it(
    sample_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    editor = _listed(sample_package, tmp_path)
    (editor.root / "data" / "events" / "part-00001.parquet").unlink()
    [f] = _unusable(validate(editor.root))
    assert (f.rule, f.file) == ("package.readable", "data/events/part-00001.parquet")
    assert "does not exist" in f.message
    assert main(["validate", str(editor.root)]) == 2
    assert "data/events/part-00001.parquet" in capsys.readouterr().out


def test_a_fifo_in_a_part_folder_is_not_opened(sample_package: Path, tmp_path: Path) -> None:
    editor = _listed(sample_package, tmp_path)
    os.mkfifo(editor.root / "data" / "events" / "part-00002.parquet")
    editor.resource("events")["path"] = "data/events/"
    editor.save()
    [f] = _unusable(validate(editor.root))
    assert f.rule == "package.confined" and "FIFO" in f.message and "part-00002.parquet" in f.message


def test_a_json_lines_table_in_parts_is_unusable(sample_package: Path, tmp_path: Path) -> None:
    editor = _listed(sample_package, tmp_path)
    editor.resource("events-jsonl")["path"] = ["data/events.jsonl"]
    editor.save()
    [f] = _unusable(validate(editor.root))
    assert f.rule == "package.readable" and "only Parquet tables may have parts" in f.message


# --- loading ---------------------------------------------------------------------------------------


def test_the_loaders_read_the_parts_as_one_table(
    sample_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    import kyrgyz_events

    load = importlib.import_module("kyrgyz_events.load")

    whole = {t: pl.read_parquet(sample_package / "data" / f"{t}.parquet") for t in ("events", "evidence")}
    editor = _listed(sample_package, tmp_path)
    editor.split("evidence", by="record_table")
    monkeypatch.setattr(load, "dataset_root", lambda: editor.root)
    assert load.table_files("events") == [editor.root / "data" / "events" / f"part-0000{i}.parquet" for i in (0, 1)]
    for table in ("events", "evidence"):
        expected = whole[table].sort(whole[table].columns[0])
        by_key = whole[table].columns[0]
        assert kyrgyz_events.load(table, backend="polars").sort(by_key).equals(expected)
        assert pl.from_arrow(kyrgyz_events.load(table, backend="pyarrow")).sort(by_key).equals(expected)  # type: ignore[union-attr]
        assert len(kyrgyz_events.load(table, backend="pandas")) == expected.height
        counted = kyrgyz_events.connect().sql(f"SELECT count(*), count(DISTINCT {by_key}) FROM {table}").fetchall()[0]
        assert counted == (expected.height, expected.height)
