"""Models -> JSON Schema 2020-12, one self-contained file per table (``schema/<version>/<table>.schema.json``)."""

from __future__ import annotations

from typing import Any

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.models import TABLES, TableModel

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://kyrgyz-events.github.io/schema"


def schema_id(version: str, table: str) -> str:
    return f"{ID_BASE}/{version}/{table}.schema.json"


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """Replace every local ``$ref`` by the definition it points to, so each column reads on its own."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = dict(defs[node["$ref"].rsplit("/", 1)[-1]])
            target.pop("title", None)
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return _inline({**target, **rest}, defs)
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _strip_titles(prop: dict[str, Any]) -> dict[str, Any]:
    prop = dict(prop)
    prop.pop("title", None)
    if "anyOf" in prop:
        prop["anyOf"] = [{k: v for k, v in alt.items() if k not in ("title", "description")} for alt in prop["anyOf"]]
        # An enum inside anyOf keeps its value definitions next to the column's description.
        for alt in prop["anyOf"]:
            if "x-enumDescriptions" in alt:
                prop["x-enumDescriptions"] = alt.pop("x-enumDescriptions")
    return prop


def table_json_schema(model: type[TableModel], version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of one record of ``model``'s table: closed, every column required, described."""
    raw = model.model_json_schema()
    defs = raw.pop("$defs", {})
    props = {name: _strip_titles(_inline(p, defs)) for name, p in raw["properties"].items()}
    return {
        "$schema": DIALECT,
        "$id": schema_id(version, model.table),
        "title": model.table,
        "description": (model.__doc__ or "").strip(),
        "type": "object",
        "x-schemaVersion": version,
        "x-primaryKey": list(model.primary_key),
        "x-foreignKeys": [
            {"fields": list(cols), "reference": {"resource": ref, "fields": list(ref_cols)}}
            for cols, ref, ref_cols in model.foreign_keys
        ],
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def all_json_schemas(version: str = SCHEMA_VERSION) -> dict[str, dict[str, Any]]:
    """Every table's JSON Schema, by table name, in publishing order."""
    return {name: table_json_schema(model, version) for name, model in TABLES.items()}
