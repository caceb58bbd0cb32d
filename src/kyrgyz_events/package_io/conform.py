"""Rows, tables and frames as tables of a release's schema.

- :func:`to_arrow` and :func:`conform`: an Arrow table of the release's types and column order, with its
  metadata, rows sorted by primary key (how every table file of a package is written);
- :func:`conform_frames`: the polars frames of a package read under the reading rule of
  ``docs/versioning.md`` (an absent table reads as empty, an absent nullable column as null), as
  migrations upgrade them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from kyrgyz_events.contracts.arrow import arrow_schema
from kyrgyz_events.contracts.spec import TableSpec

if TYPE_CHECKING:
    import polars as pl


class ConformError(ValueError):
    """Frames that the reading rule cannot turn into the tables of a schema; the message says which."""


def sort_by_key(table: pa.Table, spec: TableSpec) -> pa.Table:
    """``table``'s rows in primary-key order."""
    return table.sort_by([(k, "ascending") for k in spec.primary_key]) if table.num_rows else table


def to_arrow(spec: TableSpec, rows: list[dict[str, Any]], dataset_version: str) -> pa.Table:
    """Rows (dicts keyed by column) as an Arrow table of the table's schema, sorted by primary key."""
    table = pa.Table.from_pylist(rows, schema=arrow_schema(spec, dataset_version))
    return sort_by_key(table, spec)


def conform(table: pa.Table, spec: TableSpec, dataset_version: str | None = None) -> pa.Table:
    """``table`` as an Arrow table of ``spec``: its columns in order, cast to the release's types, sorted by
    primary key, with the schema's metadata. Raises ``ValueError`` naming the table and the column for a
    missing or unknown column or a value that does not fit the column's type."""
    schema = arrow_schema(spec, dataset_version)
    where = f"table {spec.name}"
    missing = [n for n in schema.names if n not in table.column_names]
    unknown = [n for n in table.column_names if n not in schema.names]
    if missing or unknown:
        parts = [f"missing column(s) {', '.join(missing)}"] * bool(missing)
        parts += [f"unknown column(s) {', '.join(unknown)}"] * bool(unknown)
        raise ValueError(f"{where} (schema {spec.version}): {'; '.join(parts)}")
    columns = []
    for field in schema:
        try:
            columns.append(table.column(field.name).cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            raise ValueError(f"{where}, column {field.name}: cannot be written as {field.type}: {exc}") from exc
    try:
        conformed = pa.Table.from_arrays(columns, schema=schema)
    except (pa.ArrowInvalid, ValueError) as exc:  # a null in a required column
        raise ValueError(f"{where}: {exc}") from exc
    return sort_by_key(conformed, spec)


def conform_frames(tables: dict[str, pl.DataFrame], specs: dict[str, TableSpec], step: str) -> dict[str, pl.DataFrame]:
    """Tables in ``specs``' order with their columns in schema order; an absent table reads as empty and an
    absent nullable column as null. A missing non-null column or an undeclared table or column is a
    :class:`ConformError` whose message starts with ``step``."""
    import polars as pl

    from kyrgyz_events.contracts.pandera_schema import polars_type

    extra = [t for t in tables if t not in specs]
    if extra:
        raise ConformError(f"{step}: tables {extra} are not in the target schema")
    out = {}
    for name, spec in specs.items():
        df = tables.get(name)
        if df is None:
            df = pl.DataFrame(schema={c.name: polars_type(c) for c in spec.columns})
        undeclared = [c for c in df.columns if c not in spec.column_names]
        if undeclared:
            raise ConformError(f"{step}: table {name} has columns {undeclared} the target schema does not declare")
        exprs = []
        for col in spec.columns:
            if col.name in df.columns:
                exprs.append(pl.col(col.name))
            elif col.nullable:
                exprs.append(pl.lit(None, dtype=polars_type(col)).alias(col.name))
            else:
                raise ConformError(f"{step}: table {name} lacks non-null column {col.name}")
        out[name] = df.select(exprs)
    return out
