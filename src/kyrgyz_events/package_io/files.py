"""The files of a package folder: a file's bytes and sha256, and the list of every file under the folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def file_digest(path: Path) -> tuple[int, str]:
    """(bytes, "sha256:<hex>") of a file."""
    with path.open("rb") as fh:  # streamed: a table file may be larger than memory
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return path.stat().st_size, "sha256:" + digest


def package_files(root: Path) -> list[str]:
    """Every regular file under ``root`` (symbolic links not followed), as sorted POSIX paths."""
    out: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in files:
            out.append((Path(folder) / name).relative_to(root).as_posix())
    return sorted(out)
