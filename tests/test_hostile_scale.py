"""The quote checks on many evidence rows against one long, non-ASCII document text catch exactly the
broken spans, on both the direct and the two-phase (gate) path. What they cost (rows + text, not rows x
text) is measured by ``scripts/bench_quotes.py``, not here: tests assert behaviour, not speed."""

from __future__ import annotations

import random

import polars as pl

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.validators import gates
from kyrgyz_events.validators.provenance import CONTEXT, spans

ROWS = 100_000
TEXT_CHARS = 8_000_000  # 16 MB of UTF-8: every code point is two bytes


def _frames() -> tuple[pl.DataFrame, pl.DataFrame, list[str]]:
    rng = random.Random(7)
    text = "".join(rng.choice("абвгдеёжзий ") for _ in range(1000)) * (TEXT_CHARS // 1000)
    documents = pl.DataFrame(
        {"document_id": ["doc-a"], "text": [text], "body_start": [0], "body_end": [len(text)]},
        schema_overrides={"body_start": pl.Int64, "body_end": pl.Int64},
    )
    rows = []
    for i in range(ROWS):
        start = rng.randrange(TEXT_CHARS - 100) if i % 2 else TEXT_CHARS - 100 - i % 1000  # many far offsets
        end = start + rng.randrange(1, 40)
        rows.append(
            {
                "evidence_id": f"evd-{i}",
                "document_id": "doc-a",
                "start": start,
                "end": end,
                "exact": text[start:end],
                "prefix": text[max(start - CONTEXT, 0) : start],
                "suffix": text[end : end + CONTEXT],
            }
        )
    broken = [rows[5]["evidence_id"], rows[ROWS - 2]["evidence_id"]]
    rows[5]["exact"] = rows[5]["exact"][:-1] + "x"
    rows[ROWS - 2]["suffix"] = "nope"
    return pl.DataFrame(rows), documents, broken


def test_many_spans_against_a_long_text_find_exactly_the_broken_ones() -> None:
    evidence, documents, broken = _frames()
    spec = load_specs(SCHEMA_VERSION)["evidence"]
    found = spans(evidence, documents, spec, "data/evidence.parquet")
    assert sorted((f.record_id, f.field) for f in found.items) == [(broken[0], "exact"), (broken[1], "suffix")]
    absent = set(spec.column_names) - set(evidence.columns)
    counts = gates.row_query(evidence.lazy(), spec, absent, documents).collect(engine="streaming")
    span_counts = [v for k, v in counts.row(0, named=True).items() if k.startswith("spans#")]
    assert sum(span_counts) == 2
