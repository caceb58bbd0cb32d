"""The three row rules SQL does not say well, in Python over the columns they need, which any engine
supplies: ``table.parent_cycle`` (following parents until they repeat), ``cross.casualty_derivation``
(re-deriving casualty_estimates with ``kyrgyz_events.derive``) and ``provenance.text_sha256`` (hashing each
document's text). Their names and descriptions are registered with the others in ``kyrgyz_events.rules``."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.derive import casualty_estimates
from kyrgyz_events.findings import Findings
from kyrgyz_events.rules.rule import ROW, ident
from kyrgyz_events.validators.engines import Engine
from kyrgyz_events.validators.ids import with_ids
from kyrgyz_events.validators.records import Check, emit_failing, run_checks

#: table -> (id column, parent column)
PARENTS = {"events": ("event_id", "parent_event_id"), "locations": ("location_id", "parent_location_id")}


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
    """table.parent_cycle on a frame with the id and parent columns (and ``__row``)."""
    id_col, parent_col = PARENTS[spec.name]
    members = cycle_members(frame.get_column(id_col), frame.get_column(parent_col))
    if members.is_empty():
        return Findings()
    check = Check(parent_col, pl.col(id_col).is_in(members.implode()), f"following {parent_col} leads back here")
    return run_checks(frame, spec, [check], "table.parent_cycle", rel)


def text_sha256(documents: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    digests = pl.Series(
        "__sha",
        [
            hashlib.sha256(t.encode("utf-8")).hexdigest() if t is not None else None
            for t in documents.get_column("text").to_list()
        ],
        dtype=pl.String,
    )
    check = Check(
        "text_sha256",
        pl.col("text").is_not_null() & ~pl.col("text_sha256").eq_missing(pl.col("__sha")),
        "text_sha256 is not the SHA-256 of text",
    )
    return run_checks(documents.with_columns(digests), spec, [check], "provenance.text_sha256", rel)


def casualty_derivation(published: pl.DataFrame, claims: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    """cross.casualty_derivation: casualty_estimates equals a fresh derivation from the claims."""
    out = Findings()
    key = list(spec.primary_key)
    cols = spec.column_names
    published = published.select(cols)
    fresh = casualty_estimates(claims).select(cols).cast(published.schema)
    both = published.join(fresh, on=key, how="full", suffix="__fresh", coalesce=True, nulls_equal=True)
    both = with_ids(both, tuple(key))
    in_published = pl.col("high_unbounded").is_not_null()
    in_fresh = pl.col("high_unbounded__fresh").is_not_null()
    rule, table = "cross.casualty_derivation", "casualty_estimates"
    emit_failing(
        out,
        both.filter(~in_fresh),
        rule,
        table,
        None,
        "row does not follow from the claims (no claim about this event and kind)",
        rel,
    )
    emit_failing(
        out,
        both.filter(~in_published),
        rule,
        table,
        None,
        "row missing: the claims give an estimate for this event and kind",
        rel,
    )
    for col in published.columns:
        if col in key:
            continue
        differ = both.filter(in_published & in_fresh & ~pl.col(col).eq_missing(pl.col(f"{col}__fresh")))
        emit_failing(out, differ, rule, table, col, f"{col} differs from the derivation from the claims", rel, col)
    return out


_CLAIM_COLUMNS = ("claim_id", "event_id", "quantity_kind", "factuality", "value_min", "value_max")


def host_findings(engine: Engine, specs: Mapping[str, TableSpec], files: Mapping[str, str], cross: bool) -> Findings:
    """The three rules on the tables in ``specs`` (``cross``: also the rule across tables)."""
    wanted: list[tuple[str, str]] = []  # (what, sql)
    for table, (id_col, parent_col) in PARENTS.items():
        if table in specs:
            columns = f"{ident(ROW)}, {ident(id_col)}, {ident(parent_col)}"
            sql = f"SELECT {columns} FROM {ident(table)} WHERE {ident(id_col)} IS NOT NULL"
            wanted.append((table, sql))
    if "documents" in specs:
        wanted.append(("documents", 'SELECT "__row", "document_id", "text", "text_sha256" FROM "documents"'))
    if cross and "casualty_estimates" in specs and "claims" in specs:
        wanted.append(("casualty_estimates", 'SELECT * FROM "casualty_estimates"'))
        wanted.append(("claims", f'SELECT {", ".join(ident(c) for c in _CLAIM_COLUMNS)} FROM "claims"'))
    frames = dict(zip([w for w, _ in wanted], engine.collect([s for _, s in wanted]), strict=True))
    out = Findings()
    for table in PARENTS:
        if table in frames:
            out.extend(parent_cycle(frames[table], specs[table], files[table]))
    if "documents" in frames:
        out.extend(text_sha256(frames["documents"], specs["documents"], files["documents"]))
    if "claims" in frames:
        spec = specs["casualty_estimates"]
        out.extend(
            casualty_derivation(frames["casualty_estimates"], frames["claims"], spec, files["casualty_estimates"])
        )
    return out


__all__ = ["host_findings"]
