"""Synthetic documents: real texts made of generated sentences, and evidence spans that index into them.

Every document is ``title + "\\n\\n" + body + "\\n\\n" + FOOTER``; the body is ``SENTENCES_PER_DOC``
sentences from a seeded pool, joined by one space. A span is a whole sentence or its opening words (who did
what), so its offsets, ``exact``, ``prefix`` and ``suffix`` follow from the pool and the document's sentence
ids by array arithmetic: no string is searched and no per-span Python code runs, however many are drawn.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import polars as pl

from kyrgyz_events.models import QUOTE_CONTEXT

SENTENCES_PER_DOC = 24
POOL_SIZE = 512
SEPARATOR = "\n\n"  # between title, body and footer
FOOTER = "Synthetic footer: page furniture, not part of the article body."

_SUBJECTS = (
    "Protesters",
    "Riot police",
    "Opposition supporters",
    "A crowd of several hundred",
    "Soldiers",
    "Local officials",
    "Witnesses",
    "The interior ministry",
    "Youths",
    "Demonstrators from the south",
    "Journalists",
    "Elders of the town",
)
_VERBS = (
    "gathered outside",
    "marched towards",
    "clashed near",
    "set fire to a car by",
    "withdrew from",
    "stormed",
    "reported gunfire around",
    "blocked the road to",
    "appealed for calm at",
    "were seen leaving",
)
_PLACES = (
    "the government building in Bishkek (Бишкек)",
    "the main square of Osh (Ош)",
    "the regional office in Talas",
    "the market in Jalal-Abad",
    "the police station in Naryn",
    "the airport at Manas",
    "the bazaar in Tokmok",
    "the university in Karakol",
    "the state television centre",
    "the mayor's office — the «White House»",
)
_TIMES = (
    "early on Wednesday",
    "late in the evening",
    "before dawn",
    "around noon",
    "on the second day",
    "after the curfew began",
    "as night fell",
    "within hours",
)


def sentence_pool(rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """``POOL_SIZE`` distinct sentences, and the opening words of each (followed by more than ``QUOTE_CONTEXT``
    code points of the same sentence)."""
    pool: list[str] = []
    heads: list[str] = []
    while len(pool) < POOL_SIZE:
        s, v, p, t = (int(rng.integers(len(x))) for x in (_SUBJECTS, _VERBS, _PLACES, _TIMES))
        heads.append(f"{_SUBJECTS[s]} {_VERBS[v]}")
        pool.append(f"{heads[-1]} {_PLACES[p]} {_TIMES[t]}, sources said ({len(pool)}).")
    return pool, heads


@dataclass(frozen=True)
class Corpus:
    """The sentence pool and, per document, its sentence ids, title and body offset."""

    pool: pl.Series  # sentences
    heads: pl.Series  # their opening words
    after_heads: pl.Series  # the QUOTE_CONTEXT code points after the opening words: the suffix of a head span
    head_lengths: np.ndarray  # code points of each head
    pool_tail: pl.Series  # (sentence + " ")[-QUOTE_CONTEXT:]: the prefix of the span after it
    pool_head: pl.Series  # (" " + sentence)[:QUOTE_CONTEXT]: the suffix of the span before it
    sentence_ids: np.ndarray  # (documents, SENTENCES_PER_DOC) pool indices
    sentence_starts: np.ndarray  # (documents, SENTENCES_PER_DOC) code-point offsets in the text
    sentence_lengths: np.ndarray  # (documents, SENTENCES_PER_DOC)
    title_tail: pl.Series  # (title + SEPARATOR)[-QUOTE_CONTEXT:]: the prefix of each document's first sentence

    @property
    def documents(self) -> int:
        return int(self.sentence_ids.shape[0])


def title_of(index: int) -> str:
    return f"Synthetic report {index}: unrest and the response of the authorities"


def corpus(rng: np.random.Generator, documents: int) -> Corpus:
    """Draw every document's sentences; offsets are computed with numpy, never by searching text."""
    pool, heads = sentence_pool(rng)
    lengths = np.array([len(s) for s in pool], dtype=np.int64)
    ids = rng.integers(0, POOL_SIZE, size=(documents, SENTENCES_PER_DOC), dtype=np.int64)
    sent_len = lengths[ids]
    body_start = np.array([len(title_of(d)) + len(SEPARATOR) for d in range(documents)], dtype=np.int64)
    in_body = np.cumsum(sent_len + 1, axis=1) - (sent_len + 1)
    return Corpus(
        pool=pl.Series("pool", pool, dtype=pl.String),
        heads=pl.Series("heads", heads, dtype=pl.String),
        after_heads=pl.Series("after", [s[len(h) : len(h) + QUOTE_CONTEXT] for s, h in zip(pool, heads, strict=True)]),
        head_lengths=np.array([len(h) for h in heads], dtype=np.int64),
        pool_tail=pl.Series("tail", [(s + " ")[-QUOTE_CONTEXT:] for s in pool], dtype=pl.String),
        pool_head=pl.Series("head", [(" " + s)[:QUOTE_CONTEXT] for s in pool], dtype=pl.String),
        sentence_ids=ids,
        sentence_starts=in_body + body_start[:, None],
        sentence_lengths=sent_len,
        title_tail=pl.Series("title_tail", [(title_of(d) + SEPARATOR)[-QUOTE_CONTEXT:] for d in range(documents)]),
    )


def document_text(c: Corpus, index: int) -> tuple[str, int, int]:
    """(text, body_start, body_end) of one document."""
    title = title_of(index)
    body = " ".join(c.pool[int(i)] for i in c.sentence_ids[index])
    start = len(title) + len(SEPARATOR)
    return f"{title}{SEPARATOR}{body}{SEPARATOR}{FOOTER}", start, start + len(body)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def spans(c: Corpus, docs: np.ndarray, slots: np.ndarray, whole: np.ndarray) -> pl.DataFrame:
    """Columns start, end, exact, prefix, suffix of sentence ``slots[k]`` in document ``docs[k]``: the
    whole sentence where ``whole[k]``, else its opening words."""
    pid = c.sentence_ids[docs, slots]
    start = c.sentence_starts[docs, slots]
    last = SENTENCES_PER_DOC - 1
    prev_id = c.sentence_ids[docs, np.maximum(slots - 1, 0)]
    next_id = c.sentence_ids[docs, np.minimum(slots + 1, last)]
    footer_head = (SEPARATOR + FOOTER)[:QUOTE_CONTEXT]
    whole_s = pl.lit(whole)
    return pl.DataFrame(
        {
            "start": start,
            "end": start + np.where(whole, c.sentence_lengths[docs, slots], c.head_lengths[pid]),
            "exact": pl.select(
                pl.when(whole_s).then(pl.lit(c.pool.gather(pid))).otherwise(pl.lit(c.heads.gather(pid)))
            ).to_series(),
            "prefix": pl.select(
                pl.when(pl.lit(slots == 0))
                .then(pl.lit(c.title_tail.gather(docs)))
                .otherwise(pl.lit(c.pool_tail.gather(prev_id)))
            ).to_series(),
            "suffix": pl.select(
                pl.when(~whole_s)
                .then(pl.lit(c.after_heads.gather(pid)))
                .when(pl.lit(slots == last))
                .then(pl.lit(footer_head))
                .otherwise(pl.lit(c.pool_head.gather(next_id)))
            ).to_series(),
        }
    )
