"""Shared fixtures. ``sample_package``: a small valid package of every table, written with the project's
own publishing code (tests/faults/sample.py). ``clean_packages``: the valid packages the fault corpus runs
on: the sample, and the repository's published package once it has been built."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the fault-injection helpers in tests/faults

from faults.sample import write_sample

from kyrgyz_events.paths import dataset_root


def published_package() -> Path | None:
    """The repository's built package, or None before the first build."""
    root = dataset_root()
    built = (root / "datapackage.json").is_file() and any((root / "data").glob("*.parquet"))
    return root if built else None


@pytest.fixture(scope="session")
def sample_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("sample") / "package")


@pytest.fixture(params=["sample", "published"])
def clean_package(request: pytest.FixtureRequest, sample_package: Path, tmp_path: Path) -> Path:
    """A writable copy of a valid package (the published one is skipped until it is built)."""
    source = sample_package if request.param == "sample" else published_package()
    if source is None:
        pytest.skip("dataset/ has not been built yet")
    copy = tmp_path / "package"
    shutil.copytree(source, copy)  # every published file: datapackage.json lists the others (x-files)
    return copy
