"""Record ids in findings, for whole frames: the Polars expression of ``kyrgyz_events.findings.record_id``
(the primary-key value, composite keys joined by ``KEY_SEPARATOR``; ``#<row>``, the 1-based row or line
number, when a key part is missing), so that both validation paths name a record the same way."""

from __future__ import annotations

from typing import Any

import polars as pl

from kyrgyz_events.findings import KEY_SEPARATOR
from kyrgyz_events.findings import record_id as _record_id
from kyrgyz_events.rules.rule import RID, ROW


def record_id_expr(primary_key: tuple[str, ...], columns: list[str]) -> pl.Expr:
    """The record id of each row of a frame that has a ``ROW`` column."""
    parts = [pl.col(k).cast(pl.String) if k in columns else pl.lit(None, pl.String) for k in primary_key]
    joined = parts[0] if len(parts) == 1 else pl.concat_str(parts, separator=KEY_SEPARATOR)
    return (
        pl.when(pl.any_horizontal([p.is_null() for p in parts])).then(pl.format("#{}", pl.col(ROW))).otherwise(joined)
    )


def numbered(lf: pl.LazyFrame) -> pl.LazyFrame:
    """``lf`` with ``ROW``, its 1-based row (or line) number, as the rules' SQL reads it (Int64)."""
    return lf.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))


def with_ids(frame: pl.DataFrame, primary_key: tuple[str, ...]) -> pl.DataFrame:
    """``frame`` with ``ROW`` and ``RID`` columns (added once)."""
    if RID in frame.columns:
        return frame
    if ROW not in frame.columns:
        frame = frame.with_row_index(ROW, offset=1)
    return frame.with_columns(record_id_expr(primary_key, frame.columns).alias(RID))


def record_id(row: dict[str, Any], primary_key: tuple[str, ...], number: int) -> str:
    """The record id of one row given as a dict (the reference path)."""
    rid = _record_id(row, primary_key, number)
    assert rid is not None  # with a number, never None
    return rid
