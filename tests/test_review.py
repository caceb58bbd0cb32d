"""The second, independent reading (dataset/review/second_reading.yaml): every mention a second annotator
found, without seeing the annotations, is anchored by some evidence span — or adjudicated in
dataset/review/adjudication.yaml with the reason it is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kyrgyz_events.annotations import compile_annotations
from kyrgyz_events.annotations.anchor import Span, locate

REVIEW = Path(__file__).resolve().parent.parent / "dataset" / "review"
DATASET = REVIEW.parent


def _load(name: str, allow_empty: bool = False) -> list[dict[str, Any]]:
    entries = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
    assert isinstance(entries, list) and (entries or allow_empty), f"{name} is empty"
    return entries


@pytest.fixture(scope="module")
def uncovered() -> dict[str, dict[str, Any]]:
    """Mentions of the second reading that no evidence span overlaps, by quote."""
    rows, findings = compile_annotations(DATASET)
    assert not findings
    doc = rows["documents"][0]
    text, body = str(doc["text"]), (int(doc["body_start"]), int(doc["body_end"]))
    spans = [(int(e["start"]), int(e["end"])) for e in rows["evidence"]]
    out = {}
    for entry in _load("second_reading.yaml"):
        span: Span = locate(text, body, _quote(entry))
        if not any(s < span.end and span.start < e for s, e in spans):
            out[str(entry["quote"])] = entry
    return out


def _quote(entry: dict[str, Any]) -> Any:
    return {"quote": entry["quote"], "within": entry["within"]} if "within" in entry else entry["quote"]


def test_second_reading_covers_every_kind_of_mention() -> None:
    kinds = {e["kind"] for e in _load("second_reading.yaml")}
    assert kinds == {"actor", "location", "quantity", "time", "attribution", "event"}


def test_the_check_sees_an_unanchored_mention() -> None:
    """Page furniture is never anchored, so the overlap test can fail: guard against a vacuous pass."""
    rows, _ = compile_annotations(DATASET)
    doc = rows["documents"][0]
    text, end = str(doc["text"]), int(doc["body_end"])
    furniture = locate(text, (end, len(text)), "Independent Dating")
    assert not any(int(e["start"]) < furniture.end and furniture.start < int(e["end"]) for e in rows["evidence"])


def test_every_mention_is_anchored_or_adjudicated(uncovered: dict[str, dict[str, Any]]) -> None:
    adjudicated = {str(a["quote"]) for a in _load("adjudication.yaml", allow_empty=True)}
    missing = sorted(set(uncovered) - adjudicated)
    assert not missing, f"mentions of the second reading anchored by no evidence and not adjudicated: {missing}"


def test_adjudications_are_current_and_give_reasons(uncovered: dict[str, dict[str, Any]]) -> None:
    for a in _load("adjudication.yaml", allow_empty=True):
        assert a.get("reason"), f"adjudication of {a['quote']!r} gives no reason"
        assert a["quote"] in uncovered, f"{a['quote']!r} is anchored now: remove its adjudication"
