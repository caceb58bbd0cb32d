"""Record rules, vectorised: the JSON Schema of each table restated as Polars expressions over whole
columns (types, required values, enums, patterns, ranges, lengths). Reports the same findings as the
per-record ``jsonschema`` reference in ``records_reference`` (see tests/test_validate_differential.py)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from kyrgyz_events.contracts.pandera_schema import polars_type
from kyrgyz_events.contracts.spec import Column, TableSpec
from kyrgyz_events.findings import Finding, Findings
from kyrgyz_events.rules import finding
from kyrgyz_events.validators.ids import RID, with_ids

#: At most this many findings are materialised per (table, rule, field, check); the rest are counted.
MAX_PER_CHECK = 1000
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
BAD = "__bad_type_"  # prefix of the columns that mark JSON values of the wrong type
_INTS = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)


@dataclass(frozen=True)
class Check:
    field: str
    failing: pl.Expr  # true on rows that break the rule
    message: str


def structure(spec: TableSpec, schema: dict[str, pl.DataType], rel: str, typed: bool) -> tuple[list[Finding], set[str]]:
    """record.columns: missing and extra columns, and (``typed``: Parquet) columns of the wrong type.
    Returns the findings and the columns that value checks must skip."""
    out: list[Finding] = []
    skip: set[str] = set()
    for c in spec.columns:
        if c.name not in schema:
            out.append(finding("record.columns", "required column is missing", table=spec.name, field=c.name, file=rel))
            skip.add(c.name)
        elif typed and schema[c.name] != polars_type(c):
            out.append(
                finding(
                    "record.columns",
                    f"column has type {schema[c.name]}, the schema says {polars_type(c)}",
                    table=spec.name,
                    field=c.name,
                    file=rel,
                    value=str(schema[c.name]),
                )
            )
            skip.add(c.name)
    for name in schema:
        if name not in spec.column_names:
            out.append(finding("record.columns", "column is not in the schema", table=spec.name, field=name, file=rel))
            skip.add(name)
    return out, skip


def coerce(frame: pl.DataFrame, spec: TableSpec, skip: set[str]) -> tuple[pl.DataFrame, list[Check]]:
    """JSON Lines columns cast to the schema's types; values that are not of the type become checks."""
    casts: list[pl.Expr] = []
    marks: list[pl.Expr] = []
    checks: list[Check] = []
    for c in spec.columns:
        if c.name in skip:
            continue
        want, have = polars_type(c), frame.schema[c.name]
        if have == want or have == pl.Null:
            casts.append(pl.col(c.name).cast(want))
            continue
        raw = pl.col(c.name)
        if c.kind == "date" and have == pl.String:
            cast = raw.str.to_date("%Y-%m-%d", strict=False)
            bad = raw.is_not_null() & (cast.is_null() | ~raw.str.contains(_DATE_RE))
        elif c.kind == "number" and have in _INTS:
            cast, bad = raw.cast(pl.Float64), pl.lit(False)
        elif c.kind == "integer" and have == pl.Float64:
            cast, bad = raw.cast(pl.Int64, strict=False), raw.is_not_null() & (raw != raw.floor())
        elif want == pl.String or c.kind == "list":
            cast, bad = pl.lit(None, want), raw.is_not_null()
        else:
            cast = raw.cast(want, strict=False)
            bad = raw.is_not_null() & cast.is_null()
        mark = BAD + c.name
        marks.append(bad.alias(mark))
        checks.append(Check(c.name, pl.col(mark), f"value is not of type {c.kind}"))
        casts.append(pl.when(pl.col(mark)).then(None).otherwise(cast).alias(c.name))
    return frame.with_columns(marks).with_columns(casts), checks


def column_checks(c: Column) -> list[Check]:
    """The JSON Schema keywords of one column as Polars expressions."""
    col = pl.col(c.name)
    present = col.is_not_null()
    checks: list[Check] = []
    if not c.nullable:
        checks.append(Check(c.name, col.is_null(), "a value is required"))
    if c.enum is not None:
        checks.append(Check(c.name, present & ~col.is_in(list(c.enum)), "value is not one of the allowed values"))
    if c.pattern is not None:
        checks.append(Check(c.name, present & ~col.str.contains(c.pattern), f"value does not match {c.pattern}"))
    if c.minimum is not None:
        checks.append(Check(c.name, present & (col < c.minimum), f"value is below the minimum {c.minimum}"))
    if c.maximum is not None:
        checks.append(Check(c.name, present & (col > c.maximum), f"value is above the maximum {c.maximum}"))
    if c.kind == "string" and c.min_length is not None:
        checks.append(Check(c.name, present & (col.str.len_chars() < c.min_length), "value is too short"))
    if c.kind == "string" and c.max_length is not None:
        checks.append(Check(c.name, present & (col.str.len_chars() > c.max_length), "value is too long"))
    if c.kind == "list" and c.min_items is not None:
        checks.append(Check(c.name, present & (col.list.len() < c.min_items), f"fewer than {c.min_items} items"))
    if c.kind == "list" and c.item_min_length is not None and c.item_kind == "string":
        short = col.list.eval(pl.element().str.len_chars() < c.item_min_length).list.any()
        checks.append(Check(c.name, present & short.fill_null(False), "an item is too short"))
    if c.kind == "list" and c.item_max_length is not None and c.item_kind == "string":
        long = col.list.eval(pl.element().str.len_chars() > c.item_max_length).list.any()
        checks.append(Check(c.name, present & long.fill_null(False), "an item is too long"))
    if c.kind == "list" and c.item_pattern is not None and c.item_kind == "string":
        bad = col.list.eval(~pl.element().str.contains(c.item_pattern)).list.any()
        checks.append(Check(c.name, present & bad.fill_null(False), f"an item does not match {c.item_pattern}"))
    if c.kind == "list":
        checks.append(
            Check(
                c.name, present & col.list.eval(pl.element().is_null()).list.any().fill_null(False), "an item is null"
            )
        )
    return checks


def run_checks(frame: pl.DataFrame, spec: TableSpec, checks: list[Check], rule: str, rel: str) -> Findings:
    """Evaluate every check in one pass over the frame; materialise findings only for failing rows."""
    out = Findings()
    if not checks or frame.height == 0:
        return out
    frame = with_ids(frame, spec.primary_key)
    masks = frame.select(ch.failing.fill_null(False).alias(f"c{i}") for i, ch in enumerate(checks))
    counts = masks.sum().row(0)
    for i, (ch, n) in enumerate(zip(checks, counts, strict=True)):
        if not n:
            continue
        failing = frame.filter(masks.get_column(f"c{i}")).head(MAX_PER_CHECK)
        values = failing.get_column(ch.field).to_list() if ch.field in failing.columns else [None] * failing.height
        for rid, value in zip(failing.get_column(RID).to_list(), values, strict=True):
            out.items.append(
                finding(rule, ch.message, table=spec.name, record_id=rid, field=ch.field, file=rel, value=_plain(value))
            )
        if n > MAX_PER_CHECK:
            out.omitted[(spec.name, rule)] += n - MAX_PER_CHECK
    return out


def _plain(value: object) -> object:
    if isinstance(value, pl.Series):
        return value.to_list()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def column_checks_of(spec: TableSpec, skip: set[str], columns: list[str] | None = None) -> list[Check]:
    """The value checks of every column not in ``skip``; where ``columns`` holds a ``BAD`` mark of a column
    (a JSON value of the wrong type, already reported), its rows are not checked again."""
    checks: list[Check] = []
    for c in spec.columns:
        if c.name not in skip:
            mistyped = columns is not None and BAD + c.name in columns
            checks.extend(
                Check(ch.field, ch.failing & ~pl.col(BAD + c.name), ch.message) if mistyped else ch
                for ch in column_checks(c)
            )
    return checks


def record_findings(frame: pl.DataFrame, spec: TableSpec, rel: str, fmt: str) -> tuple[Findings, pl.DataFrame]:
    """All record rules on one table file. Returns the findings and the frame with the schema's columns
    and types (unreadable columns null) for the table and cross-table rules."""
    if fmt == "jsonl" and frame.height == 0 and frame.width == 0:  # an empty JSON Lines file: no keys to check
        frame = pl.DataFrame(schema={c.name: polars_type(c) for c in spec.columns})
    found, skip = structure(spec, dict(frame.schema), rel, typed=fmt == "parquet")
    checks: list[Check] = []
    if fmt == "jsonl":
        frame, checks = coerce(frame, spec, skip)
    checks.extend(column_checks_of(spec, skip, frame.columns))
    findings = run_checks(frame, spec, checks, "record.json_schema", rel)
    findings.items[:0] = found
    return findings, conform(frame, spec, skip)


def conform(frame: pl.DataFrame, spec: TableSpec, skip: set[str]) -> pl.DataFrame:
    """The schema's columns in order, with the schema's types; a missing or mistyped column is all null."""
    return (
        frame.select(
            pl.lit(None, polars_type(c)).alias(c.name) if c.name in skip else pl.col(c.name).cast(polars_type(c))
            for c in spec.columns
        )
        if frame.width
        else pl.DataFrame(schema={c.name: polars_type(c) for c in spec.columns})
    )
