"""Provenance rules: every evidence span quotes its document exactly, in Unicode code points (W3C
TextPositionSelector + TextQuoteSelector), inside the article body; documents' text hashes match.

Vectorised: evidence is joined to its document (Polars shares the text buffer, it does not copy it per
row) and ``str.slice`` counts characters, i.e. code points. Only the SHA-256 of each document's text is
computed per document (there is no SHA-256 expression in Polars), never per evidence row."""

from __future__ import annotations

import hashlib

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.validators.ids import with_ids
from kyrgyz_events.validators.records_fast import Check, run_checks
from kyrgyz_events.validators.report import Findings

CONTEXT = 32  # code points of prefix and suffix


def text_sha256(documents: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    digests = pl.Series(
        "__sha",
        [
            hashlib.sha256(t.encode("utf-8")).hexdigest() if t is not None else None
            for t in documents.get_column("text").to_list()
        ],
        dtype=pl.String,
    )
    frame = documents.with_columns(digests)
    check = Check(
        "text_sha256",
        pl.col("text").is_not_null() & ~pl.col("text_sha256").eq_missing(pl.col("__sha")),
        "text_sha256 is not the SHA-256 of text",
    )
    return run_checks(frame, spec, [check], "provenance.text_sha256", rel)


TEXT_LEN = "__text_len"  # the document's length in code points, computed once per document


def with_text_len(documents: pl.DataFrame) -> pl.DataFrame:
    """Documents with ``TEXT_LEN``; the span checks need it on every evidence row joined to them."""
    return documents.with_columns(pl.col("text").str.len_chars().alias(TEXT_LEN))


def span_checks() -> list[tuple[str, Check]]:
    """provenance.exact, .context and .in_body as checks over evidence rows joined to their document's
    ``text``, ``body_start``, ``body_end`` and ``TEXT_LEN``. The text is walked once per row: the window
    from the prefix's start to the suffix's end is cut out first, then the three parts from the window."""
    start, end, text = pl.col("start"), pl.col("end"), pl.col("text")
    ok_offsets = start.is_not_null() & end.is_not_null() & (start >= 0) & (end > start)  # else table.span_order
    before = pl.max_horizontal(start - CONTEXT, pl.lit(0))
    window = text.str.slice(before, end + CONTEXT - before)
    quote = pl.when(ok_offsets).then(window.str.slice(start - before, end - start))
    prefix = pl.when(ok_offsets).then(window.str.slice(0, start - before))
    suffix = pl.when(ok_offsets).then(window.str.slice(end - before, CONTEXT))
    return [
        (
            "provenance.exact",
            Check(
                "exact",
                ok_offsets & ((end > pl.col(TEXT_LEN)) | ~pl.col("exact").eq_missing(quote)),
                "exact is not text[start:end] of the document",
            ),
        ),
        (
            "provenance.context",
            Check(
                "prefix", ok_offsets & ~pl.col("prefix").eq_missing(prefix), "prefix is not the text just before start"
            ),
        ),
        (
            "provenance.context",
            Check("suffix", ok_offsets & ~pl.col("suffix").eq_missing(suffix), "suffix is not the text just after end"),
        ),
        (
            "provenance.in_body",
            Check(
                "end",
                ok_offsets & ((start < pl.col("body_start")) | (end > pl.col("body_end"))),
                "span lies outside the document body [body_start, body_end)",
            ),
        ),
    ]


def spans(evidence: pl.DataFrame, documents: pl.DataFrame, spec: TableSpec, rel: str) -> Findings:
    """provenance.exact, provenance.context and provenance.in_body on every evidence row with a document."""
    docs = with_text_len(
        documents.select("document_id", "text", "body_start", "body_end").unique("document_id", keep="first")
    )
    frame = with_ids(evidence, spec.primary_key).join(docs, on="document_id", how="inner")
    out = Findings()
    for rule, check in span_checks():
        out.extend(run_checks(frame, spec, [check], rule, rel))
    return out


def provenance_findings(
    frames: dict[str, pl.DataFrame], specs: dict[str, TableSpec], files: dict[str, str]
) -> Findings:
    out = Findings()
    if "documents" in frames:
        out.extend(text_sha256(frames["documents"], specs["documents"], files["documents"]))
        if "evidence" in frames:
            out.extend(spans(frames["evidence"], frames["documents"], specs["evidence"], files["evidence"]))
    return out
