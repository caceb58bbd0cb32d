"""The quote checks on many evidence rows against one long, non-ASCII document text catch exactly the
broken spans, on both the direct and the two-phase (gate) path. What they cost (rows + text, not rows x
text) is measured by ``scripts/bench_quotes.py``, not here: tests assert behaviour, not speed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import polars as pl

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.validators import gates
from kyrgyz_events.validators.provenance import spans

ROWS = 100_000
TEXT_CHARS = 8_000_000  # 16 MB of UTF-8: every code point is two bytes
BENCH = Path(__file__).resolve().parent.parent / "scripts" / "bench_quotes.py"


def _frames() -> tuple[pl.DataFrame, pl.DataFrame, list[str]]:
    """The benchmark's long text and spread-out spans (one generator for both), with two spans broken."""
    loader = importlib.util.spec_from_file_location("bench_quotes", BENCH)
    assert loader is not None and loader.loader is not None
    bench = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(bench)
    evidence, documents = bench.frames(ROWS, TEXT_CHARS)
    row = pl.int_range(pl.len())
    broken = [evidence["evidence_id"][5], evidence["evidence_id"][ROWS - 2]]
    evidence = evidence.with_columns(
        exact=pl.when(row == 5).then(pl.col("exact").str.slice(0, pl.col("exact").str.len_chars() - 1) + "x")
        .otherwise(pl.col("exact")),
        suffix=pl.when(row == ROWS - 2).then(pl.lit("nope")).otherwise(pl.col("suffix")),
    )  # fmt: skip
    return evidence, documents, broken


def test_many_spans_against_a_long_text_find_exactly_the_broken_ones() -> None:
    evidence, documents, broken = _frames()
    spec = load_specs(SCHEMA_VERSION)["evidence"]
    found = spans(evidence, documents, spec, "data/evidence.parquet")
    assert sorted((f.record_id, f.field) for f in found.items) == [(broken[0], "exact"), (broken[1], "suffix")]
    absent = set(spec.column_names) - set(evidence.columns)
    counts = gates.row_query(evidence.lazy(), spec, absent, documents).collect(engine="streaming")
    span_counts = [v for k, v in counts.row(0, named=True).items() if k.startswith("spans#")]
    assert sum(span_counts) == 2
