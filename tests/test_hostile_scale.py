"""The quote checks on many evidence rows against one long, non-ASCII document text catch exactly the
broken spans (the rules' SQL, cut from the text's windows). What they cost (rows x window + text, not
rows x text) is measured by ``scripts/bench_quotes.py``, not here: tests assert behaviour, not speed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import polars as pl

ROWS = 100_000
TEXT_CHARS = 8_000_000  # 16 MB of UTF-8: every code point is two bytes
BENCH = Path(__file__).resolve().parent.parent / "scripts" / "bench_quotes.py"


def _bench() -> Any:
    loader = importlib.util.spec_from_file_location("bench_quotes", BENCH)
    assert loader is not None and loader.loader is not None
    bench = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(bench)
    return bench


def _frames() -> tuple[pl.DataFrame, pl.DataFrame, list[str]]:
    """The benchmark's long text and spread-out spans (one generator for both), with two spans broken."""
    evidence, documents = _bench().frames(ROWS, TEXT_CHARS)
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
    found = _bench().span_findings(evidence, documents)
    assert sorted((f.record_id, f.field) for f in found.items) == [(broken[0], "exact"), (broken[1], "suffix")]


def test_spans_longer_than_a_window_are_cut_from_the_whole_text() -> None:
    """A span (with its context) beyond a window's reach is checked against the whole text, right and wrong."""
    from kyrgyz_events.rules.provenance import REACH, WINDOW

    text = "абвгд" * (3 * (WINDOW + REACH))
    documents = pl.DataFrame(
        {"document_id": ["doc-a"], "text": [text], "body_start": [0], "body_end": [len(text)]},
        schema_overrides={"body_start": pl.Int64, "body_end": pl.Int64},
    )
    spans = [(WINDOW + 7, WINDOW + 7 + REACH + 100), (2 * WINDOW + 3, 2 * WINDOW + 3 + REACH + 1)]
    rows = [
        {
            "evidence_id": f"evd-{i}",
            "document_id": "doc-a",
            "start": start,
            "end": end,
            "exact": text[start:end] if i == 0 else text[start : end - 1] + "x",
            "prefix": text[start - 32 : start],
            "suffix": text[end : end + 32],
        }
        for i, (start, end) in enumerate(spans)
    ]
    found = _bench().span_findings(pl.DataFrame(rows), documents)
    assert [(f.record_id, f.field) for f in found.items] == [("evd-1", "exact")]
