"""Reading a table file for the rules: ``record.columns`` from the file's schema (missing, extra and
mistyped columns), JSON values cast to the schema's types (a value of the wrong type is a
``record.json_schema`` finding here, where the type is known), and the frame conformed to the schema.
The rules on the values themselves are SQL (``kyrgyz_events.rules``); the per-record ``jsonschema``
reference is ``records_reference``. ``run_checks`` and ``emit_failing`` turn failing rows of a frame into
findings for the few rules checked in Python."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from kyrgyz_events.contracts.pandera_schema import polars_type
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Finding, Findings
from kyrgyz_events.package_io.json_text import json_value
from kyrgyz_events.rules import finding
from kyrgyz_events.rules.record import BAD
from kyrgyz_events.rules.rule import RID
from kyrgyz_events.validators.ids import with_ids

#: At most this many findings are materialised per (table, rule, field, check); the rest are counted.
MAX_PER_CHECK = 1000
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
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
        if have == want or have == pl.Null or (c.kind == "list" and have == pl.List(pl.Null)):
            casts.append(pl.col(c.name).cast(want))  # null, or lists that are all empty: nothing to type
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
                finding(
                    rule, ch.message, table=spec.name, record_id=rid, field=ch.field, file=rel, value=json_value(value)
                )
            )
        if n > MAX_PER_CHECK:
            out.omitted[(spec.name, rule)] += n - MAX_PER_CHECK
    return out


def emit_failing(
    out: Findings,
    failing: pl.DataFrame,
    rule: str,
    table: str,
    field: str | None,
    message: str,
    rel: str,
    value_col: str | None = None,
) -> None:
    """Findings for the failing rows of ``table`` (a frame with an RID column), capped and counted."""
    for row in failing.head(MAX_PER_CHECK).iter_rows(named=True):
        out.items.append(
            finding(
                rule,
                message,
                table=table,
                record_id=row[RID],
                field=field,
                file=rel,
                value=json_value(row[value_col]) if value_col else None,
            )
        )
    if failing.height > MAX_PER_CHECK:
        out.omitted[(table, rule)] += failing.height - MAX_PER_CHECK
