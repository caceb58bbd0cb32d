"""Synthetic packages of the current schema, of any size, for benchmarks and scale tests.

``synthesize(out, events, seed)`` writes a package laid out exactly like the real build's (Parquet and
JSON Lines per table, ``datapackage.json``) that passes every validation rule: evidence spans index into
real generated texts, hierarchies have no cycles, dates agree with their precision, quantities with their
qualifier, and casualty_estimates is derived from the claims by ``kyrgyz_events.derive``. The same seed
and size give byte-identical files. Rows are generated and written in batches, so memory stays bounded
at ten million events.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION
from kyrgyz_events.contracts.spec import load_specs
from kyrgyz_events.derive import casualty_estimates
from kyrgyz_events.package_io.atomic import replaced
from kyrgyz_events.package_io.descriptor import DESCRIPTOR, write_descriptor
from kyrgyz_events.progress import steps
from kyrgyz_events.publish.descriptor import datapackage
from kyrgyz_events.synth import records
from kyrgyz_events.synth.records import EVENTS_PER_DOC, EXTRA_SPAN_EVERY, Layout, ids
from kyrgyz_events.synth.sink import TableSink, split_parquet
from kyrgyz_events.synth.text import corpus, document_text, sha256_hex

__all__ = ["BATCH", "Layout", "metadata", "synthesize"]

#: Rows per generated batch (a multiple of every period in ``records``, so groups never straddle batches).
BATCH = 100_000
OUTPUTS = ["data", DESCRIPTOR]

# One random stream per table, so changing one table's generation leaves the others' bytes unchanged.
_STREAMS = {
    name: i
    for i, name in enumerate(
        (
            "corpus",
            "actors",
            "actor_relations",
            "locations",
            "events",
            "event_actors",
            "claims",
            "claim_relations",
            "evidence",
        )
    )
}


def metadata(events: int, seed: int, parts: int = 1) -> dict[str, Any]:
    """Package-level metadata of a synthetic package (says what it is, and how to make it again)."""
    again = f"kyrgyz-events synth --events {events} --seed {seed}" + (f" --parts {parts}" if parts > 1 else "")
    return {
        "name": "kyrgyz-events-synthetic",
        "title": f"kyrgyz-events synthetic package: {events} events (seed {seed})",
        "description": (
            "Generated data of the kyrgyz-events schema for benchmarks and scale tests; not real events. "
            f"Rebuild with: {again} --out DIR"
        ),
        "version": DATASET_VERSION,
        "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
        "x-synthetic": {"events": events, "seed": seed} | ({"parts": parts} if parts > 1 else {}),
    }


def _rng(seed: int, stream: str, batch: int) -> np.random.Generator:
    return np.random.default_rng([seed, _STREAMS[stream], batch])


def _batches(count: int) -> list[tuple[int, int, int]]:
    return [(b, lo, min(lo + BATCH, count)) for b, lo in enumerate(range(0, count, BATCH))]


def synthesize(out: Path, events: int, seed: int = 0, parts: int = 1) -> dict[str, Any]:
    """Write a valid synthetic package with ``events`` events into ``out``; return its row counts.
    ``parts`` above 1: each table's Parquet file is written as that many parts (fewer for a table of fewer
    rows), ``data/<table>/part-NNNNN.parquet``, described as one multipart resource (``package_io.parts``);
    the JSON Lines twins stay one file each.

    The package is written next to ``out`` and becomes the folder ``out`` in one atomic step, replacing
    whatever ``out`` held (the CLI refuses a non-empty ``out`` unless told ``--force``).
    """
    if events < 1:
        raise ValueError(f"events must be at least 1, not {events}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, not {seed}")
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    specs = load_specs(SCHEMA_VERSION)
    layout = Layout.for_events(events)
    with replaced(Path(out), OUTPUTS) as stage, steps("synth", total=len(_batches(layout.events)) + 3) as step:
        data = stage / "data"
        data.mkdir()
        with ExitStack() as stack:
            sinks = {name: stack.enter_context(TableSink(data, spec, DATASET_VERSION)) for name, spec in specs.items()}
            _write_all(sinks, layout, seed, step)
        step("describing the package" if parts == 1 else f"splitting into {parts} parts, describing the package")
        rows = {name: sink.rows for name, sink in sinks.items()}
        split = {name: split_parquet(data, name, parts) for name in specs} if parts > 1 else {}
        descriptor = datapackage(specs, stage, metadata(events, seed, parts), SCHEMA_VERSION, parts=split)
        write_descriptor(stage, descriptor)
    return {"out": str(out), "events": events, "seed": seed, "rows": rows, "total_rows": sum(rows.values())}


def _write_all(sinks: dict[str, TableSink], layout: Layout, seed: int, step: Callable[[str], None]) -> None:
    w = layout.width
    step("documents, actors, locations")
    c = corpus(_rng(seed, "corpus", 0), layout.documents)
    for _, lo, hi in _batches(layout.documents):
        texts = [document_text(c, d) for d in range(lo, hi)]
        sinks["documents"].write(records.documents(c, lo, hi, w, texts, [sha256_hex(t[0]) for t in texts]))

    evidence = sinks["evidence"]
    next_evidence = 0

    def add_evidence(rng: np.random.Generator, table: str, record_ids: pl.Series, docs: np.ndarray) -> None:
        nonlocal next_evidence
        evidence.write(records.evidence(rng, c, next_evidence, table, record_ids, docs, w))
        next_evidence += len(record_ids)

    for b, lo, hi in _batches(layout.actors):
        rng = _rng(seed, "actors", b)
        batch = records.actors(rng, lo, hi, w)
        sinks["actors"].write(batch)
        sinks["actor_relations"].write(records.actor_relations(_rng(seed, "actor_relations", b), lo, hi, w))
        add_evidence(rng, "actors", batch["actor_id"], np.arange(lo, hi) % layout.documents)
    for b, lo, hi in _batches(layout.locations):
        rng = _rng(seed, "locations", b)
        batch = records.locations(rng, lo, hi, w)
        sinks["locations"].write(batch)
        add_evidence(rng, "locations", batch["location_id"], (np.arange(lo, hi) * 7) % layout.documents)
    for b, lo, hi in _batches(layout.events):
        step(f"events {lo:,} to {hi:,}")
        idx = np.arange(lo, hi)
        sinks["events"].write(records.events(_rng(seed, "events", b), lo, hi, layout))
        sinks["event_actors"].write(records.event_actors(_rng(seed, "event_actors", b), lo, hi, layout))
        claims = records.claims(_rng(seed, "claims", b), lo, hi, layout)
        sinks["claims"].write(claims)
        sinks["claim_relations"].write(records.claim_relations(_rng(seed, "claim_relations", b), lo, hi, layout))
        sinks["casualty_estimates"].write(casualty_estimates(claims))
        rng = _rng(seed, "evidence", b)
        cited = np.concatenate([idx, idx[idx % EXTRA_SPAN_EVERY == 0]])
        add_evidence(rng, "events", ids("evt", cited, w), cited // EVENTS_PER_DOC)
        add_evidence(rng, "claims", claims["claim_id"], idx // EVENTS_PER_DOC)
    if next_evidence != layout.evidence:  # pragma: no cover - a bug in Layout.evidence
        raise AssertionError(f"wrote {next_evidence} evidence rows, layout says {layout.evidence}")

    # The sentences list the records cited in them: read back from the finished evidence file (streamed).
    step("sentences")
    evidence.close()
    citations = (
        pl.scan_parquet(evidence.path)
        .group_by("sentence_id")
        .agg(pl.col("record_id").unique().sort().alias("record_ids"))
        .collect(engine="streaming")
    )
    for _, lo, hi in _batches(layout.documents):
        sinks["sentences"].write(records.sentences(c, lo, hi, w, citations))
