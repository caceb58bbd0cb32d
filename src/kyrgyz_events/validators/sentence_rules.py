"""Rules of the ``sentences`` table (schema 1.1.0 and later): the coverage review as data.

- ``provenance.sentence_text``: a sentence's ``exact`` is ``text[start:end]`` and lies in the article body.
- ``table.sentence_order``: a document's sentences are numbered 1..n in text order, without overlap.
- ``cross.evidence_sentence``: an evidence span starts inside the sentence it names, in the same document.
- ``cross.sentence_records``: a sentence's ``record_ids`` are exactly the records whose evidence it holds.

Each check is a lazy query of the failing rows only, so a clean package costs a few streaming joins;
the costliest, the record comparison, first compares hashed pair sets and runs only when they differ.
Versions without a ``sentences`` table skip these rules.
"""

from __future__ import annotations

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Findings
from kyrgyz_events.validators.cross_rules import emit_failing
from kyrgyz_events.validators.ids import RID

Lazy = dict[str, pl.LazyFrame]


def _collect(query: pl.LazyFrame) -> pl.DataFrame:
    return query.collect(engine="streaming")


def _emit(out: Findings, failing: pl.DataFrame, rule: str, table: str, field: str, message: str, rel: str) -> None:
    emit_failing(out, failing, rule, table, field, message, rel, value_col="value")


def sentence_text(sentences: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    body = documents.select("document_id", "text", "body_start", "body_end")
    return (
        sentences.select("sentence_id", "document_id", "start", "end", "exact")
        .join(body, on="document_id", how="inner")
        .filter(
            (pl.col("start") < pl.col("body_start"))
            | (pl.col("end") > pl.col("body_end"))
            | (pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")) != pl.col("exact"))
        )
        .select(pl.col("sentence_id").alias(RID), pl.col("exact").alias("value"))
    )


def sentence_order(sentences: pl.LazyFrame) -> pl.LazyFrame:
    ordered = sentences.select("sentence_id", "document_id", "position", "start", "end").sort("document_id", "start")
    previous_end = pl.col("end").shift(1).over("document_id")
    expected = pl.int_range(1, pl.len() + 1).over("document_id")
    return ordered.filter((pl.col("position") != expected) | (pl.col("start") < previous_end)).select(
        pl.col("sentence_id").alias(RID), pl.col("position").alias("value")
    )


def evidence_sentence(evidence: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    spans = sentences.select(
        "sentence_id",
        pl.col("document_id").alias("s_document_id"),
        pl.col("start").alias("s_start"),
        pl.col("end").alias("s_end"),
    )
    return (
        evidence.select("evidence_id", "document_id", "start", "sentence_id")
        .filter(pl.col("sentence_id").is_not_null())
        .join(spans, on="sentence_id", how="inner")  # a dangling sentence_id is cross.reference's finding
        .filter(
            (pl.col("document_id") != pl.col("s_document_id"))
            | (pl.col("start") < pl.col("s_start"))
            | (pl.col("start") >= pl.col("s_end"))
        )
        .select(pl.col("evidence_id").alias(RID), pl.col("sentence_id").alias("value"))
    )


def _pair_hashes(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Distinct 64-bit hashes of the frame's non-null (sentence_id, record_id) pairs."""
    pair = pl.struct(pl.col("sentence_id"), pl.col("record_id"))
    return frame.drop_nulls().select(pair.hash(seed=11).alias("h")).unique()


def records_may_differ(evidence: pl.LazyFrame, sentences: pl.LazyFrame) -> bool:
    """The gate of cross.sentence_records: False when the listed and the cited (sentence, record) pairs
    are the same set — equal counts of distinct pair hashes on each side and in their union. A
    difference hides only if a listed pair and a cited pair share a 64-bit hash."""
    listed = _pair_hashes(sentences.select("sentence_id", pl.col("record_ids").alias("record_id")).explode("record_id"))
    cited = _pair_hashes(evidence.select("sentence_id", "record_id"))
    n_listed, n_cited, n_union = (
        frame.item()
        for frame in pl.collect_all(
            [q.select(pl.len()) for q in (listed, cited, pl.concat([listed, cited]).unique())], engine="streaming"
        )
    )
    return not n_listed == n_cited == n_union


def sentence_records(evidence: pl.LazyFrame, sentences: pl.LazyFrame) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """(listed but not cited, cited but not listed), both as failing sentences with the record as value."""
    listed = (
        sentences.select("sentence_id", pl.col("record_ids").alias("record_id"))
        .explode("record_id")
        .drop_nulls("record_id")
        .unique()
    )
    cited = evidence.select("sentence_id", "record_id").drop_nulls().unique()
    keys = ["sentence_id", "record_id"]
    shape = [pl.col("sentence_id").alias(RID), pl.col("record_id").alias("value")]
    return (
        listed.join(cited, on=keys, how="anti").select(shape).sort(RID, "value"),
        cited.join(listed, on=keys, how="anti").select(shape).sort(RID, "value"),
    )


def sentence_findings(lfs: Lazy, specs: dict[str, TableSpec], files: dict[str, str]) -> Findings:
    """Every sentence rule, on lazy frames of the tables (only the columns each rule needs are read)."""
    out = Findings()
    if "sentences" not in specs or "sentences" not in lfs:
        return out
    sentences, rel = lfs["sentences"], files["sentences"]
    if "documents" in lfs:
        _emit(
            out,
            _collect(sentence_text(sentences, lfs["documents"])),
            "provenance.sentence_text",
            "sentences",
            "exact",
            "the sentence is not text[start:end] of the article body",
            rel,
        )
    _emit(
        out,
        _collect(sentence_order(sentences)),
        "table.sentence_order",
        "sentences",
        "position",
        "sentences must be numbered 1..n in text order, without overlapping",
        rel,
    )
    if "evidence" in lfs:
        evidence, ev_rel = lfs["evidence"], files["evidence"]
        _emit(
            out,
            _collect(evidence_sentence(evidence, sentences)),
            "cross.evidence_sentence",
            "evidence",
            "sentence_id",
            "the span does not start inside the sentence it names",
            ev_rel,
        )
        if not records_may_differ(evidence, sentences):
            return out
        missing, unlisted = sentence_records(evidence, sentences)
        _emit(
            out,
            _collect(missing),
            "cross.sentence_records",
            "sentences",
            "record_ids",
            "lists a record that has no evidence in this sentence",
            rel,
        )
        _emit(
            out,
            _collect(unlisted),
            "cross.sentence_records",
            "sentences",
            "record_ids",
            "a record has evidence in this sentence but is not in record_ids",
            rel,
        )
    return out
