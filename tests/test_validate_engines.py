"""The fault corpus, run once: every corruption through every path a user can take, each reporting exactly
the findings (rule, table, record id, field) the case names.

- the default: the rules' SQL on the embedded engine (Polars SQL), both formats of every table;
- the reference: the record rules by jsonschema on every record, the rest on the embedded engine;
- Spark (local[2]): the same SQL, transpiled by sqlglot, on the sample package (a Spark run costs seconds
  of job scheduling, so the published package's copy of each case runs on the other two paths).

Spark needs pyspark (the ``spark`` extra, in ``dev``) and Java 17; neither is optional here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from faults.cases import CASES, Case, Key
from faults.editor import PackageEditor

from kyrgyz_events.validators import Report, validate


def keys(report: Report) -> set[Key]:
    return {(f.rule, f.table, f.record_id, f.field) for f in report.findings}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_path_reports_exactly_the_case(case: Case, clean_package: Path, request: pytest.FixtureRequest) -> None:
    expected = case.apply(PackageEditor(clean_package))
    default = validate(clean_package)
    assert keys(default) == expected, default.to_text()
    assert default.exit_code == case.exit_code
    reference = validate(clean_package, fast=False)
    assert keys(reference) == expected, reference.to_text()
    assert reference.exit_code == case.exit_code
    if request.node.callspec.params["clean_package"] == "sample":
        spark = validate(clean_package, engine="spark")
        assert keys(spark) == expected, spark.to_text()
        assert spark.exit_code == case.exit_code
        assert spark.omitted == default.omitted


def test_spark_reads_the_published_package_clean(clean_package: Path) -> None:
    report = validate(clean_package, engine="spark")
    assert report.findings == [], report.to_text()
    assert report.rows_checked == validate(clean_package).rows_checked


def test_spark_at_a_parquet_only_read(sample_package: Path) -> None:
    report = validate(sample_package, engine="spark", formats=("parquet",))
    assert report.exit_code == 0, report.to_text()
    assert set(report.rows_checked) == {k for k in validate(sample_package).rows_checked if k.endswith(".parquet")}


def test_a_local_spark_gets_half_the_machine_s_memory(sample_package: Path) -> None:
    """Spark's default heap (1 GiB) ran out of memory at 10^6 events on local[2]; a local master's driver,
    which is also its executor, gets half the machine's memory."""
    import os

    from kyrgyz_events.validators.engines.spark import session

    validate(sample_package, engine="spark", formats=("parquet",))
    half = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**31
    assert session().sparkContext.getConf().get("spark.driver.memory") == f"{max(1, half)}g"


def test_a_small_package_runs_without_adaptive_execution(sample_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Adaptive execution re-plans each query from its shuffles' statistics: on a small package that costs
    more than it saves, so a run on one turns it off in its own session; a larger package keeps it."""
    from kyrgyz_events.validators.engines import spark

    adaptive: list[str] = []
    close = spark.Spark.close

    def noted(self: spark.Spark) -> None:
        adaptive.append(self.spark.conf.get("spark.sql.adaptive.enabled"))
        close(self)

    monkeypatch.setattr(spark.Spark, "close", noted)
    validate(sample_package, engine="spark", formats=("parquet",))
    monkeypatch.setattr(spark, "_SMALL_PACKAGE_BYTES", 0)  # the sample package as a large one
    validate(sample_package, engine="spark", formats=("parquet",))
    assert adaptive == ["false", "true"]
    assert spark.session().conf.get("spark.sql.adaptive.enabled") == "true"
