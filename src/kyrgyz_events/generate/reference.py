"""The reference page: every table, column, type, constraint and enum value with its definition."""

from __future__ import annotations

from typing import Any

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts.spec import Column, spec_from_json_schema


def _type(c: Column) -> str:
    base = f"list<{c.item_kind}>" if c.kind == "list" else c.kind
    return f"{base}, nullable" if c.nullable else base


def _constraints(c: Column) -> str:
    parts = []
    if c.enum is not None:
        parts.append("enum (below)")
    if c.item_enum is not None:
        parts.append("each item: enum (below)")
    if c.pattern:
        parts.append(f"pattern `{c.pattern}`")
    if c.minimum is not None:
        parts.append(f">= {c.minimum:g}")
    if c.maximum is not None:
        parts.append(f"<= {c.maximum:g}")
    if c.min_length is not None:
        parts.append(f"length >= {c.min_length}")
    if c.max_length is not None:
        parts.append(f"length <= {c.max_length}")
    if c.min_items is not None:
        parts.append(f"items >= {c.min_items}")
    if c.item_pattern:
        parts.append(f"each item: pattern `{c.item_pattern}`")
    if c.item_min_length is not None:
        parts.append(f"each item: length >= {c.item_min_length}")
    if c.item_max_length is not None:
        parts.append(f"each item: length <= {c.item_max_length}")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference_markdown(schemas: dict[str, dict[str, Any]], banner: str) -> str:
    out = [f"# Schema {SCHEMA_VERSION} reference", "", f"<!-- {banner} -->", ""]
    out += [
        "Every table, column, type and constraint of the current schema version, and every value of every "
        "closed vocabulary with its definition. Provenance: `annotated` (from the hand annotations), "
        "`external` (a fact from outside the article: dates, coordinates, ids), `derived` (computed by the "
        "build). Offsets count Unicode code points, 0-based, end exclusive (W3C TextPositionSelector).",
        "",
        "| table | primary key | one row is |",
        "|---|---|---|",
    ]
    specs = [spec_from_json_schema(s) for s in schemas.values()]
    out += [f"| [`{s.name}`](#{s.name}) | {', '.join(s.primary_key)} | {_cell(s.description)} |" for s in specs]
    enums: dict[tuple[str, str], Column] = {}
    for s in specs:
        out += ["", f"## {s.name}", "", s.description, "", f"JSON Schema: `schema/{s.version}/{s.name}.schema.json`"]
        if s.foreign_keys:
            refs = ", ".join(
                f"`{', '.join(fk.fields)}` → `{fk.table}.{', '.join(fk.ref_fields)}`" for fk in s.foreign_keys
            )
            out += ["", f"References: {refs}"]
        out += ["", "| column | type | constraints | provenance | description |", "|---|---|---|---|---|"]
        for c in s.columns:
            out.append(
                f"| `{c.name}` | {_type(c)} | {_cell(_constraints(c))} | {c.provenance} | {_cell(c.description)} |"
            )
            if c.enum is not None or c.item_enum is not None:
                enums.setdefault((s.name, c.name), c)
    out += ["", "## Vocabularies", ""]
    seen: set[tuple[str, ...]] = set()
    for (table, name), c in enums.items():
        values = c.enum if c.enum is not None else c.item_enum
        assert values is not None
        if values in seen:
            out += [f"`{table}.{name}`: same values as above.", ""]
            continue
        seen.add(values)
        each = " (each item)" if c.enum is None else ""
        out += [f"### `{table}.{name}`{each}", "", "| value | definition |", "|---|---|"]
        out += [f"| `{v}` | {_cell(c.enum_descriptions.get(v, ''))} |" for v in values]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
