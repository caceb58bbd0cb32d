"""Output and exit codes on hostile input: strict JSON reports, integrity on every format path."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from faults.editor import PackageEditor

from kyrgyz_events.findings import Finding, Report, dumps
from kyrgyz_events.validators import validate


def _strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def package(sample_package: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "package"
    shutil.copytree(sample_package, copy)
    return copy


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_json_report_of_a_non_finite_latitude_is_strict_json(package: Path, bad: float) -> None:
    # Parquet only: a JSON Lines file holding NaN is not JSON at all (refused as package.readable).
    PackageEditor(package).update("locations", lambda f: f.with_columns(pl.lit(bad).alias("latitude")), jsonl=False)
    done = subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", "validate", str(package), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    report = _strict(done.stdout)
    values = [f["value"] for f in report["findings"] if f["file"] == "data/locations.parquet" and f["value"]]
    assert values and set(values) <= {"NaN", "Infinity", "-Infinity"}, report["findings"]


def test_dumps_converts_nested_non_finite_values() -> None:
    report = Report(target="x")
    report.add(Finding("table.value_range", "m", value=[math.nan, {"a": math.inf}, (1, -math.inf)]))
    assert _strict(dumps(report.as_dict()))["findings"][0]["value"] == ["NaN", {"a": "Infinity"}, [1, "-Infinity"]]


@pytest.mark.parametrize("formats", [("parquet",), ("jsonl",), ("parquet", "jsonl")])
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_integrity_is_checked_for_every_file_whatever_formats_are_read(
    package: Path, formats: tuple[str, ...], fast: bool
) -> None:
    """The docstring's promise: bytes and sha256 of every file, whichever formats are read."""
    editor = PackageEditor(package)
    for name in ("events", "events-jsonl"):
        editor.resource(name)["hash"] = "sha256:" + "0" * 64
    editor.save()
    report = validate(package, formats=formats, fast=fast)
    hit = {f.table for f in report.findings if f.rule == "package.file_integrity" and f.field == "hash"}
    assert hit == {"events", "events-jsonl"}, report.to_text()
