"""The build: the committed package equals a fresh build, builds are byte-identical, failures publish nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from kyrgyz_events import build as build_module
from kyrgyz_events.build import OUTPUTS, build
from kyrgyz_events.package_io import atomic

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
INPUTS = ["sources", "annotations", "review", "card.template.md"]


def snapshot(root: Path) -> dict[str, str]:
    """sha256 of every published output file of the dataset folder ``root`` (in ``root/package``)."""
    files: dict[str, str] = {}
    package = root / atomic.PACKAGE
    assert not package.exists() or sorted(p.name for p in package.iterdir()) == sorted(OUTPUTS)
    for name in OUTPUTS:
        path = package / name
        paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for p in paths:
            files[str(p.relative_to(package))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return files


def copy_dataset(tmp_path: Path, with_outputs: bool = True) -> Path:
    root = tmp_path / "dataset"
    root.mkdir()
    for name in INPUTS + ([atomic.PACKAGE] if with_outputs else []):
        src = DATASET / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    return root


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_dataset(tmp_path_factory.mktemp("fresh"), with_outputs=False)
    report = build(root)
    assert report.valid, report.to_text()
    return root


def test_published_package_equals_a_fresh_build(fresh: Path) -> None:
    committed, rebuilt = snapshot(DATASET), snapshot(fresh)
    assert rebuilt, "the build wrote nothing"
    differ = sorted(k for k in committed.keys() | rebuilt.keys() if committed.get(k) != rebuilt.get(k))
    assert not differ, f"published files differ from a fresh build: {differ}; run `kyrgyz-events build` and commit"


def test_two_builds_are_byte_identical(fresh: Path, tmp_path: Path) -> None:
    again = copy_dataset(tmp_path, with_outputs=False)
    assert build(again).valid
    assert snapshot(again) == snapshot(fresh)


def test_every_table_is_published_in_both_formats(fresh: Path) -> None:
    files = snapshot(fresh)
    for table in build_module.load_specs(build_module.SCHEMA_VERSION):
        assert f"data/{table}.parquet" in files and f"data/{table}.jsonl" in files


def test_invalid_annotations_publish_nothing(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    before = snapshot(root)
    path = root / "annotations" / "claims.yaml"
    path.write_text(path.read_text("utf-8").replace("factuality: reported", "factuality: rumoured", 1), "utf-8")
    report = build(root)
    assert not report.valid and report.exit_code == 1
    assert any(f.rule == "record.model" and f.field == "factuality" for f in report.findings)
    assert snapshot(root) == before


def test_package_rule_failure_after_staging_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that only the staged package can break (here: estimates that do not follow from the claims)
    stops the swap."""
    import polars as pl

    from kyrgyz_events.derive import casualty_estimates

    root = copy_dataset(tmp_path)
    before = snapshot(root)
    monkeypatch.setattr(
        "kyrgyz_events.annotations.compile.casualty_estimates",
        lambda claims, version: casualty_estimates(claims, version).with_columns(pl.col("low") + 1),
    )
    report = build(root)
    assert not report.valid
    assert snapshot(root) == before
    assert not list(root.glob(".staging-*")) and not list(root.glob(".previous-*"))


def test_interrupted_build_leaves_the_old_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_dataset(tmp_path)
    before = snapshot(root)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "write_croissant", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(root)
    assert snapshot(root) == before
    assert not list(root.glob(".staging-*"))


def test_failure_of_the_exchange_leaves_the_old_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_dataset(tmp_path)
    before = snapshot(root)

    def failing(a: Path, b: Path) -> bool:
        raise OSError("disk full")

    monkeypatch.setattr(atomic, "exchange", failing)
    with pytest.raises(OSError, match="disk full"):
        build(root)
    monkeypatch.undo()
    assert snapshot(root) == before
    assert not list(root.glob(".staging-*")) and not list(root.glob(".previous-*"))


def test_fallback_without_renameat2_publishes_the_new_package(
    tmp_path: Path, fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where renameat2 cannot exchange, the two-rename fallback publishes the same package and cleans up."""
    root = copy_dataset(tmp_path)
    (root / atomic.PACKAGE / "data" / "events.jsonl").write_text("stale\n", encoding="utf-8")
    monkeypatch.setattr(atomic, "exchange", lambda a, b: False)
    assert build(root).valid
    assert snapshot(root) == snapshot(fresh)
    assert not list(root.glob(".staging-*")) and not list(root.glob(".previous-*"))


def test_outputs_live_in_one_folder_and_only_there(fresh: Path) -> None:
    """Everything published is inside package/; the dataset folder keeps only inputs and the lock."""
    assert sorted(p.name for p in (fresh / atomic.PACKAGE).iterdir()) == sorted(OUTPUTS)
    assert sorted(p.name for p in fresh.iterdir()) == sorted([*INPUTS, atomic.PACKAGE, atomic.LOCK])
