"""Confinement: the validator opens only regular files inside the package folder, and says nothing about
anything outside it; the annotation compiler reads its source only from dataset/sources/."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_build import copy_dataset

from kyrgyz_events.annotations import compile_annotations
from kyrgyz_events.build import build
from kyrgyz_events.package_io.confine import Outside, confine
from kyrgyz_events.validators import validate

SECRET = "TOP-SECRET-FIRST-LINE of a file outside the package\n" * 3


@pytest.fixture
def package(sample_package: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "pkg" / "package"
    shutil.copytree(sample_package, copy)
    return copy


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _set_path(package: Path, name: str, rel: str) -> None:
    desc_path = package / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    next(r for r in desc["resources"] if r["name"] == name)["path"] = rel
    desc_path.write_text(json.dumps(desc), encoding="utf-8")


def _to_secret_relative(package: Path, secret: Path) -> str:
    return os.path.relpath(secret, package)


def _descriptor_dotdot(package: Path, secret: Path) -> None:
    _set_path(package, "events-jsonl", _to_secret_relative(package, secret))


def _descriptor_etc_passwd(package: Path, secret: Path) -> None:
    _set_path(package, "events-jsonl", "../../../../../../../../etc/passwd")


def _descriptor_absolute(package: Path, secret: Path) -> None:
    _set_path(package, "events-jsonl", str(secret))


def _descriptor_home(package: Path, secret: Path) -> None:
    _set_path(package, "events-jsonl", "~/secret.txt")


def _file_symlink(package: Path, secret: Path) -> None:
    target = package / "data" / "events.jsonl"
    target.unlink()
    target.symlink_to(secret)


def _folder_symlink(package: Path, secret: Path) -> None:
    """data/ is a symbolic link to a (valid) copy elsewhere: still outside the package."""
    elsewhere = secret.parent / "elsewhere-data"
    shutil.move(package / "data", elsewhere)
    (package / "data").symlink_to(elsewhere, target_is_directory=True)


def _extra_resource(package: Path, secret: Path) -> None:
    """A resource that is no table, pointing out: its file is never hashed or described."""
    desc_path = package / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    desc["resources"].append({"name": "extra", "path": str(secret), "format": "txt", "bytes": 1, "hash": "0" * 64})
    desc_path.write_text(json.dumps(desc), encoding="utf-8")


HOSTILE: dict[str, Callable[[Path, Path], None]] = {
    "dotdot-to-secret": _descriptor_dotdot,
    "dotdot-etc-passwd": _descriptor_etc_passwd,
    "absolute-path": _descriptor_absolute,
    "home-tilde": _descriptor_home,
    "file-symlink-out": _file_symlink,
    "data-folder-symlink-out": _folder_symlink,
    "extra-resource-out": _extra_resource,
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_paths_out_of_the_package_are_findings_that_disclose_nothing(package: Path, secret: Path, case: str) -> None:
    HOSTILE[case](package, secret)
    report = validate(package)
    assert report.exit_code == 2, report.to_text()
    confined = [f for f in report.findings if f.rule == "package.confined"]
    assert confined, report.to_text()
    assert all(f.field == "path" and f.file == "datapackage.json" for f in confined)
    out = report.to_text() + json.dumps(report.as_dict())
    digest = hashlib.sha256(SECRET.encode()).hexdigest()
    for leaked in ("TOP-SECRET", digest, str(len(SECRET.encode())), "root:x:0"):
        assert leaked not in out, f"the report discloses {leaked!r}"


def test_a_fifo_at_a_data_path_is_a_finding_not_a_hang(package: Path) -> None:
    path = package / "data" / "events.jsonl"
    path.unlink()
    os.mkfifo(path)
    done = subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", "validate", str(package), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    found = json.loads(done.stdout)["findings"]
    assert any(f["rule"] == "package.confined" and "FIFO" in f["message"] for f in found), found


def test_a_fifo_descriptor_is_a_finding_not_a_hang(package: Path) -> None:
    (package / "datapackage.json").unlink()
    os.mkfifo(package / "datapackage.json")
    done = subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", "validate", str(package)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "package.confined" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("rel", "why"),
    [
        ("../x", "'..'"),
        ("/etc/passwd", "absolute"),
        ("~root/x", "'~'"),
        ("C:\\x", "absolute"),
        ("https://example.org/x.parquet", "URL"),
        ("", "empty"),
        ("data", "folder"),
    ],
)
def test_confine_refuses(tmp_path: Path, rel: str, why: str) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(Outside, match=why):
        confine(tmp_path, rel)


def test_confine_accepts_links_that_stay_inside(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.parquet").write_bytes(b"x")
    (tmp_path / "b.parquet").symlink_to(tmp_path / "data" / "a.parquet")
    assert confine(tmp_path, "b.parquet") == (tmp_path / "data" / "a.parquet").resolve()


@pytest.mark.parametrize("source_file", ["../annotations/events.yaml", "/etc/passwd", "~/x", "link.txt", "."])
def test_source_file_is_confined_to_sources(tmp_path: Path, source_file: str) -> None:
    root = copy_dataset(tmp_path, with_outputs=False)
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET, encoding="utf-8")
    (root / "sources" / "link.txt").symlink_to(outside)
    doc = root / "annotations" / "document.yaml"
    text = doc.read_text(encoding="utf-8")
    assert "source_file: 000_5188a25246f5e958.txt" in text
    doc.write_text(text.replace("000_5188a25246f5e958.txt", json.dumps(source_file), 1), encoding="utf-8")
    _, findings = compile_annotations(root)
    hits = [f for f in findings if f.field == "source_file"]
    assert len(hits) == 1 and hits[0].unusable and hits[0].rule == "annotations.readable", findings
    assert "TOP-SECRET" not in hits[0].message
    report = build(root)
    assert report.exit_code == 2 and not (root / "package").exists()
