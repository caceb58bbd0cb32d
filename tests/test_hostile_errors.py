"""Clumsy input and a hostile environment give a clear message and a chosen exit code, never a traceback."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from test_build import copy_dataset, snapshot

from kyrgyz_events import build as build_module
from kyrgyz_events.annotations import compile_annotations
from kyrgyz_events.cli import main
from kyrgyz_events.package_io import atomic

EVENT = """- event_id: evt-odd
  document_id: doc-independent-kyrgyzstan-2010
  event_type: episode
  summary: An odd entry.
  date_start: 2010-04-06
  date_end: 2010-04-07
  date_precision: days
  date_expression: null
  location_id: loc-kyrgyzstan
  parent_event_id: null
  factuality: asserted
"""


@pytest.mark.parametrize(
    ("extra", "field", "says"),
    [
        ("  evidence: 42\n", "evidence", "must be a list, not int"),
        ("  evidence: The unrest began in Talas on Tuesday\n", "evidence", "must be a list, not str"),
        ("  evidence: {quote: x}\n", "evidence", "must be a list, not dict"),
        ("  actors: act-protesters\n", "actors", "must be a list, not str"),
        ("  actors:\n    - act-protesters\n", "actors", "must be a mapping"),
        ("  actors:\n    - [act-protesters, agent]\n", "actors", "must be a mapping"),
    ],
    ids=["evidence-int", "evidence-str", "evidence-map", "actors-str", "actor-link-str", "actor-link-list"],
)
def test_unexpected_yaml_shapes_are_findings_naming_file_record_and_field(
    tmp_path: Path, extra: str, field: str, says: str
) -> None:
    root = copy_dataset(tmp_path, with_outputs=False)
    path = root / "annotations" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + EVENT + extra, encoding="utf-8")
    _, findings = compile_annotations(root)
    hits = [f for f in findings if f.record_id == "evt-odd" and f.field == field]
    assert len(hits) == 1 and says in hits[0].message, findings
    assert hits[0].file == "annotations/events.yaml" and hits[0].table == "events"
    assert main(["build", "--dataset", str(root)]) == 1
    assert not (root / atomic.PACKAGE).exists()


def _fail(err: int) -> object:
    def raising(*args: object, **kwargs: object) -> None:
        raise OSError(err, __import__("os").strerror(err), "dataset/.staging-x/data/events.parquet")

    return raising


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EACCES, errno.EROFS], ids=["disk-full", "denied", "read-only"])
def test_a_build_that_cannot_write_says_so_and_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], err: int
) -> None:
    root = copy_dataset(tmp_path)
    before = snapshot(root)
    monkeypatch.setattr(build_module, "write_package", _fail(err))
    assert main(["build", "--dataset", str(root)]) == 2
    out = capsys.readouterr()
    assert "error: cannot build" in out.err and "events.parquet" in out.err and "Traceback" not in out.err
    assert snapshot(root) == before and not list(root.glob(".staging-*"))


def test_a_build_in_a_folder_it_cannot_create_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_dataset(tmp_path)
    monkeypatch.setattr(atomic.tempfile, "mkdtemp", _fail(errno.EROFS))
    assert main(["build", "--dataset", str(root)]) == 2
    assert "Read-only file system" in capsys.readouterr().err


def test_migrate_that_cannot_write_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kyrgyz_events.evolution import migrations

    release = Path(__file__).resolve().parent.parent / "dataset" / "releases" / "1.0.0"
    source = tmp_path / "old"
    shutil.copytree(release, source)
    monkeypatch.setattr(migrations, "write_package", _fail(errno.ENOSPC))
    assert main(["migrate", str(source), "--out", str(tmp_path / "new")]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and not (tmp_path / "new").exists()


FIRST_RECORDS = "  records: [evt-bakiyev-flees-capital, evt-gangs-rampage, clm-president-fled, act-kurmanbek-bakiyev, "


@pytest.mark.parametrize("records", ["5", "evt-gangs-rampage", "[[evt-gangs-rampage], {a: 1}]"], ids=str)
def test_coverage_records_of_the_wrong_shape_are_a_finding(tmp_path: Path, records: str) -> None:
    root = copy_dataset(tmp_path, with_outputs=False)
    path = root / "annotations" / "coverage.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(FIRST_RECORDS))
    lines[at] = f"  records: {records}\n"
    path.write_text("".join(lines), encoding="utf-8")
    _, findings = compile_annotations(root)
    hits = [f for f in findings if f.field == "records" and "must be a list of record ids" in f.message]
    assert len(hits) == 1 and hits[0].record_id == "sentence-1" and hits[0].file == "annotations/coverage.yaml"
    assert main(["build", "--dataset", str(root)]) == 1
