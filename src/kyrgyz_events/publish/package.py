"""Write a whole package (every table as Parquet + JSON Lines, then ``datapackage.json``) into a folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.generate.files import dump_json
from kyrgyz_events.publish.descriptor import FileEntry, datapackage, file_digest
from kyrgyz_events.publish.files import to_arrow, write_jsonl, write_parquet


def write_tables(out: Path, tables: dict[str, pa.Table]) -> None:
    """Write each Arrow table as ``out/data/<table>.parquet`` and ``.jsonl``."""
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        write_parquet(table, data / f"{name}.parquet")
        write_jsonl(table, data / f"{name}.jsonl")


def write_descriptor(
    out: Path, specs: dict[str, TableSpec], metadata: dict[str, Any], files: Sequence[FileEntry] = ()
) -> dict[str, Any]:
    """Describe the files under ``out/data`` and the non-tabular ``files`` (bytes, sha256) in
    ``out/datapackage.json``."""
    version = next(iter(specs.values())).version
    descriptor = datapackage(specs, out, metadata, version, files)
    (out / "datapackage.json").write_text(dump_json(descriptor), encoding="utf-8", newline="\n")
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
    return write_descriptor(out, specs, metadata, files)


#: The descriptor's list of every published file that is not a resource (croissant.json, the card, …).
FILES_KEY = "x-files"


def package_files(root: Path) -> list[str]:
    """Every regular file under ``root`` (symbolic links not followed), as sorted POSIX paths."""
    out: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in files:
            out.append((Path(folder) / name).relative_to(root).as_posix())
    return sorted(out)


def seal(out: Path, descriptor: dict[str, Any]) -> dict[str, Any]:
    """List every file under ``out`` that is neither ``datapackage.json`` nor a resource in the
    descriptor's ``x-files`` (path, bytes, sha256) and rewrite ``datapackage.json``: call it after the
    last output is written, so that every published file is covered by an integrity check."""
    resources = {r.get("path") for r in descriptor.get("resources", []) if isinstance(r, dict)}
    listed = []
    for rel in package_files(out):
        if rel == "datapackage.json" or rel in resources:
            continue
        size, digest = file_digest(out / rel)
        listed.append({"path": rel, "bytes": size, "hash": digest})
    sealed = {**descriptor, FILES_KEY: listed}
    (out / "datapackage.json").write_text(dump_json(sealed), encoding="utf-8", newline="\n")
    return sealed
