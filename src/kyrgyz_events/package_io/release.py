"""What a release defines for a package's descriptor: the Data Package profile, and for the resource of
each table file every field but its path, bytes and hash. The build writes these; the validator compares
a descriptor against them."""

from __future__ import annotations

from typing import Any

from kyrgyz_events.contracts.frictionless import table_schema
from kyrgyz_events.contracts.spec import TableSpec

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
JSONL_MEDIATYPE = "application/jsonl"
#: The formats of a table's files, in publishing order: Parquet, then its JSON Lines twin.
FORMATS = ("parquet", "jsonl")
JSONL_SUFFIX = "-jsonl"  # resource name of a table's JSON Lines twin: "<table>-jsonl"


def resource_name(table: str, fmt: str) -> str:
    """The resource name of a table's file in ``fmt`` ("parquet": the table's name; "jsonl": its twin's)."""
    return table if fmt == "parquet" else table + JSONL_SUFFIX


def release_fields(spec: TableSpec, fmt: str) -> dict[str, Any]:
    """What the release defines for the resource of one table file (``fmt`` "parquet" or "jsonl"): every
    field but the file's path, bytes and hash."""
    schema = table_schema(spec)
    if fmt == "jsonl" and "foreignKeys" in schema:
        # The twin carries the same rows; its keys point at the Parquet resources, like the Parquet file's.
        schema["foreignKeys"] = [
            fk if "resource" in fk["reference"] else {**fk, "reference": {"resource": spec.name, **fk["reference"]}}
            for fk in schema["foreignKeys"]
        ]
    return {
        "name": resource_name(spec.name, fmt),
        "type": "table",
        "format": fmt,
        "mediatype": PARQUET_MEDIATYPE if fmt == "parquet" else JSONL_MEDIATYPE,
        "encoding": "utf-8",
        "description": spec.description,
        "schema": schema,
        "x-schemaVersion": spec.version,
        "x-jsonSchema": f"{spec.json_schema['$id']}",
    }
