"""Provenance rules: every evidence span quotes its document exactly, in Unicode code points (W3C
TextPositionSelector + TextQuoteSelector), inside the article body; documents' text hashes match.

Vectorised: evidence is joined to its document (Polars shares the text buffer, it does not copy it per
row); code-point offsets become byte offsets through a table built once per document, and the quotes
are byte slices, so the cost is rows + text (a code-point ``str.slice`` walks the text from its start
on every row: rows x text). Only the SHA-256 of each document's text is
computed per document (there is no SHA-256 expression in Polars), never per evidence row."""

from __future__ import annotations

import hashlib

import polars as pl
import pyarrow as pa

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Findings
from kyrgyz_events.validators.ids import with_ids
from kyrgyz_events.validators.records_fast import Check, run_checks

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
TEXT_BIN = "__text_bin"  # the document's text as UTF-8 bytes (a cast, once per document)
BASE = "__cp_base"  # where the document's code-point -> byte table starts in the shared offsets table


def with_text_len(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """Documents with ``TEXT_LEN``, ``TEXT_BIN`` and ``BASE``, and the offsets table: for every document,
    the byte offset of each of its code points and of its end, concatenated. Built in one vectorised pass
    over each text, so that the span checks cost rows + text, not rows x text: a code-point slice of
    UTF-8 must walk the text from its start on every row, a byte slice need not."""
    tables: list[pl.Series] = []
    bases: list[int] = []
    base = 0
    for text in documents.get_column("text").to_list():
        raw = text.encode("utf-8") if text is not None else b""
        data = pa.Array.from_buffers(pa.uint8(), len(raw), [None, pa.py_buffer(raw)])
        series = pl.Series(pl.from_arrow(data))
        starts = ((series & 0xC0) != 0x80).arg_true().cast(pl.Int64)  # the first byte of every code point
        tables.append(starts.append(pl.Series([len(raw)], dtype=pl.Int64)))
        bases.append(base)
        base += len(tables[-1])
    offsets = (pl.concat(tables) if tables else pl.Series(dtype=pl.Int64)).rename("__offsets")
    frame = documents.with_columns(
        pl.col("text").str.len_chars().alias(TEXT_LEN),
        pl.col("text").cast(pl.Binary).alias(TEXT_BIN),
        pl.Series(BASE, bases, dtype=pl.Int64),
    )
    return frame, offsets


def span_checks(offsets: pl.Series) -> list[tuple[str, Check]]:
    """provenance.exact, .context and .in_body as checks over evidence rows joined to their document's
    ``text``, ``body_start``, ``body_end``, ``TEXT_LEN``, ``TEXT_BIN`` and ``BASE`` (``with_text_len``).
    Code-point offsets become byte offsets by one lookup in ``offsets`` each; the quote, prefix and suffix
    are then byte slices of the text, compared as bytes (equal strings, equal UTF-8)."""
    start, end = pl.col("start"), pl.col("end")
    n = pl.col(TEXT_LEN).fill_null(0)
    ok_offsets = start.is_not_null() & end.is_not_null() & (start >= 0) & (end > start)  # else table.span_order

    def byte(cp: pl.Expr) -> pl.Expr:
        return pl.lit(offsets).gather(pl.col(BASE) + cp.clip(pl.lit(0), n))

    def cut(a: pl.Expr, b: pl.Expr) -> pl.Expr:
        return pl.when(ok_offsets).then(pl.col(TEXT_BIN).bin.slice(byte(a), byte(b) - byte(a)))

    quote = cut(start, end)
    prefix = cut(pl.max_horizontal(start - CONTEXT, pl.lit(0)), start)
    suffix = cut(end, end + CONTEXT)

    def differs(col: str, expected: pl.Expr) -> pl.Expr:
        return ~pl.col(col).cast(pl.Binary).eq_missing(expected)

    return [
        (
            "provenance.exact",
            Check(
                "exact",
                ok_offsets & ((end > pl.col(TEXT_LEN)) | differs("exact", quote)),
                "exact is not text[start:end] of the document",
            ),
        ),
        (
            "provenance.context",
            Check("prefix", ok_offsets & differs("prefix", prefix), "prefix is not the text just before start"),
        ),
        (
            "provenance.context",
            Check("suffix", ok_offsets & differs("suffix", suffix), "suffix is not the text just after end"),
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
    docs, offsets = with_text_len(
        documents.select("document_id", "text", "body_start", "body_end").unique("document_id", keep="first")
    )
    frame = with_ids(evidence, spec.primary_key).join(docs, on="document_id", how="inner")
    out = Findings()
    for rule, check in span_checks(offsets):
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
