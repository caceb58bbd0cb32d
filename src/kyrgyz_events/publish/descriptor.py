"""The Frictionless Data Package v2 descriptor (``datapackage.json``) of a written package."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kyrgyz_events.contracts.frictionless import table_schema
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.publish.files import JSONL_MEDIATYPE, PARQUET_MEDIATYPE

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
JSONL_SUFFIX = "-jsonl"  # resource name of a table's JSON Lines twin: "<table>-jsonl"


def file_digest(path: Path) -> tuple[int, str]:
    """(bytes, "sha256:<hex>") of a file."""
    with path.open("rb") as fh:  # streamed: a table file may be larger than memory
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return path.stat().st_size, "sha256:" + digest


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


def release_fields(spec: TableSpec, fmt: str) -> dict[str, Any]:
    """What the release defines for the resource of one table file (``fmt`` "parquet" or "jsonl"): every
    field but the file's path, bytes and hash. The validator compares a descriptor against these."""
    schema = table_schema(spec)
    if fmt == "jsonl" and "foreignKeys" in schema:
        # The twin carries the same rows; its keys point at the Parquet resources, like the Parquet file's.
        schema["foreignKeys"] = [
            fk if "resource" in fk["reference"] else {**fk, "reference": {"resource": spec.name, **fk["reference"]}}
            for fk in schema["foreignKeys"]
        ]
    return {
        "name": spec.name if fmt == "parquet" else spec.name + JSONL_SUFFIX,
        "type": "table",
        "format": fmt,
        "mediatype": PARQUET_MEDIATYPE if fmt == "parquet" else JSONL_MEDIATYPE,
        "encoding": "utf-8",
        "description": spec.description,
        "schema": schema,
        "x-schemaVersion": spec.version,
        "x-jsonSchema": f"{spec.json_schema['$id']}",
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
    resources = [resource(s, root, fmt) for fmt in ("parquet", "jsonl") for s in specs.values()]
    resources += [file_resource(f, root) for f in files]
    return {"$schema": PROFILE, **metadata, "x-schemaVersion": schema_version, "resources": resources}
