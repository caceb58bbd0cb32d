"""Rules within one table, as Polars expressions over whole columns: unique keys, column order rules,
date precision, qualifier bounds, self-relations and parent cycles. No Python loop per row."""

from __future__ import annotations

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Findings
from kyrgyz_events.validators.ids import RID, with_ids
from kyrgyz_events.validators.records_fast import Check, run_checks

Frames = dict[str, pl.DataFrame]


def _date_precision() -> pl.Expr:
    start, end, p = pl.col("date_start"), pl.col("date_end"), pl.col("date_precision")
    both = start.is_not_null() & end.is_not_null()
    days = (end - start).dt.total_days()
    ok = (
        pl.when(p == "unknown")
        .then(start.is_null() & end.is_null())
        .when(~both)
        .then(False)
        .when(end < start)
        .then(True)  # reported by table.date_order
        .when(p == "day")
        .then(days == 0)
        .when(p == "days")
        .then(days.is_between(1, 6))
        .when(p == "week")
        .then(days == 6)
        .when(p == "month")
        .then((start.dt.day() == 1) & (end == start.dt.month_end()))
        .when(p == "year")
        .then(
            (start.dt.ordinal_day() == 1)
            & (end.dt.year() == start.dt.year())
            & (end.dt.month() == 12)
            & (end.dt.day() == 31)
        )
        .otherwise(True)
    )
    return ~ok & p.is_not_null()


def _qualifier_bounds() -> pl.Expr:
    q, lo, hi = pl.col("value_qualifier"), pl.col("value_min"), pl.col("value_max")
    ok = (
        pl.when(q.is_null())
        .then(lo.is_null() & hi.is_null())
        .when(q.is_in(["exact", "approximately"]))
        .then(lo.is_not_null() & (lo == hi))
        .when(q.is_in(["at_least", "more_than"]))
        .then(lo.is_not_null() & hi.is_null())
        .when(q.is_in(["up_to", "at_most"]))
        .then(lo.is_null() & hi.is_not_null())
        .when(q == "range")
        .then(lo.is_not_null() & hi.is_not_null())
        .otherwise(True)
    )
    return ~ok


#: table -> (rule, field, failing expression, message)
ROW_RULES: dict[str, list[tuple[str, str, pl.Expr, str]]] = {
    "documents": [
        ("table.span_order", "body_end", pl.col("body_start") >= pl.col("body_end"), "body_end is not after body_start")
    ],
    "events": [
        ("table.date_order", "date_end", pl.col("date_end") < pl.col("date_start"), "date_end is before date_start"),
        (
            "table.date_precision",
            "date_precision",
            _date_precision(),
            "date_start/date_end do not match date_precision",
        ),
    ],
    "claims": [
        ("table.value_range", "value_min", pl.col("value_min") > pl.col("value_max"), "value_min is above value_max"),
        (
            "table.qualifier_bounds",
            "value_qualifier",
            _qualifier_bounds(),
            "value_qualifier does not match which of value_min/value_max are given",
        ),
    ],
    "evidence": [("table.span_order", "end", pl.col("start") >= pl.col("end"), "end is not after start")],
    "actor_relations": [
        (
            "table.no_self_relation",
            "related_actor_id",
            pl.col("actor_id") == pl.col("related_actor_id"),
            "an actor is related to itself",
        )
    ],
    "claim_relations": [
        (
            "table.no_self_relation",
            "related_claim_id",
            pl.col("claim_id") == pl.col("related_claim_id"),
            "a claim is related to itself",
        )
    ],
}

#: table -> (id column, parent column)
PARENTS = {"events": ("event_id", "parent_event_id"), "locations": ("location_id", "parent_location_id")}


def unique_id(frame: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    key = list(spec.primary_key)
    dup = pl.struct(key).is_duplicated() & pl.all_horizontal(pl.col(k).is_not_null() for k in key)
    return run_checks(
        frame,
        spec,
        [Check(key[-1] if len(key) > 1 else key[0], dup, "primary key is not unique")],
        "table.unique_id",
        rel,
    )


def row_rules(frame: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    out = Findings()
    for rule, field, expr, message in ROW_RULES.get(spec.name, []):
        out.extend(run_checks(frame, spec, [Check(field, expr, message)], rule, rel))
    return out


def cycle_members(ids: pl.Series, parents: pl.Series) -> pl.Series:
    """The ids that lie on a cycle of the id -> parent graph (each id has at most one parent).

    Vectorised, by two prunings that each take as many rounds as the longest chain: drop nodes whose parent
    is missing or already dropped (roots first), then drop nodes nothing left points to (leaves first).
    What remains is exactly the cycles.
    """
    edges = pl.DataFrame({"id": ids, "parent": parents}).drop_nulls("id").unique("id", keep="first")
    while True:  # a round per level of the forest, not per row
        alive = edges.filter(pl.col("parent").is_in(edges.get_column("id").implode()))
        if alive.height == edges.height:
            break
        edges = alive
    while True:
        pointed = edges.get_column("parent").implode()
        alive = edges.filter(pl.col("id").is_in(pointed))
        if alive.height == edges.height:
            break
        edges = alive
    return edges.get_column("id")


def parent_cycle(frame: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    id_col, parent_col = PARENTS[spec.name]
    members = cycle_members(frame.get_column(id_col), frame.get_column(parent_col))
    if members.is_empty():
        return Findings()
    check = Check(parent_col, pl.col(id_col).is_in(members.implode()), f"following {parent_col} leads back here")
    return run_checks(frame, spec, [check], "table.parent_cycle", rel)


def table_findings(frame: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    """Every table rule of one table."""
    out = Findings()
    parts = [unique_id(frame, spec, rel), row_rules(frame, spec, rel)]
    if spec.name in PARENTS:
        parts.append(parent_cycle(frame, spec, rel))
    for part in parts:
        out.extend(part)
    return out


__all__ = ["RID", "Frames", "table_findings", "with_ids"]
