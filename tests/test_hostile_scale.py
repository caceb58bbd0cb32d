"""The quote checks cost rows + text, not rows x text: many evidence rows against one long, non-ASCII
document text finish quickly, on both the direct and the two-phase (gate) path, and still catch errors."""

from __future__ import annotations

import random
import time

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


def test_many_spans_against_a_long_text_cost_rows_plus_text() -> None:
    evidence, documents, broken = _frames()
    spec = load_specs(SCHEMA_VERSION)["evidence"]
    began = time.perf_counter()
    found = spans(evidence, documents, spec, "data/evidence.parquet")
    direct = time.perf_counter() - began
    assert sorted((f.record_id, f.field) for f in found.items) == [(broken[0], "exact"), (broken[1], "suffix")]
    began = time.perf_counter()
    absent = set(spec.column_names) - set(evidence.columns)
    counts = gates.row_query(evidence.lazy(), spec, absent, documents).collect(engine="streaming")
    gate = time.perf_counter() - began
    span_counts = [v for k, v in counts.row(0, named=True).items() if k.startswith("spans#")]
    assert sum(span_counts) == 2
    # rows x text (a code-point slice per row, three per row) took minutes here; rows + text takes seconds.
    assert direct < 30 and gate < 30, (direct, gate)
