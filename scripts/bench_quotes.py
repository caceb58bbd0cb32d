"""Benchmark: the quote checks (provenance.exact/context) cost rows + text, not rows x text.

    python scripts/bench_quotes.py                          # rows 10^4..10^5 against texts of 10^5..8x10^6 code points

Each cell builds one document of non-ASCII text (two UTF-8 bytes per code point) and evidence rows spread
over it (half far into the text), then times the direct span check (``validators.provenance.spans``) and
the two-phase gate (``validators.gates.row_query``), medians of ``--repeats``. Under rows x text the
time would grow with the product; under rows + text, with the sum.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

import polars as pl

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.models import QUOTE_CONTEXT
from kyrgyz_events.validators import gates
from kyrgyz_events.validators.provenance import spans


def frames(rows: int, chars: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = random.Random(7)
    text = "".join(rng.choice("абвгдеёжзий ") for _ in range(1000)) * (chars // 1000)
    documents = pl.DataFrame(
        {"document_id": ["doc-a"], "text": [text], "body_start": [0], "body_end": [len(text)]},
        schema_overrides={"body_start": pl.Int64, "body_end": pl.Int64},
    )
    records = []
    for i in range(rows):
        start = rng.randrange(len(text) - 100) if i % 2 else len(text) - 100 - i % 50
        end = start + rng.randrange(1, 40)
        records.append(
            {
                "evidence_id": f"evd-{i}",
                "document_id": "doc-a",
                "start": start,
                "end": end,
                "exact": text[start:end],
                "prefix": text[max(start - QUOTE_CONTEXT, 0) : start],
                "suffix": text[end : end + QUOTE_CONTEXT],
            }
        )
    return pl.DataFrame(records), documents


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", default="10000,100000", help="comma-separated row counts")
    p.add_argument("--chars", default="100000,1000000,8000000", help="comma-separated text lengths (code points)")
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args(argv)
    spec = load_specs(SCHEMA_VERSION)["evidence"]
    print("| rows | text (code points) | direct spans (s) | two-phase gate (s) |")
    print("|---|---|---|---|")
    for rows in (int(r) for r in args.rows.split(",")):
        for chars in (int(c) for c in args.chars.split(",")):
            evidence, documents = frames(rows, chars)
            absent = set(spec.column_names) - set(evidence.columns)
            direct, gate = [], []
            for _ in range(args.repeats):
                began = time.perf_counter()
                found = spans(evidence, documents, spec, "data/evidence.parquet")
                direct.append(time.perf_counter() - began)
                began = time.perf_counter()
                gates.row_query(evidence.lazy(), spec, absent, documents).collect(engine="streaming")
                gate.append(time.perf_counter() - began)
            assert not found.items, "the generated spans are all correct"
            print(f"| {rows:,} | {chars:,} | {statistics.median(direct):.2f} | {statistics.median(gate):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
