"""Frictionless Table Schemas (Data Package v2) derived from a table contract."""

from __future__ import annotations

from typing import Any

from kyrgyz_events.contracts.spec import Column, TableSpec

_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "date"}


def field_descriptor(column: Column, primary_key: tuple[str, ...]) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "description": column.description}
    if column.kind == "list":
        field["type"] = "list"
        field["itemType"] = _TYPES[column.item_kind or "string"]
    else:
        field["type"] = _TYPES[column.kind]
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if primary_key == (column.name,):
        constraints["unique"] = True
    if column.enum is not None:
        constraints["enum"] = list(column.enum)
    if column.pattern is not None:
        constraints["pattern"] = column.pattern.removeprefix("^").removesuffix("$")
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if column.min_length is not None and column.kind == "string":
        constraints["minLength"] = column.min_length
    if column.max_length is not None and column.kind == "string":
        constraints["maxLength"] = column.max_length
    if constraints:
        field["constraints"] = constraints
    if column.enum_descriptions:
        field["x-enumDescriptions"] = column.enum_descriptions
    if column.provenance != "annotated":
        field["x-provenance"] = column.provenance
    return field


def table_schema(spec: TableSpec) -> dict[str, Any]:
    """A Frictionless Table Schema with primaryKey and foreignKeys (a self-reference has no resource)."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(c, spec.primary_key) for c in spec.columns],
        "primaryKey": list(spec.primary_key),
        "missingValues": [],  # the files hold real nulls: an empty string (an empty prefix) is a value
    }
    if spec.foreign_keys:  # the v2 profile requires at least one entry when the property is present
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": (
                    {"fields": list(fk.ref_fields)}
                    if fk.table == spec.name
                    else {"resource": fk.table, "fields": list(fk.ref_fields)}
                ),
            }
            for fk in spec.foreign_keys
        ]
    return schema
