"""Benchmark for issue 11's design choice: the costliest rules written once, run by each candidate engine.

    pip install -c constraints.txt -e ".[dev]" "ibis-framework[duckdb,polars]" sqlglot pyspark
    python scripts/bench_engines.py --package /tmp/synth-1e6      # made by `kyrgyz-events synth --events 1000000`
    python scripts/bench_engines.py --package /tmp/synth-1e6 --spark

The rules, each counting its failing rows (a clean package gives 0 everywhere):

- ``exact``: ``provenance.exact``, the code-point quote check (evidence joined to its document's text);
- ``unique``: ``table.unique_id`` on ``evidence.evidence_id`` (the largest key);
- ``refs``: ``cross.reference`` from ``event_actors.event_id`` to ``events``.

The candidates, side by side with the floor (a Polars read of every Parquet file) in one run, medians of
``--repeats``: hand-written Polars expressions (today's kind of code); one SQL text per rule run by Polars'
own SQL engine (``polars.SQLContext``), by DuckDB, and, transpiled by sqlglot, by Spark SQL; the same rules
as Ibis expressions on its DuckDB and Polars backends. A candidate that cannot express a rule says so.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Each rule once, as SQL (PostgreSQL-style, which Polars SQL reads; sqlglot writes it for Spark and DuckDB).
RULES_SQL = {
    "exact": "SELECT count(*) AS n FROM evidence e JOIN documents d ON e.document_id = d.document_id "
    'WHERE SUBSTR(d.text, e.start + 1, e."end" - e.start) <> e.exact',
    "unique": "SELECT count(*) AS n FROM (SELECT evidence_id FROM evidence GROUP BY evidence_id HAVING count(*) > 1) t",
    "refs": "SELECT count(*) AS n FROM event_actors a LEFT JOIN events e ON a.event_id = e.event_id "
    "WHERE e.event_id IS NULL",
}
TABLES = ("evidence", "documents", "event_actors", "events")


def floor(data: Path) -> dict[str, Any]:
    import polars as pl

    return {"rows": sum(pl.read_parquet(f).height for f in sorted(data.glob("*.parquet")))}


def polars_expressions(data: Path) -> dict[str, Any]:
    import polars as pl

    ev, docs = pl.scan_parquet(data / "evidence.parquet"), pl.scan_parquet(data / "documents.parquet")
    span = pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
    queries = {
        "exact": ev.join(docs.select("document_id", "text"), on="document_id").filter(span != pl.col("exact")),
        "unique": ev.group_by("evidence_id").len().filter(pl.col("len") > 1),
        "refs": pl.scan_parquet(data / "event_actors.parquet").join(
            pl.scan_parquet(data / "events.parquet"), on="event_id", how="anti"
        ),
    }
    frames = pl.collect_all([q.select(pl.len()) for q in queries.values()])
    return {name: f.item() for name, f in zip(queries, frames, strict=True)}


def polars_sql(data: Path) -> dict[str, Any]:
    import polars as pl

    ctx = pl.SQLContext({t: pl.scan_parquet(data / f"{t}.parquet") for t in TABLES})
    return {name: ctx.execute(sql).collect().item() for name, sql in RULES_SQL.items()}


def duckdb_sql(data: Path) -> dict[str, Any]:
    import duckdb
    import sqlglot

    con = duckdb.connect()
    for t in TABLES:
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{data / f'{t}.parquet'}')")
    return {
        name: con.sql(sqlglot.transpile(sql, read="postgres", write="duckdb")[0]).fetchall()[0][0]
        for name, sql in RULES_SQL.items()
    }


def ibis_rules(data: Path, backend: str) -> dict[str, Any]:
    import ibis

    con = ibis.duckdb.connect() if backend == "duckdb" else ibis.polars.connect()
    ev, docs = con.read_parquet(data / "evidence.parquet"), con.read_parquet(data / "documents.parquet")
    actors, events = con.read_parquet(data / "event_actors.parquet"), con.read_parquet(data / "events.parquet")
    joined = ev.join(docs.select("document_id", "text"), "document_id")
    exprs = {
        "exact": joined.filter(joined.text.substr(joined.start, joined["end"] - joined.start) != joined.exact).count(),
        "unique": ev.group_by("evidence_id").aggregate(n=ev.count()).filter(lambda t: t.n > 1).count(),
        "refs": actors.anti_join(events, "event_id").count(),
    }
    out: dict[str, Any] = {}
    for name, expr in exprs.items():
        try:
            out[name] = con.execute(expr)
        except Exception as exc:  # a backend that cannot compile the expression
            out[name] = f"unsupported: {type(exc).__name__}: {str(exc)[:80]}"
    return out


def spark_sql(data: Path) -> dict[str, Any]:
    import sqlglot
    from pyspark.sql import SparkSession

    started = time.perf_counter()
    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    out: dict[str, Any] = {"start_s": round(time.perf_counter() - started, 1)}
    for t in TABLES:
        spark.read.parquet(str(data / f"{t}.parquet")).createOrReplaceTempView(t)
    for name, sql in RULES_SQL.items():
        out[name] = spark.sql(sqlglot.transpile(sql, read="postgres", write="spark")[0]).collect()[0][0]
    return out


def timed(run: Callable[[], dict[str, Any]], repeats: int) -> tuple[float, dict[str, Any]]:
    seconds, result = [], {}
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--package", type=Path, required=True, help="a package folder (kyrgyz-events synth writes one)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--spark", action="store_true", help="also run Spark local[2] (one run; starts in 20-30 s)")
    args = p.parse_args(argv)
    data = args.package / "data"
    candidates: dict[str, Callable[[], dict[str, Any]]] = {
        "floor: polars read of every parquet file": lambda: floor(data),
        "polars expressions (hand-written)": lambda: polars_expressions(data),
        "one SQL per rule: polars.SQLContext": lambda: polars_sql(data),
        "one SQL per rule: duckdb (sqlglot)": lambda: duckdb_sql(data),
        "ibis on duckdb": lambda: ibis_rules(data, "duckdb"),
        "ibis on polars": lambda: ibis_rules(data, "polars"),
    }
    if args.spark:
        candidates["one SQL per rule: spark local[2] (sqlglot)"] = lambda: spark_sql(data)
    print(f"| candidate | seconds (median of {args.repeats}) | failing rows per rule |")
    print("|---|---|---|")
    for name, run in candidates.items():
        try:
            seconds, result = timed(run, 1 if "spark" in name else args.repeats)
            print(f"| {name} | {seconds:.2f} | {result} |", flush=True)
        except ImportError as exc:
            print(f"| {name} | not installed ({exc.name}) | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
