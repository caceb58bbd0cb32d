"""The real command, run as users run it: exit codes, JSON output, help text, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from faults.editor import PackageEditor


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", "validate", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _copy(sample_package: Path, tmp_path: Path) -> Path:
    shutil.copytree(sample_package, tmp_path / "p")
    return tmp_path / "p"


def test_valid_package_exits_0(sample_package: Path) -> None:
    done = cli(str(sample_package))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("valid:")
    assert "Traceback" not in done.stdout + done.stderr


def test_invalid_package_exits_1_grouped_by_table_and_rule(sample_package: Path, tmp_path: Path) -> None:
    pkg = _copy(sample_package, tmp_path)
    PackageEditor(pkg).update("locations", lambda f: f.with_columns(latitude=95.0))
    done = cli(str(pkg))
    assert done.returncode == 1
    assert "locations / record.json_schema: 6" in done.stdout  # 3 rows, in the Parquet and the JSON Lines file
    assert "field=latitude" in done.stdout
    assert done.stdout.strip().splitlines()[-1].startswith("invalid:")
    assert "Traceback" not in done.stdout + done.stderr


def test_json_format_parses_and_counts_beyond_the_limit(sample_package: Path, tmp_path: Path) -> None:
    pkg = _copy(sample_package, tmp_path)
    PackageEditor(pkg).update("locations", lambda f: f.with_columns(latitude=95.0))
    done = cli(str(pkg / "datapackage.json"), "--format", "json", "--limit", "1")
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["exit_code"] == 1
    assert len(report["findings"]) == 1 and report["finding_count"] == 6  # 3 rows x Parquet and JSON Lines
    assert report["findings"][0]["rule"] == "record.json_schema"


def test_unusable_input_exits_2_without_traceback(sample_package: Path, tmp_path: Path) -> None:
    pkg = _copy(sample_package, tmp_path)
    path = pkg / "data" / "events.parquet"
    path.write_bytes(path.read_bytes()[:100])
    for target in (pkg, tmp_path / "nowhere", pkg / "data" / "events.parquet"):
        done = cli(str(target), "--format", "json")
        assert done.returncode == 2, done.stdout + done.stderr
        assert json.loads(done.stdout)["exit_code"] == 2
        assert "Traceback" not in done.stdout + done.stderr


def test_bad_arguments_exit_2() -> None:
    done = cli("--format", "xml")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_help_shows_an_example() -> None:
    done = cli("--help")
    assert done.returncode == 0
    assert "examples:" in done.stdout and "kyrgyz-events validate path/to/package" in done.stdout


def test_single_table_file(sample_package: Path) -> None:
    done = cli(str(sample_package / "data" / "events.jsonl"))
    assert done.returncode == 0, done.stdout


def test_a_reader_that_goes_away_gets_no_traceback() -> None:
    """`kyrgyz-events validate | true`: the reader has gone before the report is written (EPIPE); the
    command stops quietly, with no traceback."""
    import os

    import kyrgyz_events

    exe = Path(sys.executable).parent / "kyrgyz-events"
    done = subprocess.run(
        ["bash", "-c", f"'{exe}' validate '{kyrgyz_events.path()}' | true; exit ${{PIPESTATUS[0]}}"],
        capture_output=True, text=True, timeout=300, env=dict(os.environ),
    )  # fmt: skip
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1


def test_engine_spark_from_the_command(sample_package: Path, tmp_path: Path) -> None:
    """--engine spark names the dangling reference the embedded engine names, from the Parquet files, and
    logs no start-up warnings: Spark's default logging printed a screen of them (loopback address, native
    Hadoop library) with every run; only errors are logged now. (One command for both: each starts a JVM.)"""
    package = _copy(sample_package, tmp_path)
    editor = PackageEditor(package)
    frame = editor.frame("event_actors")
    editor.write("event_actors", frame.with_columns(frame["event_id"].scatter(0, "evt-nowhere")))
    args = (str(package), "--format", "json", "--table-format", "parquet")
    embedded, spark = cli(*args), cli(*args, "--engine", "spark")
    assert embedded.returncode == spark.returncode == 1, spark.stderr[-2000:]
    keys = [
        sorted((f["rule"], f["table"], f["record_id"], f["field"]) for f in json.loads(done.stdout)["findings"])
        for done in (embedded, spark)
    ]
    assert keys[0] == keys[1]
    assert ("cross.reference", "event_actors") in {k[:2] for k in keys[0]}
    assert all(".jsonl" not in k for k in json.loads(spark.stdout)["rows_checked"])
    assert "Traceback" not in spark.stderr
    assert not [line for line in spark.stderr.splitlines() if " WARN " in line or "log4j" in line], spark.stderr


def test_master_without_spark_is_a_usage_error(sample_package: Path) -> None:
    done = cli(str(sample_package), "--master", "local[1]")
    assert done.returncode == 2
    assert "--master needs --engine spark" in done.stderr
    assert "Traceback" not in done.stderr


def test_table_format_jsonl_reads_the_json_lines_files_only(sample_package: Path) -> None:
    done = cli(str(sample_package), "--format", "json", "--table-format", "jsonl")
    assert done.returncode == 0, done.stdout
    assert all(k.endswith(".jsonl") for k in json.loads(done.stdout)["rows_checked"])
