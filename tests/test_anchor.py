"""Quotes become code-point offsets inside the article body, or a clear refusal."""

from __future__ import annotations

import pytest

from kyrgyz_events.annotations.anchor import QuoteError, locate, selector
from kyrgyz_events.models import QUOTE_CONTEXT

TEXT = (
    "Head line\n\nThe President fled. The president’s son – Maxim – stayed. The President wept.\n\nAds: The President"
)
BODY = (0, TEXT.index("\n\nAds"))


def test_unique_quote_gets_code_point_offsets() -> None:
    span = locate(TEXT, BODY, "son – Maxim")
    assert TEXT[span.start : span.end] == "son – Maxim"
    # code points, not bytes: the curly apostrophe and the en dash count one each
    assert span.start == TEXT.index("son – Maxim")


def test_absent_quote_is_refused() -> None:
    with pytest.raises(QuoteError, match="not in the article body"):
        locate(TEXT, BODY, "the Prime Minister")


def test_ambiguous_quote_is_refused_with_a_hint() -> None:
    with pytest.raises(QuoteError, match=r"occurs 2 times.*within"):
        locate(TEXT, BODY, "The President")


def test_within_disambiguates() -> None:
    span = locate(TEXT, BODY, {"quote": "The President", "within": "The President wept"})
    assert span.start == TEXT.index("The President wept")


def test_within_must_itself_be_unique_and_contain_the_quote() -> None:
    with pytest.raises(QuoteError, match="passage `within`"):
        locate(TEXT, BODY, {"quote": "fled", "within": "The President"})
    with pytest.raises(QuoteError, match="not in the article body"):
        locate(TEXT, BODY, {"quote": "wept", "within": "The President fled"})


def test_page_furniture_after_the_body_is_never_matched() -> None:
    with pytest.raises(QuoteError, match="not in the article body"):
        locate(TEXT, BODY, "Ads: The President")


def test_malformed_entry_is_refused() -> None:
    with pytest.raises(QuoteError, match="string or"):
        locate(TEXT, BODY, {"quote": "fled"})


def test_selector_follows_w3c_quote_and_position() -> None:
    span = locate(TEXT, BODY, "Maxim")
    sel = selector(TEXT, span)
    assert sel["exact"] == "Maxim" == TEXT[sel["start"] : sel["end"]]
    assert (
        sel["prefix"] == TEXT[max(0, span.start - QUOTE_CONTEXT) : span.start] and len(sel["prefix"]) == QUOTE_CONTEXT
    )
    assert sel["suffix"] == TEXT[span.end : span.end + QUOTE_CONTEXT]
    head = selector(TEXT, locate(TEXT, BODY, "Head"))
    assert head["prefix"] == "" and head["start"] == 0
