"""How a claimed number and a derived estimate read, in words: one home for the viewer and the figures.

A claim reads as the text states it ("over 100", not its integer bound 101); an estimate states only
figures the claims state ("40 to over 100"), and keeps "around" where a figure is approximate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def claim_text(claim: Mapping[str, Any]) -> str:
    """A claim's number as stated: "40", "around 400", "over 100", "5 or more", "up to 100", a range."""
    low, high, qualifier = claim.get("value_min"), claim.get("value_max"), claim.get("value_qualifier")
    if qualifier == "more_than" and low is not None:
        return f"over {int(low) - 1}"
    if high is None:
        return f"{low} or more"
    if low is None:
        return f"up to {high}"
    figure = str(low) if low == high else f"{low}–{high}"
    return f"around {figure}" if qualifier == "approximately" else figure


def estimate_text(estimate: Mapping[str, Any]) -> str:
    """A casualty estimate's range: "40 to over 100", "around 400", a closed range, "12 or more"."""
    low, high = estimate.get("low"), estimate.get("high")
    around = "around " if estimate.get("approximate") else ""
    if estimate.get("high_unbounded"):
        if high is None or high == low:
            return f"{around}{low} or more"
        return f"{around}{low} to over {high}"
    if low is None:
        return f"up to {around}{high}"
    return f"{around}{low}" if low == high else f"{around}{low}–{high}"
