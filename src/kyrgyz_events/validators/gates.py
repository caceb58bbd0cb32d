"""Gates: for every rule, the number of failing rows, computed lazily over the Parquet files so that a clean
package costs about one read of its data. Each gate counts rows with the same expressions the rule uses; a
gate above zero only means "run the rule" (``lazy_run`` then runs the rule's own function on those tables,
which materialises the findings). A gate may over-count (a hash collision, a duplicate that the rule
reports differently), which only costs a run of the rule. The one way a gate could miss a failing row is a
dangling reference whose 64-bit key hash equals that of an existing key: about N / 2^64 per dangling key
(under 1e-12 with ten million keys); the exact rule functions compare the strings themselves.

Every table's gates that need no other table (record rules, row rules, and for evidence the provenance
rules against the small documents table) share one scan of the file; keys are compared as 64-bit hashes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.validators.cross_rules import EVIDENCED, crosswalk_mapping
from kyrgyz_events.validators.provenance import span_checks, with_text_len
from kyrgyz_events.validators.records_fast import Check, column_checks_of
from kyrgyz_events.validators.table_rules import ROW_RULES

Lazy = dict[str, pl.LazyFrame]
Engine = Literal["auto", "in-memory", "streaming"]
_K = "__k"  # hashed key column of a join


@dataclass
class Gates:
    """Named count queries. Each output column of a query is named ``<group>#<i>``; a group is a set of
    tables to hand to one rule function (see ``lazy_run``)."""

    batches: list[list[pl.LazyFrame]] = field(default_factory=list)

    def add(self, *queries: pl.LazyFrame) -> None:
        """Queries run together (in parallel); batches run one after the other, which bounds memory: each
        global rule (a hash table over a key column) holds its keys only while it runs."""
        if queries:
            self.batches.append(list(queries))

    def dirty(self, engine: Engine = "streaming") -> tuple[set[str], dict[str, int]]:
        """Groups with a failing row, and each table's row count (from the ``len:<table>`` outputs)."""
        groups: set[str] = set()
        rows: dict[str, int] = {}
        frames = [f for batch in self.batches for f in pl.collect_all(batch, engine=engine)]
        for frame in frames:
            for name, value in frame.row(0, named=True).items():
                group = name.split("#", 1)[0]
                if group.startswith("len:"):
                    rows[group[4:]] = int(value or 0)
                elif value:
                    groups.add(group)
        return groups, rows


def _count(expr: pl.Expr, name: str) -> pl.Expr:
    return expr.fill_null(False).sum().alias(name)


def _hashed(expr: pl.Expr) -> pl.Expr:
    return expr.hash(seed=7).alias(_K)


def row_query(lf: pl.LazyFrame, spec: TableSpec, skip: set[str], documents: pl.DataFrame | None) -> pl.LazyFrame:
    """One scan of a table: its record checks, its row rules, and (evidence) the provenance span rules."""
    name = spec.name
    outputs = [pl.len().alias(f"len:{name}")]
    checks: list[Check] = column_checks_of(spec, skip)
    outputs += [_count(ch.failing, f"record:{name}#{i}") for i, ch in enumerate(checks)]
    outputs += [_count(expr, f"table:{name}#r{i}") for i, (_, _, expr, _) in enumerate(ROW_RULES.get(name, []))]
    if name == "evidence" and documents is not None:
        docs, offsets = with_text_len(
            documents.select("document_id", "text", "body_start", "body_end")
            .unique("document_id", keep="first", maintain_order=True)
            .with_columns(pl.lit(True).alias("__doc"))
        )
        lf = lf.join(docs.lazy(), on="document_id", how="left")
        joined = pl.col("__doc").fill_null(False)
        checks_ = span_checks(offsets)
        outputs += [_count(joined & check.failing, f"spans#{i}") for i, (_, check) in enumerate(checks_)]
    return lf.select(outputs)


def unique_query(lf: pl.LazyFrame, spec: TableSpec) -> pl.LazyFrame:
    """table.unique_id: distinct hashes of the non-null keys fewer than the rows (collisions over-count)."""
    key = list(spec.primary_key)
    keyed = lf.select(key).filter(pl.all_horizontal(pl.col(k).is_not_null() for k in key))
    value = pl.struct(key) if len(key) > 1 else pl.col(key[0])
    return keyed.select((pl.len() - value.hash(seed=7).n_unique()).alias(f"table:{spec.name}#u"))


def _dangling(sources: list[tuple[str, pl.LazyFrame]], target: pl.LazyFrame, on: list[str]) -> pl.LazyFrame:
    """One anti-join of every source (rows with the ``on`` columns) against ``target``: per source, the
    number of its rows whose key is not in the target. The target's hash table is built once."""
    tagged = pl.concat(
        [src.select(pl.lit(i, pl.UInt16).alias("__g"), *on) for i, (_, src) in enumerate(sources)], how="vertical"
    )
    missing = tagged.join(target.select(on), on=on, how="anti")
    return missing.select((pl.col("__g") == i).sum().alias(group) for i, (group, _) in enumerate(sources))


def _keys(lf: pl.LazyFrame, cols: list[str]) -> pl.LazyFrame:
    """The rows of ``lf`` with all of ``cols`` present, as one hashed key column."""
    present = lf.select(cols).filter(pl.all_horizontal(pl.col(c).is_not_null() for c in cols))
    return present.select(_hashed(pl.col(cols[0]) if len(cols) == 1 else pl.struct(cols)))


def reference_queries(lfs: Lazy, specs: dict[str, TableSpec]) -> list[pl.LazyFrame]:
    """cross.reference: per referenced table, one anti-join of every foreign key that points at it (and of
    claim_ids -> claims); evidence -> its record as one anti-join on (record_table, id). A group
    ``refs:<table>,<table>`` names the tables the rule needs to report it."""
    by_target: dict[tuple[str, tuple[str, ...]], list[tuple[str, pl.LazyFrame]]] = {}
    for name, spec in specs.items():
        if name not in lfs:
            continue
        for i, fk in enumerate(spec.foreign_keys):
            if fk.table in lfs:
                source = _keys(lfs[name], list(fk.fields))
                by_target.setdefault((fk.table, fk.ref_fields), []).append((f"refs:{name},{fk.table}#{i}", source))
    if "casualty_estimates" in lfs and "claims" in lfs:
        ids = lfs["casualty_estimates"].select(pl.col("claim_ids").explode().alias("claim_id"))
        group = ("refs:casualty_estimates,claims#c", _keys(ids, ["claim_id"]))
        by_target.setdefault(("claims", ("claim_id",)), []).append(group)
    out = [_dangling(sources, _keys(lfs[t], list(refs)), [_K]) for (t, refs), sources in by_target.items()]
    if "evidence" in lfs:
        tables = [t for t in EVIDENCED if t in lfs]
        records = pl.concat([_keys(lfs[t], [EVIDENCED[t]]).select(pl.lit(t).alias("record_table"), _K) for t in tables])
        evidence = lfs["evidence"].filter(pl.col("record_table").is_in(tables))
        source = evidence.filter(pl.col("record_id").is_not_null()).select("record_table", _hashed(pl.col("record_id")))
        missing = source.join(records, on=["record_table", _K], how="anti")
        out.append(missing.select((pl.col("record_table") == t).sum().alias(f"refs:evidence,{t}#e") for t in tables))
    return out


def evidence_required_queries(lfs: Lazy) -> list[pl.LazyFrame]:
    """cross.evidence_required: ids of each evidenced table with no evidence row (one anti-join)."""
    tables = [t for t in EVIDENCED if t in lfs]
    if "evidence" not in lfs or not tables:
        return []
    ids = pl.concat([_keys(lfs[t], [EVIDENCED[t]]).select(pl.lit(t).alias("record_table"), _K) for t in tables])
    evidence = lfs["evidence"].select("record_table", _hashed(pl.col("record_id")))
    missing = ids.join(evidence, on=["record_table", _K], how="anti")
    return [missing.select((pl.col("record_table") == t).sum().alias(f"evreq:{t}#0") for t in tables)]


def crosswalk_query(lfs: Lazy) -> list[pl.LazyFrame]:
    """cross.crosswalk: distinct (event_type, ACLED, PLOVER) combinations that differ from the mapping."""
    if "events" not in lfs:
        return []
    mapping = crosswalk_mapping()
    cols = [c for c in mapping.columns if c != "event_type"]
    combos = lfs["events"].select("event_type", *cols).unique()
    joined = combos.join(mapping.lazy(), on="event_type", how="inner", suffix="__map")
    differ = pl.any_horizontal(~pl.col(c).eq_missing(pl.col(f"{c}__map")) for c in cols)
    return [joined.select(differ.sum().alias("crosswalk#0"))]


def casualty_differs(lfs: Lazy, specs: dict[str, TableSpec]) -> bool:
    """cross.casualty_derivation: does casualty_estimates differ from a fresh derivation from the claims?"""
    from kyrgyz_events.derive import casualty_estimates

    if "casualty_estimates" not in lfs or "claims" not in lfs:
        return False
    spec = specs["casualty_estimates"]
    key, cols = list(spec.primary_key), spec.column_names
    needed = ["claim_id", "event_id", "quantity_kind", "factuality", "value_min", "value_max"]
    published, fresh = pl.collect_all([lfs["casualty_estimates"].select(cols), lfs["claims"].select(needed)])
    fresh = casualty_estimates(fresh).select(cols).cast(published.schema)
    return not published.sort(key).equals(fresh.sort(key))


def parent_cycle_tables(lfs: Lazy) -> set[str]:
    """table.parent_cycle: the tables whose id -> parent graph has a cycle (only rows with a parent)."""
    from kyrgyz_events.validators.table_rules import PARENTS, cycle_members

    names = [t for t in PARENTS if t in lfs]
    frames = pl.collect_all(
        [
            lfs[t].select(PARENTS[t]).filter(pl.col(PARENTS[t][1]).is_not_null() & pl.col(PARENTS[t][0]).is_not_null())
            for t in names
        ]
    )
    dirty = set()
    for t, frame in zip(names, frames, strict=True):
        id_col, parent_col = PARENTS[t]
        if not cycle_members(frame.get_column(id_col), frame.get_column(parent_col)).is_empty():
            dirty.add(t)
    return dirty
