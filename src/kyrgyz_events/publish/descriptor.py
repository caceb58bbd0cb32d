"""The Frictionless Data Package v2 descriptor (``datapackage.json``) of a written package."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.package_io.files import file_digest
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


def resource(spec: TableSpec, root: Path, fmt: str) -> dict[str, Any]:
    """The resource entry of one table file (``fmt`` is "parquet" or "jsonl")."""
    rel = f"data/{spec.name}.{fmt}"
    size, digest = file_digest(root / rel)
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
) -> dict[str, Any]:
    """The descriptor: package ``metadata`` (name, title, version, licenses …) and one resource per file:
    the tables' (Parquet, then JSON Lines), then the non-tabular ``files`` in their order."""
    resources = [resource(s, root, fmt) for fmt in FORMATS for s in specs.values()]
    resources += [file_resource(f, root) for f in files]
    return {"$schema": PROFILE, **metadata, "x-schemaVersion": schema_version, "resources": resources}
