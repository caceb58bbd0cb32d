"""The Frictionless Data Package v2 descriptor (``datapackage.json``) of a written package."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.package_io.files import file_digest
from kyrgyz_events.package_io.parts import parts_digest
from kyrgyz_events.package_io.release import FORMATS, PROFILE, release_fields


@dataclass(frozen=True)
class FileEntry:
    """A file of the package that is not a table (an export), described by a resource without a schema."""

    name: str  # the resource name: lowercase, unique in the package
    path: str  # relative to the package folder, with "/" separators
    format: str
    mediatype: str
    description: str

    def under(self, folder: str) -> FileEntry:
        """The same file, its path prefixed by ``folder``."""
        return replace(self, path=f"{folder}/{self.path}")


def file_resource(entry: FileEntry, root: Path) -> dict[str, Any]:
    """The resource entry of a non-tabular file: no ``type`` (Data Package v2 knows only "table"), and
    ``bytes`` and ``hash`` like a table file's, so the validator checks them the same way."""
    size, digest = file_digest(root / entry.path)
    return {
        "name": entry.name,
        "path": entry.path,
        "format": entry.format,
        "mediatype": entry.mediatype,
        "encoding": "utf-8",
        "bytes": size,
        "hash": digest,
        "description": entry.description,
    }


def resource(spec: TableSpec, root: Path, fmt: str, parts: Sequence[str] = ()) -> dict[str, Any]:
    """The resource entry of one table file (``fmt`` is "parquet" or "jsonl"), or of its ``parts`` (a
    multipart resource: ``path`` their list, ``bytes`` their total, ``hash`` the sha256 of their bytes in
    order; ``package_io.parts``)."""
    rel: str | list[str] = list(parts) if parts else f"data/{spec.name}.{fmt}"
    size, digest = parts_digest(root / p for p in parts) if parts else file_digest(root / f"data/{spec.name}.{fmt}")
    fields = release_fields(spec, fmt)
    order = ("name", "type", "path", "format", "mediatype", "encoding", "bytes", "hash", "description", "schema")
    known = {**fields, "path": rel, "bytes": size, "hash": digest}
    return {k: known[k] for k in (*order, "x-schemaVersion", "x-jsonSchema")}


def datapackage(
    specs: dict[str, TableSpec],
    root: Path,
    metadata: dict[str, Any],
    schema_version: str,
    files: Sequence[FileEntry] = (),
    parts: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """The descriptor: package ``metadata`` (name, title, version, licenses …) and one resource per file:
    the tables' (Parquet, then JSON Lines), then the non-tabular ``files`` in their order. ``parts``: the
    part files of each partitioned table's Parquet resource (its JSON Lines twin stays one file)."""
    split = parts or {}
    resources = [
        resource(s, root, fmt, split.get(s.name, ()) if fmt == "parquet" else ())
        for fmt in FORMATS
        for s in specs.values()
    ]
    resources += [file_resource(f, root) for f in files]
    return {"$schema": PROFILE, **metadata, "x-schemaVersion": schema_version, "resources": resources}
