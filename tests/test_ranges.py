"""How numbers read in the viewer and the figures: as the text states them, never an invented bound."""

from __future__ import annotations

import pytest

from kyrgyz_events.ranges import claim_text, estimate_text


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        ({"value_min": 101, "value_max": None, "value_qualifier": "more_than"}, "over 100"),
        ({"value_min": 40, "value_max": 40, "value_qualifier": "exact"}, "40"),
        ({"value_min": 400, "value_max": 400, "value_qualifier": "approximately"}, "around 400"),
        ({"value_min": None, "value_max": 100, "value_qualifier": "up_to"}, "up to 100"),
        ({"value_min": 5, "value_max": None, "value_qualifier": "at_least"}, "5 or more"),
        ({"value_min": 5000, "value_max": 10000, "value_qualifier": "range"}, "5000–10000"),
    ],
)
def test_a_claim_reads_as_stated(claim: dict[str, object], text: str) -> None:
    assert claim_text(claim) == text


@pytest.mark.parametrize(
    ("estimate", "text"),
    [
        ({"low": 40, "high": 100, "high_unbounded": True, "approximate": False}, "40 to over 100"),
        ({"low": 400, "high": 400, "high_unbounded": False, "approximate": True}, "around 400"),
        ({"low": 40, "high": 100, "high_unbounded": False, "approximate": False}, "40–100"),
        ({"low": 12, "high": 12, "high_unbounded": True, "approximate": False}, "12 or more"),
    ],
)
def test_an_estimate_states_only_stated_figures(estimate: dict[str, object], text: str) -> None:
    assert estimate_text(estimate) == text
