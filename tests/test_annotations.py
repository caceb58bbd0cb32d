"""The annotation compiler: the real annotations compile clean; each kind of mistake is named precisely."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kyrgyz_events.annotations import compile_annotations
from kyrgyz_events.findings import Finding

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"


@pytest.fixture(scope="module")
def compiled() -> tuple[dict[str, list[dict[str, object]]], list[Finding]]:
    return compile_annotations(DATASET)


def test_real_annotations_compile_without_findings(
    compiled: tuple[dict[str, list[dict[str, object]]], list[Finding]],
) -> None:
    rows, findings = compiled
    assert findings == []
    for table in ("documents", "actors", "locations", "events", "event_actors", "claims", "evidence"):
        assert rows[table], f"{table} is empty"


def test_document_body_excludes_page_furniture(
    compiled: tuple[dict[str, list[dict[str, object]]], list[Finding]],
) -> None:
    doc = compiled[0]["documents"][0]
    text, start, end = str(doc["text"]), int(str(doc["body_start"])), int(str(doc["body_end"]))
    body = text[start:end]
    assert body.startswith("President flees as gangs go on the rampage in Kyrgyzstan")
    assert body.endswith("issued statements calling for restraint from all sides.")
    assert "Start your day with The Independent" in text[end:]


def test_every_evidence_quote_matches_its_offsets(
    compiled: tuple[dict[str, list[dict[str, object]]], list[Finding]],
) -> None:
    rows, _ = compiled
    text = str(rows["documents"][0]["text"])
    assert rows["evidence"]
    for ev in rows["evidence"]:
        start, end = int(str(ev["start"])), int(str(ev["end"]))
        assert text[start:end] == ev["exact"], ev["evidence_id"]


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "dataset"
    shutil.copytree(DATASET / "sources", root / "sources")
    shutil.copytree(DATASET / "annotations", root / "annotations")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


Corruption = Callable[[Path], None]
CASES: dict[str, tuple[Corruption, str, str, str | None]] = {
    # name: (corruption, rule, file, field)
    "unknown enum value": (
        lambda r: _edit(r / "annotations/actors.yaml", "actor_type: person", "actor_type: wizard"),
        "record.model",
        "annotations/actors.yaml",
        "actor_type",
    ),
    "absent quote": (
        lambda r: _edit(r / "annotations/locations.yaml", "Osh", "Oshkosh"),
        "annotations.quote",
        "annotations/locations.yaml",
        "evidence",
    ),
    "derived column written by hand": (
        lambda r: _edit(r / "annotations/acled_events.yaml", "  event_type:", "  fatalities: 3\n  event_type:"),
        "annotations.derived_column",
        "annotations/acled_events.yaml",
        "fatalities",
    ),
    "malformed YAML": (
        lambda r: (r / "annotations/claims.yaml").write_text("- claim_id: [unclosed\n", encoding="utf-8"),
        "annotations.readable",
        "annotations/claims.yaml",
        None,
    ),
    "coverage sentence edited": (
        lambda r: _edit(r / "annotations/coverage.yaml", "Throughout the day", "Throughout the night"),
        "annotations.coverage",
        "annotations/coverage.yaml",
        "sentence",
    ),
    "alias split at a comma by a YAML flow list": (
        lambda r: _edit(r / "annotations/actors.yaml", '"Around 1,000 protesters"', "Around 1,000 protesters"),
        "annotations.alias_mention",
        "annotations/actors.yaml",
        "aliases",
    ),
    "alias that is a piece of a word": (
        lambda r: _edit(r / "annotations/actors.yaml", "aliases: [Ms Skripkina]", "aliases: [Ms Skripkina, kripk]"),
        "annotations.alias_mention",
        "annotations/actors.yaml",
        "aliases",
    ),
    "alias not in the article": (
        lambda r: _edit(r / "annotations/actors.yaml", "aliases: [Ms Skripkina]", "aliases: [Ms Skripkina, Galya]"),
        "annotations.alias_mention",
        "annotations/actors.yaml",
        "aliases",
    ),
    "event neither coded nor listed as not coded": (
        lambda r: _edit(r / "annotations/not_coded.yaml", "- event_id: evt-talas-unrest", "- event_id: evt-elsewhere"),
        "annotations.scheme_decided",
        "annotations/not_coded.yaml",
        "event_ids",
    ),
    "not-coded entry without a reason": (
        lambda r: _edit(
            r / "annotations/not_coded.yaml",
            "- event_id: evt-talas-unrest\n  reason:",
            "- event_id: evt-talas-unrest\n  why:",
        ),
        "annotations.scheme_decided",
        "annotations/not_coded.yaml",
        None,
    ),
    "source text altered": (
        lambda r: (r / "sources/000_5188a25246f5e958.txt").write_bytes(
            (DATASET / "sources/000_5188a25246f5e958.txt").read_bytes() + b" "
        ),
        "provenance.text_sha256",
        "annotations/document.yaml",
        "text",
    ),
}


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_each_mistake_is_named(tmp_path: Path, name: str) -> None:
    corrupt, rule, file, field = CASES[name]
    root = _copy(tmp_path)
    corrupt(root)
    _, findings = compile_annotations(root)
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"{name}: no {rule} finding among {findings}"
    assert all(f.file == file for f in hits), hits
    assert field is None or any(f.field == field for f in hits), hits


def test_unknown_enum_finding_names_the_record(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root / "annotations/actors.yaml", "actor_type: person", "actor_type: wizard")
    _, findings = compile_annotations(root)
    (hit,) = [f for f in findings if f.rule == "record.model"]
    assert hit.table == "actors" and hit.record_id and hit.record_id.startswith("act-") and hit.value == "wizard"


def test_an_alias_split_at_a_comma_names_both_pieces(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root / "annotations/actors.yaml", '"Around 1,000 protesters"', "Around 1,000 protesters")
    _, findings = compile_annotations(root)
    hits = [f for f in findings if f.rule == "annotations.alias_mention"]
    assert {(f.record_id, f.value) for f in hits} == {
        ("act-protesters", "Around 1"),
        ("act-protesters", "000 protesters"),
    }


@pytest.mark.parametrize(
    ("text", "mention", "whole"),
    [
        ("Around 1,000 protesters came", "Around 1", False),
        ("Around 1,000 protesters came", "000 protesters", False),
        ("Around 1,000 protesters came", "Around 1,000 protesters", True),
        ("the protesters, angry", "protesters", True),
        ("the protesters, angry", "protest", False),
        ("in 2005, after", "2005", True),
        ("(police)", "police", True),
    ],
)
def test_whole_mentions(text: str, mention: str, whole: bool) -> None:
    from kyrgyz_events.annotations.anchor import whole_mentions

    assert bool(whole_mentions(text, (0, len(text)), mention)) is whole


def test_the_card_gives_each_not_coded_event_its_reason_and_each_number_as_stated(tmp_path: Path) -> None:
    from kyrgyz_events.publish.datacard import lookup_tables, schemes_table

    root = _copy(tmp_path)
    _edit(root / "annotations/not_coded.yaml", "  reason: An episode/summary record", "  reason: Edited. An episode")
    rows, findings = compile_annotations(root)
    assert findings == []
    talas = next(line for line in schemes_table(root, rows).splitlines() if line.startswith("| `evt-talas-unrest` |"))
    assert "not coded: Edited." in talas
    numbers = lookup_tables(rows)["{{numbers}}"]
    assert "| over 100 | killed |" in numbers and "| up to 100 | killed |" in numbers
