"""pandera (polars backend) table schemas derived from a table contract: types, nulls, enums, patterns,
ranges and primary-key uniqueness. Rules across columns and tables live in ``kyrgyz_events.validators``.

pandera is imported here and only here, so loading the data never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from kyrgyz_events.contracts.spec import Column, TableSpec

_POLARS_TYPES: dict[str, Any] = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "date": pl.Date,
}


def polars_type(column: Column) -> Any:
    if column.kind == "list":
        return pl.List(_POLARS_TYPES[column.item_kind or "string"])
    return _POLARS_TYPES[column.kind]


def _value_checks(column: Column, pa: Any) -> list[Any]:
    """The column's value checks, built with one flavour of pandera (``pandera.polars`` or ``pandera.pandas``,
    whose ``Check`` builders share these names)."""
    checks: list[Any] = []
    if column.enum is not None:
        checks.append(pa.Check.isin(list(column.enum), name="enum"))
    if column.pattern is not None:
        checks.append(pa.Check.str_matches(column.pattern, name="pattern"))
    if column.minimum is not None:
        checks.append(pa.Check.ge(column.minimum, name="minimum"))
    if column.maximum is not None:
        checks.append(pa.Check.le(column.maximum, name="maximum"))
    if column.kind == "string" and column.min_length is not None:
        checks.append(pa.Check.str_length(min_value=column.min_length, name="min_length"))
    if column.kind == "string" and column.max_length is not None:
        checks.append(pa.Check.str_length(max_value=column.max_length, name="max_length"))
    return checks


def _item_checks(column: Column) -> list[Any]:
    """Checks on every item of a list column (pandera has no built-in for list items)."""
    import pandera.polars as pa

    conditions: dict[str, pl.Expr] = {}
    if column.item_pattern is not None:
        conditions["item_pattern"] = pl.element().str.contains(column.item_pattern)
    if column.item_min_length is not None:
        conditions["item_min_length"] = pl.element().str.len_chars() >= column.item_min_length
    if column.item_max_length is not None:
        conditions["item_max_length"] = pl.element().str.len_chars() <= column.item_max_length
    return [
        pa.Check(
            lambda data, cond=cond: data.lazyframe.select(pl.col(data.key).list.eval(cond).list.all()),
            name=name,
        )
        for name, cond in conditions.items()
    ]


def pandera_schema(spec: TableSpec) -> Any:
    """A ``pandera.polars.DataFrameSchema`` for the table (strict: no unknown columns)."""
    import pandera.polars as pa

    return _frame_schema(pa, spec, polars_type, _item_checks)


def _frame_schema(
    pa: Any,
    spec: TableSpec,
    dtype: Callable[[Column], Any],
    item_checks: Callable[[Column], list[Any]],
    **options: Any,
) -> Any:
    """The table's ``DataFrameSchema`` in one flavour of pandera (``pa``): each column of type ``dtype(c)``
    with its value checks (and ``item_checks(c)`` on a list of strings) and the column ``options``; strict,
    the primary key unique."""

    def checks(column: Column) -> list[Any]:
        items = column.kind == "list" and column.item_kind == "string"
        return _value_checks(column, pa) + (item_checks(column) if items else [])

    columns = {
        c.name: pa.Column(
            dtype(c),
            checks=checks(c),
            nullable=c.nullable,
            unique=spec.primary_key == (c.name,),
            description=c.description,
            **options,
        )
        for c in spec.columns
    }
    return pa.DataFrameSchema(
        columns,
        name=spec.name,
        strict=True,
        ordered=False,
        unique=list(spec.primary_key) if len(spec.primary_key) > 1 else None,
        description=spec.description,
    )


def _arrow_dtype(column: Column) -> Any:
    """The pandas dtype of a column as ``kyrgyz_events.load(backend="pandas")`` gives it (pyarrow-backed)."""
    import pandas as pd

    from kyrgyz_events.contracts.arrow import arrow_type

    return pd.ArrowDtype(arrow_type(column))


def _pandas_item_checks(column: Column) -> list[Any]:
    """Checks on every item of a list column, element-wise (pandera has no built-in for list items)."""
    import re

    import pandera.pandas as pa

    tests: dict[str, Any] = {}
    if column.item_pattern is not None:
        tests["item_pattern"] = re.compile(column.item_pattern).search
    if column.item_min_length is not None:
        tests["item_min_length"] = lambda s, n=column.item_min_length: len(s) >= n
    if column.item_max_length is not None:
        tests["item_max_length"] = lambda s, n=column.item_max_length: len(s) <= n
    return [
        pa.Check(lambda items, t=t: items is None or all(t(i) for i in items), element_wise=True, name=name)
        for name, t in tests.items()
    ]


def pandas_schema(spec: TableSpec) -> Any:
    """A ``pandera.pandas.DataFrameSchema`` for the table (strict: no unknown columns). Columns are coerced
    to the pyarrow-backed dtypes that ``kyrgyz_events.load(backend="pandas")`` gives, so a frame built by
    hand (object strings, ``datetime.date`` values, Python lists) is checked as well as a loaded one."""
    import pandera.pandas as pa

    return _frame_schema(pa, spec, _arrow_dtype, _pandas_item_checks, coerce=True)
