"""Spark, for packages that outgrow one machine: the same rule SQL, transpiled by sqlglot from the rules'
dialect to Spark SQL, run by a Spark session (``local[2]`` unless a master URL is given).

Parquet files are read by Spark itself, so a table larger than the driver's memory stays distributed.
A JSON Lines file is parsed and typed by the embedded reader (its limits and types are checked where it is
read) and handed to Spark as Arrow; at scale, validate the Parquet files alone (``--table-format parquet``).
Needs the ``spark`` extra (pyspark, sqlglot) and Java 17.
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.rules.rule import ROW

if TYPE_CHECKING:
    from kyrgyz_events.validators.run import TableFile

_PART = "__part"  # a partitioned table's part index, while its rows are numbered
#: Spark's logging: errors only (its default profile prints start-up warnings about the machine)
_LOG_CONFIG = Path(__file__).with_name("spark-log4j2.properties")

#: Compiled query classes Spark keeps. Its default, 100, is fewer than one validation generates (about four
#: per query, 54 queries on every package), so each run compiled every class again: compiling them was most of
#: a small package's time.
_CODEGEN_CACHE = 1000

#: Bytes of table files below which a run turns adaptive execution off: re-planning each query from its
#: shuffles' statistics is for large inputs, and on a small package it costs more than it saves (the fault
#: corpus's first 20 cases, every path each: 174 s without it, 197 s with it)
_SMALL_PACKAGE_BYTES = 64 * 2**20

#: Spark SQL types of the schema's column kinds
_SPARK_TYPES = {
    "string": "STRING",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "list": "ARRAY<STRING>",
}


@cache
def session(master: str = "local[2]") -> Any:
    """One Spark session per master for the life of the process (starting one takes seconds). On a local
    master a shuffle has as many partitions as cores (Spark's 200 cost more to schedule than to run)."""
    from pyspark.sql import SparkSession

    # pyspark warns, at its first Arrow conversion, that it does not yet support pandas 3; no pandas is used
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)

    builder = (
        SparkSession.builder.master(master)
        .appName("kyrgyz-events validate")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_LOG_CONFIG.as_uri()}")
        .config("spark.sql.codegen.cache.maxEntries", str(_CODEGEN_CACHE))
    )
    local = re.fullmatch(r"local(?:\[(\d+|\*)\])?", master)
    if local:
        cores = local.group(1)
        builder = builder.config(
            "spark.sql.shuffle.partitions", str(os.cpu_count() or 1) if cores in (None, "*") else cores
        ).config("spark.driver.memory", _local_memory())
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _local_memory() -> str:
    """The JVM heap of a local master, where the driver is also the executor: half the machine's memory
    (Spark's default, 1 GiB, runs out at 10^6 events). Started once per process, so it is set here."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "1g"
    return f"{max(1, total // 2**31)}g"


def to_spark(sql: str) -> str:
    """A query of the rules' dialect as Spark SQL."""
    import sqlglot

    return str(sqlglot.transpile(sql, read="postgres", write="spark")[0])


class Spark:
    def __init__(self, spark: Any) -> None:
        self.spark = spark
        self.cached: list[Any] = []

    def close(self) -> None:
        for view in self.cached:
            view.unpersist()
        self.cached.clear()

    @classmethod
    def for_files(
        cls,
        files: list[TableFile],
        primary: dict[str, TableFile],
        specs: Mapping[str, TableSpec],
        derived: Mapping[str, pl.LazyFrame],
        master: str | None,
    ) -> Spark:
        """A session with every file as a view (``<table>__<format>``), each table's first also as ``<table>``,
        and the ``derived`` relations (small: the documents' text windows)."""
        engine = cls(session(master or "local[2]").newSession())  # its own views: runs do not meet
        if sum(part.path.stat().st_size for f in files for part in f.parts) < _SMALL_PACKAGE_BYTES:
            engine.spark.conf.set("spark.sql.adaptive.enabled", "false")
        for name, frame in derived.items():
            arrow = frame.collect().to_arrow(compat_level=pl.CompatLevel.oldest())
            engine.spark.createDataFrame(arrow).createOrReplaceTempView(name)
        with ThreadPoolExecutor(max_workers=8) as pool:  # each read is a round trip to the JVM
            views = list(pool.map(lambda f: engine.read(f, specs[f.table]), files))
        for f, view in zip(files, views, strict=True):
            if f.fmt == "parquet":  # every rule reads it: number the rows once (JSON Lines came as local rows)
                view = view.cache()
                engine.cached.append(view)
            view.createOrReplaceTempView(f.relation)
            if primary.get(f.table) is f:
                view.createOrReplaceTempView(f.table)
        return engine

    def read(self, f: TableFile, spec: TableSpec) -> Any:
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        if f.fmt != "parquet":
            arrow = f.frame.collect().to_arrow(compat_level=pl.CompatLevel.oldest())
            return self.spark.createDataFrame(arrow)
        columns = [
            F.lit(None).cast(_SPARK_TYPES[c.kind]).alias(c.name) if c.name in f.skip else F.col(c.name)
            for c in spec.columns
        ]
        # A partitioned table: each part read by Spark (no partition discovery: a hive column is read from
        # the files, where the embedded reader checked it against the folder), tagged with its index, so
        # that rows are numbered in table order whatever order Spark schedules the files in.
        parts = [
            self.spark.read.parquet(str(part.path)).select(*columns, F.lit(i).alias(_PART))
            for i, part in enumerate(f.parts)
        ]
        raw = functools.reduce(lambda a, b: a.unionByName(b), parts)
        order = Window.orderBy(F.col(_PART), F.monotonically_increasing_id())
        return raw.select(*(F.col(c.name) for c in spec.columns), F.row_number().over(order).cast("bigint").alias(ROW))

    def collect(self, sqls: list[str], single_row: bool = False) -> list[pl.DataFrame]:
        """The queries are submitted from a few threads at once: a Spark job of a small query costs far
        more to plan and schedule than to run, and the driver plans several at a time."""
        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(self._frame, sqls))

    def _frame(self, sql: str) -> pl.DataFrame:
        frame = pl.from_arrow(self.spark.sql(to_spark(sql)).toArrow())
        assert isinstance(frame, pl.DataFrame)
        return frame
