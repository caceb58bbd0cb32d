"""Benchmark: the quote checks (provenance.exact/context/in_body) cost rows x window + text, not rows x text.

    python scripts/bench_quotes.py                          # rows 10^4..10^5 against texts of 10^5..8x10^6 code points

Each cell builds one document of non-ASCII text (two UTF-8 bytes per code point) and evidence rows spread
over it (half far into the text), then times the provenance rules' SQL on the embedded engine (Polars SQL,
the windows of ``rules.provenance`` included), medians of ``--repeats``. Under rows x text the time would
grow with the product; with windows, with the sum.
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
from kyrgyz_events.findings import Findings
from kyrgyz_events.models import QUOTE_CONTEXT
from kyrgyz_events.rules import row_queries
from kyrgyz_events.rules.provenance import WINDOWS, document_windows
from kyrgyz_events.validators.engines import Job, run
from kyrgyz_events.validators.engines.polars_sql import PolarsSQL
from kyrgyz_events.validators.ids import numbered


def span_findings(evidence: pl.DataFrame, documents: pl.DataFrame) -> Findings:
    """The provenance rules on these two frames, as ``kyrgyz-events validate`` runs them."""
    specs = {t: load_specs(SCHEMA_VERSION)[t] for t in ("evidence", "documents")}
    tables = {"evidence": numbered(evidence.lazy()), "documents": numbered(documents.lazy())}
    windows = pl.DataFrame(
        document_windows(documents.select("document_id", "text").iter_rows()),
        schema={"document_id": pl.String, "offset": pl.Int64, "text": pl.String},
    )
    jobs = [Job(q, q.table, "data/evidence.parquet") for q in row_queries(specs) if q.rule.startswith("provenance.")]
    found, _ = run(PolarsSQL(tables | {WINDOWS: windows.lazy()}), jobs, specs)
    return found


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
    print("| rows | text (code points) | provenance rules (s) |")
    print("|---|---|---|")
    for rows in (int(r) for r in args.rows.split(",")):
        for chars in (int(c) for c in args.chars.split(",")):
            evidence, documents = frames(rows, chars)
            seconds = []
            for _ in range(args.repeats):
                began = time.perf_counter()
                found = span_findings(evidence, documents)
                seconds.append(time.perf_counter() - began)
            assert not found.items, "the generated spans are all correct"
            print(f"| {rows:,} | {chars:,} | {statistics.median(seconds):.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
