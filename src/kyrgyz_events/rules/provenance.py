"""Provenance rules, in SQL: every evidence span quotes its document exactly, in Unicode code points (W3C
TextPositionSelector + TextQuoteSelector), inside the article body, with the code points around it (as
many as the release's evidence.prefix may hold: the model's ``QUOTE_CONTEXT``);
every sentence is its text. ``provenance.text_sha256`` hashes in Python (``validators.host_rules``).

``SUBSTR`` counts code points in both engines, and so walks the text from its start on every row: a quote
far into a long text would cost rows x text. So the quotes are cut from windows of the text instead
(:func:`document_windows`, registered as ``__document_windows``): a window starts every ``WINDOW`` code
points and holds ``WINDOW + REACH`` of them, so a span with its context of up to ``REACH`` code points is
cut from the one window it starts in, at a cost of rows x window + text. A longer span is cut from the
whole text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from kyrgyz_events.rules.rule import Query, Rule, Specs

WINDOW = 1024  # code points from one window's start to the next
REACH = 4096  # code points each window holds beyond the next one's start
WINDOWS = "__document_windows"


def document_windows(documents: Iterable[tuple[Any, Any]]) -> dict[str, list[Any]]:
    """The ``__document_windows`` relation of (document_id, text) pairs: columns document_id, offset
    (code points) and text (the window)."""
    columns: dict[str, list[Any]] = {"document_id": [], "offset": [], "text": []}
    for document_id, text in documents:
        if document_id is None or text is None:
            continue
        for offset in range(0, max(len(text), 1), WINDOW):
            columns["document_id"].append(document_id)
            columns["offset"].append(offset)
            columns["text"].append(text[offset : offset + WINDOW + REACH])
    return columns


#: each document's first row (by row number), with its length counted once
_DOCUMENTS = (
    '(SELECT "document_id", "text", "body_start", "body_end", CHAR_LENGTH("text") AS __text_len FROM '
    '(SELECT *, ROW_NUMBER() OVER (PARTITION BY "document_id" ORDER BY "__row") AS __nth FROM "documents") AS d0 '
    "WHERE __nth = 1)"
)


def _windowed(table: str, first: str) -> str:
    """Rows of ``table`` joined to their document and to the window that holds code point ``first``."""
    at = f"CAST(FLOOR(GREATEST({first}, 0) / {WINDOW}.0) AS BIGINT) * {WINDOW}"
    return (
        f'SELECT r.*, d."text" AS __text, d.__text_len, d."body_start" AS __body_start, d."body_end" AS __body_end, '
        f'w."text" AS __window, w."offset" AS __offset '
        f'FROM (SELECT *, {at} AS __window_at FROM "{table}") AS r JOIN {_DOCUMENTS} AS d '
        f'ON r."document_id" = d."document_id" LEFT JOIN "{WINDOWS}" AS w '
        f'ON r."document_id" = w."document_id" AND r.__window_at = w."offset"'
    )


def cut(start: str, length: str, last: str) -> str:
    """text[start : start + length] of the row's document, from its window when ``last`` (the end of all
    the row cuts) lies within it."""
    return (
        f"CASE WHEN __window IS NOT NULL AND {last} <= __offset + {WINDOW + REACH} "
        f"THEN SUBSTR(__window, {start} - __offset + 1, {length}) ELSE SUBSTR(__text, {start} + 1, {length}) END"
    )


_START, _END = '"start"', '"end"'


def _span_checks(context: int) -> list[tuple[str, str, str, str, str]]:
    """(rule, field, source, failing condition, message) of the span checks, for prefixes and suffixes of
    ``context`` code points (the release's maxLength of evidence.prefix: the model's ``QUOTE_CONTEXT``)."""
    prefix_start = f"GREATEST({_START} - {context}, 0)"
    last = f"{_END} + {context}"
    # evidence rows with their document and window, offsets well formed (else table.span_order reports them)
    joined = (
        f"SELECT * FROM ({_windowed('evidence', prefix_start)}) AS j "
        f"WHERE {_START} IS NOT NULL AND {_END} IS NOT NULL AND {_START} >= 0 AND {_END} > {_START}"
    )
    exact = f'__text_len < {_END} OR "exact" IS DISTINCT FROM {cut(_START, f"{_END} - {_START}", last)}'
    return [
        ("provenance.exact", "exact", joined, exact, "exact is not text[start:end] of the document"),
        (
            "provenance.context",
            "prefix",
            joined,
            f'"prefix" IS DISTINCT FROM {cut(prefix_start, f"{_START} - {prefix_start}", last)}',
            "prefix is not the text just before start",
        ),
        (
            "provenance.context",
            "suffix",
            joined,
            f'"suffix" IS DISTINCT FROM {cut(_END, str(context), last)}',
            "suffix is not the text just after end",
        ),
        (
            "provenance.in_body",
            "end",
            joined,
            f"{_START} < __body_start OR {_END} > __body_end",
            "span lies outside the document body [body_start, body_end)",
        ),
    ]


def _span_queries(rule: str) -> Callable[[Specs], list[Query]]:
    def queries(specs: Specs) -> list[Query]:
        if not {"evidence", "documents"} <= set(specs):
            return []
        context = specs["evidence"].column("prefix").max_length
        assert context is not None, "evidence.prefix has a maxLength in every release"
        return [
            Query(rule, "evidence", field, message, where=failing, value=field, source=source)
            for name, field, source, failing, message in _span_checks(context)
            if name == rule
        ]

    return queries


def _sentence_text(specs: Specs) -> list[Query]:
    if not {"sentences", "documents"} <= set(specs):
        return []
    source = _windowed("sentences", _START)
    sentence = cut(_START, f"{_END} - {_START}", _END)
    where = f'"start" < __body_start OR "end" > __body_end OR {sentence} <> "exact"'
    return [
        Query(
            "provenance.sentence_text",
            "sentences",
            "exact",
            "the sentence is not text[start:end] of the article body",
            where=where,
            value="exact",
            source=source,
        )
    ]


RULES = (
    Rule(
        "provenance.exact",
        "evidence.exact equals documents.text[start:end], counted in code points.",
        _span_queries("provenance.exact"),
    ),
    Rule(
        "provenance.context",
        "evidence.prefix and suffix equal the up-to-32 code points before start and after end.",
        _span_queries("provenance.context"),
    ),
    Rule(
        "provenance.in_body",
        "Every evidence span lies inside its document's body [body_start, body_end).",
        _span_queries("provenance.in_body"),
    ),
    Rule("provenance.text_sha256", "documents.text_sha256 is the SHA-256 of the UTF-8 bytes of text."),
    Rule(
        "provenance.sentence_text",
        "sentences (1.1.0+): exact equals text[start:end] of its document and lies inside the article body.",
        _sentence_text,
    ),
)
