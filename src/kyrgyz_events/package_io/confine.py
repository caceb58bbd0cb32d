"""Confinement: every path a package names must stay inside the package folder and be a regular file.

A hostile descriptor can name ``../../../etc/passwd``, ``/etc/passwd``, ``~/.ssh/id_rsa`` or a symlink
that leads out of the package; a ``data/`` folder can itself be a symlink elsewhere; a data path can be a
FIFO that blocks whoever opens it. :func:`confine` decides before anything is opened, and its reason
never says anything about the outside file (not whether it exists, not its size, not its contents).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath


class Outside(Exception):
    """The path is not a confined regular file; the message says why, in terms of the path as written."""


def confine(root: Path, rel: str, *, missing_ok: bool = True) -> Path:
    """``root/rel`` with every symlink resolved, if it lies inside ``root`` (itself resolved) and is a
    regular file (or, with ``missing_ok``, does not exist yet). Raises :class:`Outside` otherwise."""
    resolved = _inside(root, rel)
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        if missing_ok:
            return resolved
        raise Outside("does not exist") from None
    except OSError as e:
        raise Outside(f"cannot be inspected: {e.strerror}") from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "not a regular file"
        raise Outside(f"is {kind}, not a regular file")
    return resolved


def confine_folder(root: Path, rel: str) -> Path:
    """``root/rel`` resolved, if it lies inside ``root`` and is a folder (a partitioned table's)."""
    resolved = _inside(root, rel.rstrip("/"))
    if not resolved.is_dir():
        raise Outside("is not a folder" if resolved.exists() else "does not exist")
    return resolved


def _inside(root: Path, rel: str) -> Path:
    """``root/rel`` with every symlink resolved, if the path as written and as resolved stay inside ``root``."""
    if not rel or "\x00" in rel:
        raise Outside("is empty or holds a NUL character")
    if "://" in rel:
        raise Outside("is a URL; only files inside the package folder are read")
    if rel.startswith("~"):
        raise Outside("starts with '~'; paths are relative to the package folder")
    pure = PurePosixPath(rel.replace("\\", "/"))
    if pure.is_absolute() or (len(rel) > 1 and rel[1] == ":"):
        raise Outside("is absolute; paths are relative to the package folder")
    if ".." in pure.parts:
        raise Outside("contains '..'; paths must stay inside the package folder")
    base = root.resolve()
    resolved = (base / pure).resolve()
    if not resolved.is_relative_to(base):
        raise Outside("leads out of the package folder (through a symbolic link)")
    return resolved
