"""Write a whole package (every table as Parquet + JSON Lines, then ``datapackage.json``) into a folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.package_io.conform import to_arrow
from kyrgyz_events.package_io.descriptor import DESCRIPTOR, FILES_KEY, write_descriptor
from kyrgyz_events.package_io.files import file_digest, package_files
from kyrgyz_events.publish.descriptor import FileEntry, datapackage
from kyrgyz_events.publish.files import write_jsonl, write_parquet


def write_tables(out: Path, tables: dict[str, pa.Table]) -> None:
    """Write each Arrow table as ``out/data/<table>.parquet`` and ``.jsonl``."""
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        write_parquet(table, data / f"{name}.parquet")
        write_jsonl(table, data / f"{name}.jsonl")


def describe(
    out: Path, specs: dict[str, TableSpec], metadata: dict[str, Any], files: Sequence[FileEntry] = ()
) -> dict[str, Any]:
    """Describe the files under ``out/data`` and the non-tabular ``files`` (bytes, sha256) in
    ``out/datapackage.json``."""
    version = next(iter(specs.values())).version
    descriptor = datapackage(specs, out, metadata, version, files)
    write_descriptor(out, descriptor)
    return descriptor


def write_package(
    out: Path,
    specs: dict[str, TableSpec],
    rows_by_table: dict[str, list[dict[str, Any]]],
    metadata: dict[str, Any],
    files: Sequence[FileEntry] = (),
) -> dict[str, Any]:
    """Write rows (dicts keyed by column) of every table in ``specs`` into ``out``; return the descriptor,
    which also describes ``files`` (already written under ``out``, e.g. the exports)."""
    version = str(metadata["version"])
    tables = {name: to_arrow(spec, rows_by_table.get(name, []), version) for name, spec in specs.items()}
    write_tables(out, tables)
    return describe(out, specs, metadata, files)


def seal(out: Path, descriptor: dict[str, Any]) -> dict[str, Any]:
    """List every file under ``out`` that is neither ``datapackage.json`` nor a resource in the
    descriptor's ``x-files`` (path, bytes, sha256) and rewrite ``datapackage.json``: call it after the
    last output is written, so that every published file is covered by an integrity check."""
    resources = {r.get("path") for r in descriptor.get("resources", []) if isinstance(r, dict)}
    listed = []
    for rel in package_files(out):
        if rel == DESCRIPTOR or rel in resources:
            continue
        size, digest = file_digest(out / rel)
        listed.append({"path": rel, "bytes": size, "hash": digest})
    sealed = {**descriptor, FILES_KEY: listed}
    write_descriptor(out, sealed)
    return sealed
