"""A table's contract as plain data, read from ``schema/<version>/<table>.schema.json``.

The JSON Schema files are generated from the pydantic models (``kyrgyz_events.generate``) and committed;
reading contracts back from them means every released version stays usable after the models move on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kyrgyz_events.paths import schema_root
from kyrgyz_events.schema_versions import version_folders

#: Column kinds: the JSON Schema type of a column, refined by its format.
KINDS = ("string", "integer", "number", "boolean", "date", "list")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # one of KINDS
    nullable: bool
    description: str
    enum: tuple[str, ...] | None = None
    enum_descriptions: dict[str, str] = field(default_factory=dict, compare=False)
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    item_kind: str | None = None  # for lists
    item_min_length: int | None = None
    item_max_length: int | None = None
    item_pattern: str | None = None
    item_enum: tuple[str, ...] | None = None  # for lists of a vocabulary's values (2.0.0: plover_events.context)
    min_items: int | None = None
    provenance: str = "annotated"  # annotated | external | derived


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    ref_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    version: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    json_schema: dict[str, Any] = field(compare=False, repr=False)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _kind(node: dict[str, Any]) -> str:
    t = node.get("type")
    if t == "string" and node.get("format") == "date":
        return "date"
    if t == "array":
        return "list"
    if t in KINDS:
        return str(t)
    raise ValueError(f"unsupported JSON Schema type {t!r}")


def column_from_json_schema(name: str, prop: dict[str, Any]) -> Column:
    """Read one property of a table's JSON Schema as a Column."""
    alts = prop.get("anyOf", [prop])
    value = next(a for a in alts if a.get("type") != "null")
    nullable = any(a.get("type") == "null" for a in alts)
    items = value.get("items", {})
    return Column(
        name=name,
        kind=_kind(value),
        nullable=nullable,
        description=prop.get("description", ""),
        enum=tuple(value["enum"]) if "enum" in value else None,
        enum_descriptions=prop.get(
            "x-enumDescriptions", value.get("x-enumDescriptions", (items or {}).get("x-enumDescriptions", {}))
        ),
        pattern=value.get("pattern"),
        minimum=value.get("minimum"),
        maximum=value.get("maximum"),
        min_length=value.get("minLength"),
        max_length=value.get("maxLength"),
        item_kind=_kind(items) if items else None,
        item_min_length=items.get("minLength"),
        item_max_length=items.get("maxLength"),
        item_pattern=items.get("pattern"),
        item_enum=tuple(items["enum"]) if "enum" in items else None,
        min_items=value.get("minItems"),
        provenance=prop.get("x-provenance", "annotated"),
    )


def spec_from_json_schema(schema: dict[str, Any]) -> TableSpec:
    return TableSpec(
        name=schema["title"],
        version=schema["x-schemaVersion"],
        description=schema.get("description", ""),
        columns=tuple(column_from_json_schema(n, p) for n, p in schema["properties"].items()),
        primary_key=tuple(schema["x-primaryKey"]),
        foreign_keys=tuple(
            ForeignKey(tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in schema["x-foreignKeys"]
        ),
        json_schema=schema,
    )


@cache
def known_versions() -> tuple[str, ...]:
    """Every schema version this installation ships, oldest first."""
    return tuple(version_folders(schema_root()))


class UnknownSchemaVersion(LookupError):
    """A file declares a schema version this installation does not know."""

    def __init__(self, version: str) -> None:
        super().__init__(
            f"unknown schema version {version!r}; this installation knows {', '.join(known_versions())}"
            " (upgrade kyrgyz-events to read newer data)"
        )
        self.version = version


@cache
def load_specs(version: str) -> dict[str, TableSpec]:
    """Every table's contract for a released schema version, in publishing order."""
    if version not in known_versions():
        raise UnknownSchemaVersion(version)
    folder = schema_root() / version
    order = json.loads((folder / "tables.json").read_text(encoding="utf-8"))["tables"]
    return {t: spec_from_json_schema(json.loads((folder / f"{t}.schema.json").read_text("utf-8"))) for t in order}


def load_spec(version: str, table: str) -> TableSpec:
    return load_specs(version)[table]
