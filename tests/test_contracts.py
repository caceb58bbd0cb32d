"""The Arrow, pandera and Frictionless schemas derived from the committed JSON Schemas match the models:
same columns in the same order, the right types and nullability, id patterns, enums; and pandera catches a
bad value, naming its column."""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from typing import Any

import polars as pl
import pyarrow as pa
import pytest
from pandera.errors import SchemaErrors
from pydantic.fields import FieldInfo

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import TableSpec, load_specs
from kyrgyz_events.contracts.arrow import arrow_schema
from kyrgyz_events.contracts.frictionless import table_schema
from kyrgyz_events.contracts.pandera_schema import pandera_schema
from kyrgyz_events.models import TABLES
from kyrgyz_events.paths import schema_root

EXAMPLES = schema_root() / SCHEMA_VERSION / "examples"

#: Expected kind of column, from the model's Python type (independent of the JSON Schema round trip).
_KINDS: dict[type, str] = {str: "string", int: "integer", float: "number", bool: "boolean", dt.date: "date"}
ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}
POLARS = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}
FRICTIONLESS = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "date"}


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(type without None, nullable)."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        rest = [a for a in args if a is not type(None)]
        assert len(rest) == 1, annotation
        return rest[0], True
    return annotation, False


def _base_kind(tp: Any) -> str:
    tp = typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp
    if (isinstance(tp, type) and issubclass(tp, enum.Enum)) or typing.get_origin(tp) is typing.Literal:
        return "string"
    return _KINDS[tp]


def expected_columns(table: str) -> list[tuple[str, str, str | None, bool]]:
    """(name, kind, item kind, nullable) of every column of the model, in order."""
    out = []
    for name, field in TABLES[table].model_fields.items():
        tp, nullable = _unwrap(field.annotation)
        if typing.get_origin(tp) is list:
            out.append((name, "list", _base_kind(typing.get_args(tp)[0]), nullable))
        else:
            out.append((name, _base_kind(tp), None, nullable))
    return out


def model_pattern(field: FieldInfo) -> str | None:
    return next((m.pattern for m in field.metadata if getattr(m, "pattern", None)), None)


ID_PREFIXES = {"document": "doc", "actor": "act", "location": "loc", "event": "evt", "claim": "clm", "evidence": "evd"}


#: The scheme views' own ids (ours: the schemes' ids are not known), which end in "_event_id" too.
SCHEME_IDS = {"acled_event_id": "acl", "ucdp_event_id": "ucd"}


def id_columns(table: str) -> dict[str, str]:
    """Every column holding one of this project's ids -> the prefix its values start with."""
    out = {}
    for name in TABLES[table].model_fields:
        if name == "record_id":
            out[name] = "(act|loc|evt|clm)"
        for entity, prefix in ID_PREFIXES.items():
            if name == f"{entity}_id" or name.endswith(f"_{entity}_id"):
                out[name] = prefix
        if name in SCHEME_IDS:
            out[name] = SCHEME_IDS[name]
    return out


@pytest.fixture(scope="module")
def specs() -> dict[str, TableSpec]:
    return load_specs(SCHEMA_VERSION)


def test_specs_cover_every_table_in_order(specs: dict[str, TableSpec]) -> None:
    assert list(specs) == list(TABLES)


@pytest.mark.parametrize("table", list(TABLES))
def test_spec_matches_model(table: str, specs: dict[str, TableSpec]) -> None:
    spec = specs[table]
    got = [(c.name, c.kind, c.item_kind, c.nullable) for c in spec.columns]
    assert got == expected_columns(table)
    model = TABLES[table]
    assert spec.primary_key == model.primary_key
    assert [(fk.fields, fk.table, fk.ref_fields) for fk in spec.foreign_keys] == list(model.foreign_keys)


@pytest.mark.parametrize("table", list(TABLES))
def test_id_columns_carry_the_models_pattern(table: str, specs: dict[str, TableSpec]) -> None:
    ids = id_columns(table)
    assert ids, f"{table} has no id column"
    fields = TABLES[table].model_fields
    for name, prefix in ids.items():
        pattern = model_pattern(fields[name])
        assert pattern is not None and pattern.startswith(f"^{prefix}-"), f"{table}.{name}: pattern {pattern}"
        assert specs[table].column(name).pattern == pattern


# --- Arrow --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_arrow_schema(table: str, specs: dict[str, TableSpec]) -> None:
    schema = arrow_schema(specs[table], dataset_version="9.9.9")
    assert schema.names == [name for name, *_ in expected_columns(table)]
    for name, kind, item_kind, nullable in expected_columns(table):
        field = schema.field(name)
        expected = pa.list_(pa.field("item", ARROW[item_kind], nullable=False)) if item_kind else ARROW[kind]
        assert field.type == expected, f"{table}.{name}: {field.type} != {expected}"
        assert field.nullable == nullable, f"{table}.{name}: nullable {field.nullable}"
        assert field.metadata[b"description"], f"{table}.{name}: no description"
    meta = schema.metadata
    assert meta[b"kyrgyz_events.table"] == table.encode()
    assert meta[b"kyrgyz_events.schema_version"] == SCHEMA_VERSION.encode()
    assert meta[b"kyrgyz_events.dataset_version"] == b"9.9.9"


# --- Frictionless -------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_frictionless_table_schema(table: str, specs: dict[str, TableSpec]) -> None:
    descriptor = table_schema(specs[table])
    fields = descriptor["fields"]
    assert [f["name"] for f in fields] == [name for name, *_ in expected_columns(table)]
    model_fields = TABLES[table].model_fields
    for f, (name, kind, item_kind, nullable) in zip(fields, expected_columns(table), strict=True):
        constraints = f.get("constraints", {})
        if item_kind:
            assert (f["type"], f["itemType"]) == ("list", FRICTIONLESS[item_kind]), name
        else:
            assert f["type"] == FRICTIONLESS[kind], f"{table}.{name}: {f['type']}"
        assert constraints.get("required", False) is (not nullable), f"{table}.{name}: required"
        pattern = model_pattern(model_fields[name])
        if pattern and not item_kind:
            assert constraints["pattern"] == pattern.removeprefix("^").removesuffix("$"), f"{table}.{name}"
    assert descriptor["primaryKey"] == list(TABLES[table].primary_key)
    # the Data Package v2 profile forbids an empty foreignKeys list: absent when the table has none
    assert len(descriptor.get("foreignKeys", [])) == len(TABLES[table].foreign_keys)
    assert descriptor.get("foreignKeys", None) != []


@pytest.mark.parametrize("table", list(TABLES))
def test_frictionless_accepts_the_table_schema(table: str, specs: dict[str, TableSpec]) -> None:
    from frictionless import Schema

    schema = Schema.from_descriptor(table_schema(specs[table]))
    assert schema.field_names == [name for name, *_ in expected_columns(table)]


# --- pandera (polars) ---------------------------------------------------------------------------------


def valid_frame(table: str, spec: TableSpec) -> pl.DataFrame:
    """The table's valid example records (first per primary key) as a typed polars DataFrame."""
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    paths = sorted((EXAMPLES / table).glob("valid-*.json"))
    assert paths, f"no valid examples for {table}"
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        row = TABLES[table].model_validate_json(json.dumps(data), strict=True).model_dump()
        rows.setdefault(tuple(row[k] for k in spec.primary_key), row)
    frame = pl.from_arrow(pa.Table.from_pylist(list(rows.values()), schema=arrow_schema(spec)))
    assert isinstance(frame, pl.DataFrame)
    return frame


@pytest.mark.parametrize("table", list(TABLES))
def test_pandera_schema_columns(table: str, specs: dict[str, TableSpec]) -> None:
    schema = pandera_schema(specs[table])
    assert list(schema.columns) == [name for name, *_ in expected_columns(table)]
    assert schema.strict is True
    for name, kind, item_kind, nullable in expected_columns(table):
        column = schema.columns[name]
        expected = pl.List(POLARS[item_kind]) if item_kind else POLARS[kind]
        assert column.dtype.type == expected, f"{table}.{name}: {column.dtype}"
        assert column.nullable == nullable, f"{table}.{name}: nullable {column.nullable}"
    for name in id_columns(table):
        checks = [c.name for c in schema.columns[name].checks]
        assert "pattern" in checks, f"{table}.{name}: no pattern check"


@pytest.mark.parametrize("table", list(TABLES))
def test_pandera_accepts_the_valid_examples(table: str, specs: dict[str, TableSpec]) -> None:
    frame = valid_frame(table, specs[table])
    assert frame.height >= 1
    pandera_schema(specs[table]).validate(frame, lazy=True)


ENUM_TABLES = [t for t in TABLES if t not in ("documents", "ucdp_events")]  # UCDP's codes are integers


def test_every_table_but_documents_has_an_enum(specs: dict[str, TableSpec]) -> None:
    assert [t for t, s in specs.items() if any(c.enum for c in s.columns)] == ENUM_TABLES


@pytest.mark.parametrize("table", ENUM_TABLES)
def test_pandera_rejects_a_bad_enum_value_naming_the_column(table: str, specs: dict[str, TableSpec]) -> None:
    spec = specs[table]
    column = next(c.name for c in spec.columns if c.enum and not c.nullable)
    frame = valid_frame(table, spec)
    bad = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("not-a-value")).otherwise(pl.col(column)).alias(column)
    )
    with pytest.raises(SchemaErrors) as caught:
        pandera_schema(spec).validate(bad, lazy=True)
    failures = caught.value.failure_cases
    assert set(failures["column"].to_list()) == {column}
    assert failures["failure_case"].to_list() == ["not-a-value"]
    assert column in str(caught.value)


def test_pandera_rejects_a_bad_id_naming_the_column(specs: dict[str, TableSpec]) -> None:
    spec = specs["documents"]
    frame = valid_frame("documents", spec).with_columns(pl.lit("Doc 1").alias("document_id")).head(1)
    with pytest.raises(SchemaErrors) as caught:
        pandera_schema(spec).validate(frame, lazy=True)
    assert set(caught.value.failure_cases["column"].to_list()) == {"document_id"}


@pytest.mark.parametrize(
    ("table", "column", "bad"),
    [("casualty_estimates", "claim_ids", ["40"]), ("sentences", "record_ids", ["doc-x"]), ("actors", "aliases", [""])],
)
def test_pandera_checks_every_list_item(specs: dict[str, TableSpec], table: str, column: str, bad: list[str]) -> None:
    """pandera has no built-in for list items: the contract adds item pattern and length checks."""
    import pandera.polars as pa

    from kyrgyz_events.contracts.pandera_schema import pandera_schema

    if table not in specs:
        pytest.skip(f"{table} is not in schema {SCHEMA_VERSION}")
    checks = {c.name for c in pandera_schema(specs[table]).columns[column].checks}
    assert checks & {"item_pattern", "item_min_length"}, checks
    column_only = pa.DataFrameSchema({column: pandera_schema(specs[table]).columns[column]})
    with pytest.raises(pa.errors.SchemaErrors) as caught:
        column_only.validate(pl.DataFrame({column: [bad]}, schema={column: pl.List(pl.String)}), lazy=True)
    assert set(caught.value.failure_cases["column"].to_list()) == {column}
