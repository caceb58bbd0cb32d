"""Write one table as Parquet and as JSON Lines, deterministically.

Determinism: rows sorted by primary key, fixed compression (zstd level 9), no pandas metadata, no
timestamps. Parquet bytes also depend on the writer's version (``created_by``): the build pins pyarrow
through ``constraints.txt``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from kyrgyz_events.contracts.arrow import arrow_schema
from kyrgyz_events.contracts.spec import TableSpec

PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "store_schema": True,
}
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
JSONL_MEDIATYPE = "application/jsonl"


def to_arrow(spec: TableSpec, rows: list[dict[str, Any]], dataset_version: str) -> pa.Table:
    """Rows (dicts keyed by column) as an Arrow table of the table's schema, sorted by primary key."""
    schema = arrow_schema(spec, dataset_version)
    table = pa.Table.from_pylist(rows, schema=schema)
    return sort_by_key(table, spec)


def sort_by_key(table: pa.Table, spec: TableSpec) -> pa.Table:
    return table.sort_by([(k, "ascending") for k in spec.primary_key]) if table.num_rows else table


def write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, **PARQUET_OPTIONS)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def jsonl_lines(table: pa.Table) -> list[str]:
    """One JSON object per row, keys in schema order, UTF-8 text (not ASCII-escaped)."""
    names = table.schema.names
    return [
        json.dumps({k: _json_value(row[k]) for k in names}, ensure_ascii=False, separators=(",", ":"))
        for row in table.to_pylist()
    ]


def write_jsonl(table: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for line in jsonl_lines(table):
            fh.write(line + "\n")
