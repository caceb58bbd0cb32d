"""Turn a quote into offsets: code points of the document text, searched inside the article body only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kyrgyz_events.models import QUOTE_CONTEXT


class QuoteError(ValueError):
    """A quote is absent from the body, or ambiguous and not disambiguated."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _occurrences(text: str, needle: str, lo: int, hi: int) -> list[int]:
    found, i = [], text.find(needle, lo, hi)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1, hi)
    return found


def _unique(text: str, needle: str, lo: int, hi: int, what: str) -> int:
    if not needle:
        raise QuoteError(f"{what} is empty")
    hits = _occurrences(text, needle, lo, hi)
    if not hits:
        raise QuoteError(f"{what} {needle!r} is not in the article body")
    if len(hits) > 1:
        raise QuoteError(
            f"{what} {needle!r} occurs {len(hits)} times in the article body; "
            "write {quote: ..., within: <a longer passage that occurs once>}"
        )
    return hits[0]


def locate(text: str, body: tuple[int, int], quote: Any) -> Span:
    """Offsets of ``quote`` (a string, or ``{quote, within}``) inside ``text[body[0]:body[1]]``."""
    lo, hi = body
    if isinstance(quote, str):
        start = _unique(text, quote, lo, hi, "quote")
        return Span(start, start + len(quote))
    if isinstance(quote, dict) and set(quote) == {"quote", "within"}:
        needle, within = str(quote["quote"]), str(quote["within"])
        outer = _unique(text, within, lo, hi, "passage `within`")
        start = _unique(text, needle, outer, outer + len(within), f"quote (within {within!r})")
        return Span(start, start + len(needle))
    raise QuoteError(f"an evidence entry is a string or {{quote, within}}, not {quote!r}")


def _cuts_a_token(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends inside a token: a letter or digit runs on past either
    end, or a number continues past it through a separator ("Around 1" of "Around 1,000 protesters")."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before.isalnum() or after.isalnum():
        return True
    first, last = text[start : start + 1], text[end - 1 : end]
    number_goes_on = after in ",." and last.isdigit() and text[end + 1 : end + 2].isdigit()
    number_came_before = before in ",." and first.isdigit() and text[start - 2 : start - 1].isdigit()
    return number_goes_on or number_came_before


def whole_mentions(text: str, body: tuple[int, int], mention: str) -> list[int]:
    """Where ``mention`` stands in the body as a whole mention (not a piece of a longer word or number)."""
    lo, hi = body
    return [i for i in _occurrences(text, mention, lo, hi) if not _cuts_a_token(text, i, i + len(mention))]


def selector(text: str, span: Span) -> dict[str, Any]:
    """The W3C position and quote selectors of a span: start, end, exact, prefix, suffix."""
    return {
        "start": span.start,
        "end": span.end,
        "exact": text[span.start : span.end],
        "prefix": text[max(0, span.start - QUOTE_CONTEXT) : span.start],
        "suffix": text[span.end : span.end + QUOTE_CONTEXT],
    }
