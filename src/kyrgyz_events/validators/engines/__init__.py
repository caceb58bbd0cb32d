"""Engines run the rules' SQL (``kyrgyz_events.rules``): the embedded default, Polars SQL
(``engines.polars_sql``), and Spark for packages that outgrow one machine (``engines.spark``).

An engine only answers SQL with frames; :func:`run` asks it two rounds of questions for every query of
every rule: how many rows fail (every count in one batch), then which rows fail (only the queries whose
count is above zero, at most ``records.MAX_PER_CHECK`` rows each; the rest are counted as omitted). So a clean
package costs one batch of counts, and every engine reports the same findings from the same text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Findings
from kyrgyz_events.package_io.json_text import json_value
from kyrgyz_events.rules import Query, finding
from kyrgyz_events.rules.rule import RID, ROW, VALUE, ident, rid
from kyrgyz_events.validators.records import MAX_PER_CHECK


class Engine(Protocol):
    """Runs SQL (the dialect of ``kyrgyz_events.rules.rule``) on the tables registered with it."""

    def collect(self, sqls: list[str], single_row: bool = False) -> list[pl.DataFrame]:
        """The result of each query, in order (an engine may run them together; ``single_row``: each
        query returns one row, and the column names of all of them differ)."""
        ...

    def close(self) -> None:
        """Release what the engine holds for this run (views, cached tables)."""
        ...


@dataclass(frozen=True)
class Job:
    """A query to run on ``relation`` (for a where query: the relation it filters), reported for ``file``;
    for a partitioned table, ``starts`` holds each part's first row, so that a where query's finding names
    the part its row is in."""

    query: Query
    relation: str
    file: str
    starts: tuple[tuple[int, str], ...] = ()

    def file_of(self, row: int | None) -> str:
        """The file a finding on ``row`` names: its part, else the job's file."""
        if not self.starts or row is None:
            return self.file
        i = bisect_right([first for first, _ in self.starts], row) - 1
        return self.starts[max(i, 0)][1]


def _scans(jobs: list[Job], relations: Sequence[str]) -> list[tuple[str | None, str, list[int]]]:
    """What where jobs filter, each with the jobs: a relation (named, for its row count) with the joins
    and columns of all its jobs (one scan for all of them), or a source (unnamed)."""
    groups: dict[tuple[str, str | None], list[int]] = {(r, None): [] for r in relations}
    for i, j in enumerate(jobs):
        if j.query.where is not None:
            groups.setdefault((j.relation, j.query.source), []).append(i)
    out: list[tuple[str | None, str, list[int]]] = []
    for (relation, source), idxs in groups.items():
        if source is not None:
            out.append((None, f"({source}) AS s", idxs))
            continue
        columns = list(dict.fromkeys(c for i in idxs for c in jobs[i].query.columns))
        joins = list(dict.fromkeys(c for i in idxs for c in jobs[i].query.joins))
        if columns or joins:
            select = ", ".join(["s.*", *columns])
            out.append((relation, f"(SELECT {select} FROM {ident(relation)} AS s {' '.join(joins)}) AS s", idxs))
        else:
            out.append((relation, ident(relation), idxs))
    return out


def run(
    engine: Engine, jobs: list[Job], specs: Mapping[str, TableSpec], relations: Sequence[str] = ()
) -> tuple[Findings, dict[str, int]]:
    """Every job's findings, and the row count of each of ``relations`` (counted in the same scan as the
    where jobs on them)."""
    scans = _scans(jobs, relations)
    rows_of = {i: scan for _, scan, idxs in scans for i in idxs}
    counts_sql: list[str] = []
    for relation, scan, idxs in scans:
        sums = "".join(f", SUM(CASE WHEN ({jobs[i].query.where}) THEN 1 ELSE 0 END) AS c{i}" for i in idxs)
        counted = f"COUNT(*) AS {ident('rows:' + relation)}" if relation else "COUNT(*) AS n"
        counts_sql.append(f"SELECT {counted}{sums} FROM {scan}")
    counts_sql += [
        f"SELECT COUNT(*) AS c{i} FROM ({j.query.select}) AS q" for i, j in enumerate(jobs) if j.query.select
    ]
    counts: dict[int, int] = {}
    rows: dict[str, int] = {}
    for frame in engine.collect(counts_sql, single_row=True):
        for name, value in frame.row(0, named=True).items():
            if name.startswith("rows:"):
                rows[name[5:]] = int(value or 0)
            elif name != "n":
                counts[int(name[1:])] = int(value or 0)
    failing = [i for i in range(len(jobs)) if counts.get(i)]
    out = Findings()
    frames = engine.collect([_failing_rows(jobs[i], rows_of.get(i), specs) for i in failing])
    for i, frame in zip(failing, frames, strict=True):
        job = jobs[i]
        q = job.query
        for row in frame.iter_rows(named=True):
            out.items.append(
                finding(
                    q.rule,
                    q.message,
                    table=q.table,
                    record_id=row[RID],
                    field=q.field,
                    file=job.file_of(row.get(ROW)),
                    value=json_value(row[VALUE]),
                )
            )
        if counts[i] > frame.height:
            out.omitted[(q.table, q.rule)] += counts[i] - frame.height
    return out, rows


def _failing_rows(job: Job, scan: str | None, specs: Mapping[str, TableSpec]) -> str:
    q = job.query
    if q.where is not None:
        value = ident(q.value) if q.value else "NULL"
        return (
            f"SELECT {rid(specs[q.table].primary_key)} AS {ident(RID)}, {value} AS {ident(VALUE)}, {ident(ROW)} "
            f"FROM {scan} WHERE ({q.where}) ORDER BY {ident(ROW)} LIMIT {MAX_PER_CHECK}"
        )
    return f"SELECT * FROM ({q.select}) AS q ORDER BY {ident(RID)} LIMIT {MAX_PER_CHECK}"
