"""Every change between two sets of table JSON Schemas, each classified PATCH, MINOR or MAJOR, with
Confluent-style compatibility.

Classes follow the Frictionless data-package-version recipe: MAJOR removes, renames or retypes a column or
table, or tightens a constraint (a required column added, an enum value removed, a bound raised);
MINOR adds optional columns or tables, or loosens a constraint; PATCH changes descriptions only.

Compatibility, as Confluent defines it for a reader and a writer:

- backward: data written under OLD is valid when read under NEW;
- forward: data written under NEW is valid when read under OLD;
- full: both.

Reading rule (docs/versioning.md): records and packages are closed (a column or table the reader's schema
does not declare is an error), and a column the reader's schema declares *nullable* but the data lacks
reads as null; a table the data lacks reads as empty. So adding a nullable column or a table keeps old
data valid (backward) while old readers reject the new column (not forward).

Why not a library: jsoncompat (the one maintained JSON Schema compatibility checker on PyPI) is alpha,
answers one yes/no per direction instead of listing classified changes, and cannot know the reading rule
above, under which adding a nullable required key is backward compatible.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kyrgyz_events.contracts.spec import Column, column_from_json_schema
from kyrgyz_events.schema_versions import Level

JsonSchemas = dict[str, dict[str, Any]]

#: Top-level keys that name the version rather than describe the table: never a change.
_VERSION_KEYS = {"$schema", "$id", "x-schemaVersion", "title"}
#: Top-level keys this module compares one by one.
_TABLE_KEYS = {"description", "properties", "required", "x-primaryKey", "x-foreignKeys"}
#: Column keywords read through contracts.spec.Column; anything else is compared raw (MAJOR if it differs).
_COLUMN_KEYS = {
    "title",
    "description",
    "x-enumDescriptions",
    "x-provenance",
    "anyOf",
    "type",
    "enum",
    "format",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "items",
    "minItems",
}

#: Keywords of a list column's items read through Column.
_ITEM_KEYS = {"title", "description", "type", "format", "minLength", "maxLength", "pattern"}
#: Numeric constraints: (Column attribute, JSON Schema keyword, True if a larger value is tighter).
_BOUNDS = (
    ("minimum", "minimum", True),
    ("maximum", "maximum", False),
    ("min_length", "minLength", True),
    ("max_length", "maxLength", False),
    ("min_items", "minItems", True),
    ("item_min_length", "items.minLength", True),
    ("item_max_length", "items.maxLength", False),
)
#: Patterns: (Column attribute, where the diff names it).
_PATTERNS = (("pattern", "pattern"), ("item_pattern", "items.pattern"))
#: Type changes under which every old value stays valid.
_WIDENINGS = {("integer", "number")}


#: Every kind of change this module reports.
KINDS = (
    "table_added", "table_removed", "column_added", "column_removed", "columns_reordered", "type_changed",
    "nullability_tightened", "nullability_loosened", "requiredness_tightened", "requiredness_loosened",
    "enum_value_added", "enum_value_removed", "enum_reordered", "constraint_tightened", "constraint_loosened",
    "pattern_changed", "description_changed", "provenance_changed", "primary_key_changed", "foreign_key_added",
    "foreign_key_removed", "keyword_changed",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW. ``column`` is None for a table-level change."""

    kind: str
    table: str
    column: str | None
    detail: str
    level: Level
    backward: bool
    forward: bool

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown change kind {self.kind!r}")

    @property
    def where(self) -> str:
        return self.table if self.column is None else f"{self.table}.{self.column}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "level": self.level.name}


@dataclass(frozen=True)
class SchemaDiff:
    old: str
    new: str
    changes: tuple[Change, ...]

    @property
    def level(self) -> Level:
        """The whole diff's class: the highest of its changes (NONE when nothing changed)."""
        return max((c.level for c in self.changes), default=Level.NONE)

    @property
    def backward(self) -> bool:
        return all(c.backward for c in self.changes)

    @property
    def forward(self) -> bool:
        return all(c.forward for c in self.changes)

    @property
    def full(self) -> bool:
        return self.backward and self.forward

    @property
    def compatibility(self) -> str:
        """Confluent's name for what holds: FULL, BACKWARD, FORWARD or NONE."""
        if self.full:
            return "FULL"
        return "BACKWARD" if self.backward else ("FORWARD" if self.forward else "NONE")

    def kinds(self) -> list[str]:
        return [c.kind for c in self.changes]

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "level": self.level.name,
            "backward": self.backward,
            "forward": self.forward,
            "full": self.full,
            "compatibility": self.compatibility,
            "changes": [c.as_dict() for c in self.changes],
        }

    def to_text(self) -> str:
        def yn(b: bool) -> str:
            return "yes" if b else "no"

        head = (
            f"schema {self.old} -> {self.new}: {self.level.name} "
            f"(backward: {yn(self.backward)}, forward: {yn(self.forward)}, full: {yn(self.full)}; "
            f"{len(self.changes)} change(s))"
        )
        lines = [head]
        for c in self.changes:
            flags = f"[backward {yn(c.backward)}, forward {yn(c.forward)}]"
            lines.append(f"  {c.level.name:<5} {c.kind:<22} {c.where}: {c.detail} {flags}")
        return "\n".join(lines)


class SchemaFolderError(ValueError):
    """A schema folder that cannot be read (missing, empty, or a file that is not a table schema)."""


def load_schema_folder(folder: Path) -> JsonSchemas:
    """Every ``<table>.schema.json`` of a version folder, by table, in ``tables.json`` order if present."""
    if not folder.is_dir():
        raise SchemaFolderError(f"{folder}: no such schema folder")
    files = {p.name.removesuffix(".schema.json"): p for p in sorted(folder.glob("*.schema.json"))}
    if not files:
        raise SchemaFolderError(f"{folder}: holds no *.schema.json file")
    order = list(files)
    if (folder / "tables.json").is_file():
        order = _read_json(folder / "tables.json")["tables"]
        missing = [t for t in order if t not in files]
        if missing:
            raise SchemaFolderError(f"{folder}/tables.json lists {missing} but no such .schema.json file exists")
    schemas = {t: _read_json(files[t]) for t in order}
    for table, schema in schemas.items():
        if not isinstance(schema.get("properties"), dict):
            raise SchemaFolderError(f"{files[table]}: not a table schema (no 'properties' object)")
    return schemas


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SchemaFolderError(f"{path}: cannot read JSON ({exc})") from exc


def diff_versions(old: JsonSchemas, new: JsonSchemas, old_name: str = "old", new_name: str = "new") -> SchemaDiff:
    """Every change from ``old`` to ``new`` (table -> JSON Schema of one record), tables in NEW's order."""
    changes: list[Change] = []
    for table in old:
        if table not in new:
            referenced = any(
                fk["reference"]["resource"] == table for t, s in old.items() if t != table for fk in _fks(s)
            )
            changes.append(Change("table_removed", table, None, "table removed", Level.MAJOR, False, not referenced))
    for table, schema in new.items():
        if table not in old:
            changes.append(Change("table_added", table, None, "new table", Level.MINOR, True, False))
        else:
            changes.extend(_diff_table(table, old[table], schema))
    return SchemaDiff(old_name, new_name, tuple(changes))


def _fks(schema: dict[str, Any]) -> list[dict[str, Any]]:
    fks: list[dict[str, Any]] = schema.get("x-foreignKeys", [])
    return fks


def _required(schema: dict[str, Any]) -> set[str]:
    return set(schema.get("required", []))


def _diff_table(table: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    if old.get("description") != new.get("description"):
        changes.append(Change("description_changed", table, None, "table description", Level.PATCH, True, True))
    old_props, new_props = old["properties"], new["properties"]
    added = [c for c in new_props if c not in old_props]
    for name in old_props:
        if name not in new_props:
            # NEW data lacks the column: an OLD reader reads it as null if OLD allows null.
            forward = _may_be_absent(old, name)
            changes.append(Change("column_removed", table, name, "column removed", Level.MAJOR, False, forward))
    for name in added:
        col = _column(table, name, new_props[name])
        optional = col.nullable or name not in _required(new)
        what = "nullable" if col.nullable else ("optional" if optional else "non-null")
        level = Level.MINOR if optional else Level.MAJOR
        changes.append(Change("column_added", table, name, f"{what} {col.kind}", level, optional, False))
    kept_old = [c for c in old_props if c in new_props]
    kept_new = [c for c in new_props if c in old_props]
    if kept_old != kept_new:
        changes.append(Change("columns_reordered", table, None, f"{kept_old} -> {kept_new}", Level.PATCH, True, True))
    for name in kept_new:
        changes.extend(_diff_column(table, name, old_props[name], new_props[name]))
        was, now = name in _required(old), name in _required(new)
        if was and not now:
            changes.append(
                Change("requiredness_loosened", table, name, "key no longer required", Level.MINOR, True, False)
            )
        elif now and not was:
            changes.append(Change("requiredness_tightened", table, name, "key now required", Level.MAJOR, False, True))
    changes.extend(_diff_keys(table, old, new, set(added)))
    for key in sorted((set(old) | set(new)) - _VERSION_KEYS - _TABLE_KEYS):
        if old.get(key) != new.get(key):
            changes.append(
                Change(
                    "keyword_changed",
                    table,
                    None,
                    f"{key}: {old.get(key)!r} -> {new.get(key)!r}",
                    Level.MAJOR,
                    False,
                    False,
                )
            )
    return changes


def _may_be_absent(schema: dict[str, Any], name: str) -> bool:
    col = _column(schema.get("title", "?"), name, schema["properties"][name])
    return col.nullable or name not in _required(schema)


def _column(table: str, name: str, prop: dict[str, Any]) -> Column:
    try:
        return column_from_json_schema(name, prop)
    except (ValueError, StopIteration, KeyError) as exc:
        raise SchemaFolderError(f"table {table}, column {name}: cannot read the column's schema ({exc})") from exc


def _diff_keys(table: str, old: dict[str, Any], new: dict[str, Any], added_columns: set[str]) -> list[Change]:
    changes: list[Change] = []
    if old.get("x-primaryKey") != new.get("x-primaryKey"):
        detail = f"{old.get('x-primaryKey')} -> {new.get('x-primaryKey')}"
        changes.append(Change("primary_key_changed", table, None, detail, Level.MAJOR, False, False))
    old_fks = [json.dumps(fk, sort_keys=True) for fk in _fks(old)]
    new_fks = [json.dumps(fk, sort_keys=True) for fk in _fks(new)]
    for fk in new_fks:
        if fk not in old_fks:
            fields = json.loads(fk)["fields"]
            column = ",".join(fields)
            if set(fields) <= added_columns:
                # Part of the column's addition: OLD data reads the new column as null, which no key checks.
                changes.append(Change("foreign_key_added", table, column, fk, Level.MINOR, True, True))
            else:
                changes.append(Change("foreign_key_added", table, column, fk, Level.MAJOR, False, True))
    for fk in old_fks:
        if fk not in new_fks:
            column = ",".join(json.loads(fk)["fields"])
            changes.append(Change("foreign_key_removed", table, column, fk, Level.MINOR, True, False))
    return changes


def _tighter(kind: str, table: str, column: str, detail: str) -> Change:
    return Change(kind, table, column, detail, Level.MAJOR, False, True)


def _looser(kind: str, table: str, column: str, detail: str) -> Change:
    return Change(kind, table, column, detail, Level.MINOR, True, False)


def _diff_column(table: str, name: str, old_prop: dict[str, Any], new_prop: dict[str, Any]) -> list[Change]:
    o, n = _column(table, name, old_prop), _column(table, name, new_prop)
    out: list[Change] = []
    old_type = o.kind if o.kind != "list" else f"list<{o.item_kind}>"
    new_type = n.kind if n.kind != "list" else f"list<{n.item_kind}>"
    if old_type != new_type:
        widening = (o.kind, n.kind) in _WIDENINGS
        out.append(Change("type_changed", table, name, f"{old_type} -> {new_type}", Level.MAJOR, widening, False))
    if o.nullable and not n.nullable:
        out.append(_tighter("nullability_tightened", table, name, "null no longer allowed"))
    elif n.nullable and not o.nullable:
        out.append(_looser("nullability_loosened", table, name, "null now allowed"))
    out.extend(_diff_enum(table, name, o, n))
    for attr, keyword in _PATTERNS:
        a, b = getattr(o, attr), getattr(n, attr)
        if a == b:
            continue
        if a is None:
            out.append(_tighter("constraint_tightened", table, name, f"{keyword} {b!r} added"))
        elif b is None:
            out.append(_looser("constraint_loosened", table, name, f"{keyword} {a!r} removed"))
        else:  # whether one regular expression accepts a subset of another is not decided here
            out.append(Change("pattern_changed", table, name, f"{keyword} {a!r} -> {b!r}", Level.MAJOR, False, False))
    for attr, keyword, larger_is_tighter in _BOUNDS:
        a, b = getattr(o, attr), getattr(n, attr)
        if a == b:
            continue
        detail = f"{keyword} {a} -> {b}"
        tighter = a is None or (b is not None and (b > a) == larger_is_tighter)
        out.append(
            (_tighter if tighter else _looser)(
                "constraint_tightened" if tighter else "constraint_loosened", table, name, detail
            )
        )
    if o.description != n.description or o.enum_descriptions != n.enum_descriptions:
        what = "description" if o.description != n.description else "enum value descriptions"
        out.append(Change("description_changed", table, name, what, Level.PATCH, True, True))
    if o.provenance != n.provenance:
        detail = f"{o.provenance} -> {n.provenance}"
        out.append(Change("provenance_changed", table, name, detail, Level.PATCH, True, True))
    if _residue(old_prop) != _residue(new_prop):
        detail = f"{_residue(old_prop)} -> {_residue(new_prop)}"
        out.append(Change("keyword_changed", table, name, detail, Level.MAJOR, False, False))
    return out


def _diff_enum(table: str, name: str, o: Column, n: Column) -> list[Change]:
    if o.enum == n.enum:
        return []
    if o.enum is None:
        return [_tighter("constraint_tightened", table, name, f"enum {list(n.enum or ())} added")]
    if n.enum is None:
        return [_looser("constraint_loosened", table, name, "enum removed")]
    out = [_looser("enum_value_added", table, name, repr(v)) for v in n.enum if v not in o.enum]
    out += [_tighter("enum_value_removed", table, name, repr(v)) for v in o.enum if v not in n.enum]
    if not out:
        out.append(Change("enum_reordered", table, name, f"{list(o.enum)} -> {list(n.enum)}", Level.PATCH, True, True))
    return out


def _residue(prop: dict[str, Any]) -> dict[str, Any]:
    """The keywords of a column (and of its anyOf branches and items) this module does not compare."""

    def strip(node: dict[str, Any], known: set[str]) -> dict[str, Any]:
        return {k: v for k, v in node.items() if k not in known or (k == "format" and v != "date")}

    residue = strip(prop, _COLUMN_KEYS)
    for i, alt in enumerate([prop, *prop.get("anyOf", [])]):
        where = "" if i == 0 else f"anyOf[{i - 1}]"
        if i and strip(alt, _COLUMN_KEYS):
            residue[where] = strip(alt, _COLUMN_KEYS)
        if isinstance(alt.get("items"), dict) and strip(alt["items"], _ITEM_KEYS):
            residue[f"{where}.items".lstrip(".")] = strip(alt["items"], _ITEM_KEYS)
    return residue
