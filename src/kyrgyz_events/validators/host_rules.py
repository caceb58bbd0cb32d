"""The row rules SQL does not say well, in Python over the columns they need, which any engine supplies:
``table.parent_cycle`` (following parents until they repeat), ``cross.casualty_derivation`` (re-deriving
casualty_estimates with ``kyrgyz_events.derive``), ``cross.scheme_derivation`` (re-deriving the scheme
views' derived columns with ``kyrgyz_events.scheme_views``) and ``provenance.text_sha256`` (hashing each
document's text). Their names and descriptions are registered with the others in ``kyrgyz_events.rules``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.derive import casualty_estimates
from kyrgyz_events.findings import Findings, record_id
from kyrgyz_events.rules import finding
from kyrgyz_events.rules.rule import ROW, ident
from kyrgyz_events.validators.engines import Engine
from kyrgyz_events.validators.ids import with_ids
from kyrgyz_events.validators.records import Check, emit_failing, run_checks

#: The tables cross.scheme_derivation re-derives.
DERIVED_VIEWS = ("acled_events", "ucdp_events", "plover_events")
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
    fresh = casualty_estimates(claims, spec.version).select(cols).cast(published.schema)
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


_CLAIM_COLUMNS = ("claim_id", "event_id", "quantity_kind", "factuality", "value_min", "value_max", "value_qualifier")
#: What the scheme views derive from: table -> the columns read (only the rows the views need:
#: :func:`view_input_reads`).
VIEW_INPUTS = {
    "events": ("event_id", "location_id", "date_start", "date_end", "date_precision"),
    "locations": ("location_id", "name", "location_type", "parent_location_id", "country_code", "latitude",
                  "longitude", "geo_precision"),
    "documents": ("document_id", "publisher", "published_date", "title"),
    "actors": ("actor_id", "name"),
    "casualty_estimates": ("event_id", "quantity_kind", "low", "high"),
    "event_actors": ("event_id", "actor_id", "role"),
    "evidence": ("record_table", "record_id", "start", "end", "exact"),
}  # fmt: skip


def _keys(sql: str) -> str:
    """``sql``'s one column ``__k`` made distinct, as a relation to join on (a semi-join)."""
    return f"(SELECT DISTINCT __k FROM ({sql}) AS k WHERE __k IS NOT NULL)"


def view_input_reads(views: Iterable[str], tables: Iterable[str]) -> dict[str, str]:
    """Table -> the query that reads what the rows of ``views`` are derived from, for those of ``tables``
    the views derive from, not the whole table: the events the views stand for, their estimates, actor
    links, actors and first evidence, the views' documents, and the events' places with every location
    that is another's parent (a place's chain of parents, whatever its depth, without following it in SQL).
    Actors are read only beside event_actors, and locations beside events: without them nothing leads there."""
    present = set(tables)
    stands_for = [
        f'SELECT UNNEST("event_ids") AS __k FROM {ident(v)} WHERE "event_ids" IS NOT NULL '
        'AND ARRAY_LENGTH("event_ids") > 0'
        if v != "plover_events"
        else f'SELECT "event_id" AS __k FROM {ident(v)}'
        for v in views
    ]
    events = _keys(" UNION ALL ".join(stands_for))
    documents = _keys(" UNION ALL ".join(f'SELECT "document_id" AS __k FROM {ident(v)}' for v in views))
    actors = _keys(f'SELECT a."actor_id" AS __k FROM "event_actors" AS a JOIN {events} AS w ON a."event_id" = w.__k')
    places = _keys(
        f'SELECT e."location_id" AS __k FROM "events" AS e JOIN {events} AS w ON e."event_id" = w.__k '
        'UNION ALL SELECT "parent_location_id" AS __k FROM "locations"'
    )
    wanted = {
        "events": ("event_id", events),
        "locations": ("location_id", places),
        "documents": ("document_id", documents),
        "actors": ("actor_id", actors),
        "casualty_estimates": ("event_id", events),
        "event_actors": ("event_id", events),
        "evidence": ("record_id", events),
    }
    needs = {"actors": "event_actors", "locations": "events"}
    reads = {}
    for table in (t for t in VIEW_INPUTS if t in present and needs.get(t, t) in present):
        column, keys = wanted[table]
        columns = ", ".join(f"t.{ident(c)}" for c in VIEW_INPUTS[table])
        where = " WHERE t.\"record_table\" = 'events'" if table == "evidence" else ""
        reads[table] = f"SELECT {columns} FROM {ident(table)} AS t JOIN {keys} AS w ON t.{ident(column)} = w.__k{where}"
    return reads


def scheme_derivation(
    views: Mapping[str, pl.DataFrame],
    inputs: Mapping[str, pl.DataFrame],
    specs: Mapping[str, TableSpec],
    files: Mapping[str, str],
) -> Findings:
    """cross.scheme_derivation: each scheme view's derived columns equal a fresh derivation from the core
    tables (``kyrgyz_events.scheme_views``), and every view row can be derived at all."""
    from kyrgyz_events.scheme_views import DERIVED_COLUMNS, derive_view

    out = Findings()
    tables = {name: frame.to_dicts() for name, frame in inputs.items()}
    for table, frame in views.items():
        key = specs[table].primary_key
        rows = frame.to_dicts()
        for row, (fresh, problem) in zip(rows, derive_view(table, rows, tables), strict=True):
            at = {"table": table, "file": files[table], "record_id": record_id(row, key, row[ROW])}
            if problem is not None:
                out.items.append(finding("cross.scheme_derivation", str(problem), field=problem.column, **at))
                continue
            for col in DERIVED_COLUMNS[table]:
                if row.get(col) != fresh.get(col):
                    message = f"{col} differs from its derivation from the core tables ({fresh.get(col)!r})"
                    out.items.append(finding("cross.scheme_derivation", message, field=col, value=row.get(col), **at))
    return out


def host_findings(
    engine: Engine,
    specs: Mapping[str, TableSpec],
    files: Mapping[str, str],
    cross: bool,
    broken: frozenset[str] | set[str] = frozenset(),
) -> Findings:
    """The rules in Python on the tables in ``specs`` (``cross``: also the rules across tables).

    ``broken`` names the tables other rules (not the scheme rules) found faults in. A scheme view is
    re-derived only when it and the core tables are without such faults: a column derived from a broken
    input would repeat, view by view, the finding that already names the cause."""
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
    views = [t for t in DERIVED_VIEWS if cross and t in specs and t not in broken and not broken & set(VIEW_INPUTS)]
    wanted += [(view, f"SELECT * FROM {ident(view)}") for view in views]
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
    coded = {t: frames[t] for t in views if frames[t].height and not out.items}  # estimates must be sound
    if coded:  # the core tables are read only for views that hold rows
        reads = view_input_reads(coded, specs)
        inputs = dict(zip(reads, engine.collect(list(reads.values())), strict=True))
        out.extend(scheme_derivation(coded, inputs, specs, files))
    return out


__all__ = ["host_findings"]
