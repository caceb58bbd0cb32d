"""Arrow schemas derived from a table contract: the types every published Parquet file is written with."""

from __future__ import annotations

import pyarrow as pa

from kyrgyz_events.contracts.spec import Column, TableSpec

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def arrow_type(column: Column) -> pa.DataType:
    if column.kind == "list":
        return pa.list_(pa.field("item", _ARROW_TYPES[column.item_kind or "string"], nullable=False))
    return _ARROW_TYPES[column.kind]


def json_arrow_schema(spec: TableSpec) -> pa.Schema:
    """The Arrow types of a table's values as JSON holds them (a date is a string), every value nullable:
    the explicit schema of a strict JSON Lines read."""

    def json_type(kind: str) -> pa.DataType:
        return pa.string() if kind == "date" else _ARROW_TYPES[kind]

    return pa.schema(
        pa.field(c.name, pa.list_(json_type(c.item_kind or "string")) if c.kind == "list" else json_type(c.kind))
        for c in spec.columns
    )


def arrow_field(column: Column) -> pa.Field:
    return pa.field(
        column.name,
        arrow_type(column),
        nullable=column.nullable,
        metadata={"description": column.description, "provenance": column.provenance},
    )


def arrow_schema(spec: TableSpec, dataset_version: str | None = None) -> pa.Schema:
    """The Arrow schema of a table, with schema name and versions in its key-value metadata."""
    metadata = {
        "kyrgyz_events.table": spec.name,
        "kyrgyz_events.schema_version": spec.version,
        "kyrgyz_events.schema_id": spec.json_schema["$id"],
        "description": spec.description,
    }
    if dataset_version is not None:
        metadata["kyrgyz_events.dataset_version"] = dataset_version
    return pa.schema([arrow_field(c) for c in spec.columns], metadata=metadata)
