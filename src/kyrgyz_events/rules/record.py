"""Record rules: each table file has the schema's columns, and every record is valid against the table's
JSON Schema. ``record.json_schema`` is compiled from the JSON Schema itself (``contracts.spec.Column``),
one SQL condition per keyword; ``record.columns`` is checked on the file's schema before any row is read
(``validators.records``)."""

from __future__ import annotations

from kyrgyz_events.contracts.spec import Column, TableSpec
from kyrgyz_events.rules.rule import ROW, Query, Rule, ident, lit, regex

#: In a JSON Lines table, ``<BAD><column>`` is true where the value was not of the column's type (reported
#: when the file is read; the value is then null and no other check of the column looks at it).
BAD = "__bad_type_"


def _where(table: str, c: Column, condition: str, message: str) -> Query:
    return Query("record.json_schema", table, c.name, message, where=condition, value=c.name)


def _item_checks(table: str, relation: str, c: Column, checks: list[tuple[str, str]]) -> list[Query]:
    """Rows of which some item of the list column ``c`` fails a check, each check (a condition on
    ``__item``, a message) a flag of one aggregate over the items, joined to the rows by ``__row``."""
    col = ident(c.name)
    name = f"__items_{c.name}"
    flags = ", ".join(f"MAX(CASE WHEN {cond} THEN 1 ELSE 0 END) AS bad{k}" for k, (cond, _) in enumerate(checks))
    items = (
        f"SELECT {ident(ROW)}, UNNEST({col}) AS __item FROM {ident(relation)} "
        f"WHERE {col} IS NOT NULL AND ARRAY_LENGTH({col}) > 0"
    )
    join = (
        f"LEFT JOIN (SELECT {ident(ROW)} AS __irow, {flags} FROM ({items}) AS u GROUP BY {ident(ROW)}) AS {name} "
        f"ON {ident(ROW, 's')} = {name}.__irow"
    )
    return [
        Query(
            "record.json_schema",
            table,
            c.name,
            message,
            where=f"{name}_bad{k} = 1",
            value=c.name,
            columns=(f"{name}.bad{k} AS {name}_bad{k}",),
            joins=(join,),
        )
        for k, (_, message) in enumerate(checks)
    ]


def column_queries(c: Column, spec: TableSpec, relation: str, marked: bool) -> list[Query]:
    """The JSON Schema keywords of one column, as queries on ``relation`` (a file of ``spec``'s table);
    ``marked``: the relation has ``BAD`` columns, whose rows are skipped."""
    col = ident(c.name)
    ok = f"NOT {ident(BAD + c.name)}" if marked else "TRUE"
    present = f"{col} IS NOT NULL"
    t = spec.name
    out: list[Query] = []
    if not c.nullable:
        out.append(_where(t, c, f"{col} IS NULL AND {ok}", "a value is required"))
    if c.enum is not None:
        allowed = ", ".join(lit(v) for v in c.enum)
        out.append(_where(t, c, f"{present} AND {col} NOT IN ({allowed})", "value is not one of the allowed values"))
    if c.pattern is not None:
        out.append(
            _where(
                t, c, f"{present} AND NOT REGEXP_LIKE({col}, {regex(c.pattern)})", f"value does not match {c.pattern}"
            )
        )
    if c.minimum is not None:
        out.append(_where(t, c, f"{present} AND {col} < {lit(c.minimum)}", f"value is below the minimum {c.minimum}"))
    if c.maximum is not None:
        out.append(_where(t, c, f"{present} AND {col} > {lit(c.maximum)}", f"value is above the maximum {c.maximum}"))
    if c.kind == "string" and c.min_length is not None:
        out.append(_where(t, c, f"{present} AND CHAR_LENGTH({col}) < {c.min_length}", "value is too short"))
    if c.kind == "string" and c.max_length is not None:
        out.append(_where(t, c, f"{present} AND CHAR_LENGTH({col}) > {c.max_length}", "value is too long"))
    if c.kind != "list":
        return out
    if c.min_items is not None:
        out.append(
            _where(t, c, f"{present} AND ARRAY_LENGTH({col}) < {c.min_items}", f"fewer than {c.min_items} items")
        )
    checks: list[tuple[str, str]] = []
    if c.item_kind == "string" and c.item_min_length is not None:
        checks.append((f"CHAR_LENGTH(__item) < {c.item_min_length}", "an item is too short"))
    if c.item_kind == "string" and c.item_max_length is not None:
        checks.append((f"CHAR_LENGTH(__item) > {c.item_max_length}", "an item is too long"))
    if c.item_kind == "string" and c.item_pattern is not None:
        checks.append((f"NOT REGEXP_LIKE(__item, {regex(c.item_pattern)})", f"an item does not match {c.item_pattern}"))
    if c.item_enum is not None:
        allowed = ", ".join(lit(v) for v in c.item_enum)
        checks.append((f"__item NOT IN ({allowed})", "an item is not one of the vocabulary's values"))
    checks.append(("__item IS NULL", "an item is null"))
    out += _item_checks(t, relation, c, checks)
    return out


def file_queries(spec: TableSpec, relation: str, marked: bool, skip: set[str]) -> list[Query]:
    """record.json_schema on one file of a table, registered as ``relation``; columns in ``skip`` (missing
    or mistyped, already reported as record.columns) are not checked."""
    return [q for c in spec.columns if c.name not in skip for q in column_queries(c, spec, relation, marked)]


RULES = (
    Rule(
        "record.columns",
        "A table file has exactly the schema's columns, and Parquet columns have the "
        "schema's types (missing, extra or mistyped columns are named).",
    ),
    Rule(
        "record.json_schema",
        "Every record is valid against schema/<version>/<table>.schema.json: types, "
        "required values, patterns, enums, ranges and lengths.",
    ),
)
