"""A table resource's files: one file, or the parts of a partitioned table.

A resource's ``path`` is one of

- a file (``"data/events.parquet"``): the table is that file;
- a list of files (a Frictionless *multipart* resource, ``["data/events/part-00000.parquet", ...]``): the
  table is the parts, in the order listed (what every Frictionless reader concatenates);
- a folder, written with a final ``/`` (``"data/events/"``): the table is every ``*.parquet`` file under it,
  in sorted path order, possibly in hive-style subfolders ``column=value/`` (a partition column must also be
  stored in the files; ``validators.partitions`` checks that the values agree). Names starting with ``.``
  or ``_`` (``_SUCCESS``, ``.crc`` files) are not parts.

Every part is confined exactly like a single path (:func:`~kyrgyz_events.package_io.confine.confine`: no
``..``, no symbolic link out of the package, regular files only) and must exist; a folder may hold at most
:data:`MAX_PARTS` parts, :data:`MAX_PARTITION_DEPTH` levels of subfolders deep. Nothing here opens a part.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from kyrgyz_events.package_io.confine import Outside, confine, confine_folder
from kyrgyz_events.package_io.limits import MAX_PARTITION_DEPTH, MAX_PARTS

#: Hive's folder value for a null partition value.
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


class PartError(Exception):
    """A part cannot be used; ``rel`` names it as written (or as found in the folder), ``reason`` says why
    in terms of the rule that reports it: "confined", "missing" or "limits"."""

    def __init__(self, message: str, rel: str, reason: str) -> None:
        super().__init__(message)
        self.rel = rel
        self.reason = reason


@dataclass(frozen=True)
class Part:
    """One file of a table: its path relative to the package (POSIX), the file, and its hive partition
    values (``(column, value)`` from the folders ``column=value/`` under the table's folder; value None for
    Hive's null partition)."""

    rel: str
    path: Path
    partition: tuple[tuple[str, str | None], ...] = ()


def is_partitioned(value: Any) -> bool:
    """Whether a resource ``path`` describes parts (a list, or a folder ending in "/") rather than one file."""
    return isinstance(value, list) or (isinstance(value, str) and value.endswith("/"))


def written_paths(value: Any) -> list[str]:
    """The paths a resource ``path`` writes (one, the list's strings, or the folder), for confinement."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def parts(root: Path, value: Any) -> list[Part]:
    """The parts of a resource ``path`` (``root`` the package folder), in table order. A single file
    may not exist yet (reading reports it); a part must. Raises :class:`PartError` naming the part."""
    if isinstance(value, str) and not value.endswith("/"):
        return [Part(value, _confined(root, value, missing_ok=True, what="path"))]
    if isinstance(value, str):
        return _folder_parts(root, value)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        message = "path is not a file, a folder ending in '/' or a non-empty list of files"
        raise PartError(message, str(value), "missing")
    if len(value) > MAX_PARTS:
        raise PartError(f"lists {len(value)} parts, more than the limit of {MAX_PARTS}", value[0], "limits")
    seen: set[str] = set()
    out = []
    for rel in value:
        if rel in seen:
            raise PartError(f"part {rel!r} is listed twice", rel, "missing")
        seen.add(rel)
        out.append(Part(rel, _confined(root, rel, missing_ok=False)))
    return out


def _confined(root: Path, rel: str, missing_ok: bool, what: str = "part") -> Path:
    try:
        return confine(root, rel, missing_ok=missing_ok)
    except Outside as e:
        reason = "missing" if str(e) == "does not exist" else "confined"
        raise PartError(f"{what} {rel!r} {e}", rel, reason) from e


def _folder_parts(root: Path, rel: str) -> list[Part]:
    try:
        confine_folder(root, rel)
    except Outside as e:
        raise PartError(f"folder {rel!r} {e}", rel, "missing" if str(e) == "does not exist" else "confined") from e
    out: list[Part] = []
    _walk(root, rel.rstrip("/"), (), out)
    if not out:
        raise PartError(f"folder {rel!r} holds no .parquet part", rel, "missing")
    return sorted(out, key=lambda part: part.rel)


def _walk(root: Path, folder: str, partition: tuple[tuple[str, str | None], ...], out: list[Part]) -> None:
    if len(partition) > MAX_PARTITION_DEPTH:
        raise PartError(f"{folder!r} is more than {MAX_PARTITION_DEPTH} partition folders deep", folder, "limits")
    for name in sorted(os.listdir(root / folder)):
        if name.startswith((".", "_")):
            continue
        rel = f"{folder}/{name}"
        try:
            mode = os.lstat(root / rel).st_mode
        except OSError as e:
            raise PartError(f"{rel!r} cannot be inspected: {e.strerror}", rel, "confined") from None
        if stat.S_ISLNK(mode):  # a link is followed only if it stays inside the package
            resolved = (root / rel).resolve()
            if not resolved.is_relative_to(root.resolve()):
                message = f"part {rel!r} leads out of the package folder (through a symbolic link)"
                raise PartError(message, rel, "confined")
            mode = os.stat(resolved).st_mode
        if stat.S_ISDIR(mode):
            key, sep, value = name.partition("=")
            if not sep or not key:
                raise PartError(f"{rel!r} is a subfolder that is not a hive partition 'column=value'", rel, "missing")
            decoded = unquote(value)
            _walk(root, rel, (*partition, (unquote(key), None if decoded == HIVE_NULL else decoded)), out)
        elif name.endswith(".parquet"):
            out.append(Part(rel, _confined(root, rel, missing_ok=False), partition))
            if len(out) > MAX_PARTS:
                raise PartError(f"holds more than the limit of {MAX_PARTS} parts", rel, "limits")


def table_path(rels: list[str]) -> str:
    """What names a table's files as a whole in a finding: its one file, or the folder that holds all its
    parts ("data/events/")."""
    if len(rels) == 1:
        return rels[0]
    common = os.path.commonpath(rels)
    return common + "/" if common else rels[0]


def part_path(table: str, index: int) -> str:
    """Where ``synth`` writes part ``index`` of a partitioned table (the explicit list names them)."""
    return f"data/{table}/part-{index:05d}.parquet"


def parts_digest(paths: Iterable[Path]) -> tuple[int, str]:
    """(bytes, "sha256:<hex>") of a partitioned table: the total size of its parts and the sha256 of their
    bytes concatenated in table order (what a Frictionless reader streams for a multipart resource)."""
    digest = hashlib.sha256()
    size = 0
    for path in paths:
        with path.open("rb") as fh:  # streamed: a part may be larger than memory
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    return size, "sha256:" + digest.hexdigest()
