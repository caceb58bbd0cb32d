"""Write one table as Parquet and as JSON Lines, deterministically.

Determinism: rows sorted by primary key (``package_io.conform``), fixed compression (zstd level 9), no
pandas metadata, no timestamps. Parquet bytes also depend on the writer's version (``created_by``): the
build pins pyarrow through ``constraints.txt``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from kyrgyz_events.package_io.json_text import json_value

PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "store_schema": True,
}


def write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, **PARQUET_OPTIONS)


def jsonl_lines(table: pa.Table) -> list[str]:
    """One JSON object per row, keys in schema order, UTF-8 text (not ASCII-escaped)."""
    names = table.schema.names
    return [
        json.dumps({k: json_value(row[k]) for k in names}, ensure_ascii=False, separators=(",", ":"))
        for row in table.to_pylist()
    ]


def write_jsonl(table: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for line in jsonl_lines(table):
            fh.write(line + "\n")
