"""Integrity that cannot be laundered: synth does not overwrite, migrate does not bless an invalid
package, and the descriptor and every published file are checked against what the release defines."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("existing", ["package", "other-file", "a-file"])
def test_synth_refuses_a_non_empty_out_without_force(tmp_path: Path, existing: str) -> None:
    out = tmp_path / "out"
    if existing == "a-file":
        out.write_text("mine", encoding="utf-8")
    else:
        out.mkdir()
        (out / ("datapackage.json" if existing == "package" else "notes.txt")).write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in out.iterdir()) if out.is_dir() else None
    done = _cli("synth", "--events", "3", "--out", str(out))
    assert done.returncode == 2 and "--force" in done.stderr and "Traceback" not in done.stderr
    assert (sorted(p.name for p in out.iterdir()) if out.is_dir() else None) == before
    assert "mine" in (out.read_text(encoding="utf-8") if out.is_file() else next(out.iterdir()).read_text("utf-8"))


def test_synth_writes_an_empty_or_new_out_and_replaces_with_force(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _cli("synth", "--events", "3", "--out", str(empty)).returncode == 0
    assert (empty / "datapackage.json").is_file()
    (empty / "notes.txt").write_text("mine", encoding="utf-8")
    done = _cli("synth", "--events", "4", "--out", str(empty), "--force")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in empty.iterdir()) == ["data", "datapackage.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".staging-")]


RELEASE = Path(__file__).resolve().parent.parent / "dataset" / "releases" / "1.0.0"


def _tampered_release(tmp_path: Path, how: str) -> Path:
    import json

    from faults.editor import PackageEditor

    source = tmp_path / "old"
    shutil.copytree(RELEASE, source)
    if how == "hash":
        path = source / "datapackage.json"
        desc = json.loads(path.read_text(encoding="utf-8"))
        desc["resources"][0]["hash"] = "sha256:" + "0" * 64
        path.write_text(json.dumps(desc), encoding="utf-8")
    elif how == "data-edited-after-hashing":
        path = source / "data" / "actors.jsonl"
        path.write_text(path.read_text(encoding="utf-8").replace("act-", "act-x-", 1), encoding="utf-8")
    elif how == "embedded-schema":
        editor = PackageEditor(source)
        editor.resource("events")["schema"]["fields"][0]["description"] = "loosened"
        editor.save()
    return source


@pytest.mark.parametrize("how", ["hash", "data-edited-after-hashing", "embedded-schema"])
def test_migrate_refuses_a_package_that_fails_its_own_validation(tmp_path: Path, how: str) -> None:
    source = _tampered_release(tmp_path, how)
    out = tmp_path / "new"
    done = _cli("migrate", str(source), "--out", str(out))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "fails its own validation" in done.stderr and "--force" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_migrate_with_force_says_it_was_told_to_proceed(tmp_path: Path) -> None:
    source = _tampered_release(tmp_path, "hash")
    out = tmp_path / "new"
    done = _cli("migrate", str(source), "--to", "1.1.0", "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert "migrated anyway because --force was given" in done.stdout
    assert (out / "datapackage.json").is_file()


def test_migrate_with_other_schemas_still_checks_the_input_files(tmp_path: Path) -> None:
    """With --schema-dir the validator cannot know the versions; the files' bytes and hashes are checked."""
    from kyrgyz_events.evolution import migrations

    source = _tampered_release(tmp_path, "hash")
    with pytest.raises(migrations.MigrationError, match=r"package\.file_integrity"):
        migrations.migrate_package(
            source, "1.1.0", tmp_path / "new", schema_dir=RELEASE.parent.parent.parent / "schema"
        )


PUBLISHED = Path(__file__).resolve().parent.parent / "dataset" / "package"


@pytest.mark.parametrize("how", ["croissant-edited", "card-edited", "card-unlisted", "stray-file", "listed-missing"])
def test_every_published_file_is_covered(tmp_path: Path, how: str) -> None:
    import json

    from kyrgyz_events.validators import validate

    package = tmp_path / "package"
    shutil.copytree(PUBLISHED, package)
    assert validate(package).valid
    desc_path = package / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    listed = {e["path"] for e in desc["x-files"]}
    described = {r["path"] for r in desc["resources"]}
    on_disk = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert {"README.md", "croissant.json", "reference.md", "view/index.html", "figures/timeline.svg"} <= listed
    assert listed | described | {"datapackage.json"} == on_disk and not listed & described
    if how == "croissant-edited":
        path = package / "croissant.json"
        path.write_text(path.read_text(encoding="utf-8").replace("kyrgyz", "kyrgyz-laundered", 1), encoding="utf-8")
    elif how == "card-edited":
        with (package / "README.md").open("a", encoding="utf-8") as fh:
            fh.write("\nThe numbers above are wrong.\n")
    elif how == "card-unlisted":
        desc["x-files"] = [e for e in desc["x-files"] if e["path"] != "README.md"]
        desc_path.write_text(json.dumps(desc), encoding="utf-8")
    elif how == "stray-file":
        (package / "data" / "extra.parquet").write_bytes(b"PAR1")
    elif how == "listed-missing":
        (package / "croissant.json").unlink()
    report = validate(package)
    assert report.exit_code == 1, report.to_text()
    expected = {"package.files_listed"} | ({"package.croissant"} if how == "croissant-edited" else set())
    assert {f.rule for f in report.findings} == expected, report.to_text()
