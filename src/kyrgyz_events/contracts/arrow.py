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


def arrow_type(column: Column, *, as_json: bool = False) -> pa.DataType:
    """A column's Arrow type; ``as_json``: the type of its values as JSON holds them (a date is a string, a
    list's items may be null), which a strict JSON Lines read is given and the record checks then judge."""

    def scalar(kind: str) -> pa.DataType:
        return pa.string() if as_json and kind == "date" else _ARROW_TYPES[kind]

    if column.kind == "list":
        return pa.list_(pa.field("item", scalar(column.item_kind or "string"), nullable=as_json))
    return scalar(column.kind)


def json_arrow_schema(spec: TableSpec) -> pa.Schema:
    """The explicit schema of a strict JSON Lines read: each column's JSON type, every value nullable."""
    return pa.schema(pa.field(c.name, arrow_type(c, as_json=True)) for c in spec.columns)


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
