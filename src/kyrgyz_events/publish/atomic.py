"""Publish outputs atomically: stage them in a temporary folder, swap them in only when all is well.

A failure (or an interruption) before the swap leaves the published files untouched; a failure during
the swap puts the previous files back.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def swap_in(staging: Path, target: Path, names: list[str]) -> None:
    """Move ``staging/<name>`` over ``target/<name>`` for every name, restoring all on any failure."""
    backup = Path(tempfile.mkdtemp(prefix=".previous-", dir=target))
    moved: list[str] = []
    try:
        for name in names:
            if (target / name).exists():
                (target / name).rename(backup / name)
            moved.append(name)
            (staging / name).rename(target / name)
    except BaseException:
        for name in reversed(moved):
            if (target / name).exists() and (backup / name).exists():
                _remove(target / name)
            if (backup / name).exists():
                (backup / name).rename(target / name)
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


@contextmanager
def staged(target: Path, names: list[str]) -> Iterator[Path]:
    """Yield an empty staging folder inside ``target``; on normal exit swap ``names`` from it into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target))
    try:
        yield staging
        swap_in(staging, target, names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
