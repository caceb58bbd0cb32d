"""The coverage review: every body sentence, in order, with the records it gave rise to or why none."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from kyrgyz_events.findings import Finding
from kyrgyz_events.models import TABLES
from kyrgyz_events.rules import finding

FILE = "annotations/coverage.yaml"


def _ids(rows: dict[str, list[dict[str, Any]]]) -> set[str]:
    ids: set[str] = set()
    for table, model in TABLES.items():
        if len(model.primary_key) == 1:
            ids.update(str(r[model.primary_key[0]]) for r in rows.get(table, []))
    return ids


def check_coverage(
    entries: list[Any], text: str, body: tuple[int, int], rows: dict[str, list[dict[str, Any]]]
) -> list[Finding]:
    """Sentences must tile the body in order (only whitespace between them); every id must exist; a
    sentence with no records must say why."""
    found: list[Finding] = []

    def bad(message: str, n: int, value: Any = None, field: str | None = None) -> None:
        found.append(
            finding(
                "annotations.coverage",
                message,
                table="coverage",
                record_id=f"sentence-{n}",
                field=field,
                value=value,
                file=FILE,
            )
        )

    known = _ids(rows)
    pos = body[0]
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("sentence"), str):
            bad("entry must be a mapping with a `sentence` string", n, entry)
            continue
        sentence = entry["sentence"]
        at = text.find(sentence, pos, body[1])
        if at == -1:
            bad("sentence is not the next text of the body (missing, edited or out of order)", n, sentence, "sentence")
            continue
        if text[pos:at].strip():
            bad(f"body text before this sentence is not covered: {text[pos:at].strip()!r}", n, sentence, "sentence")
        pos = at + len(sentence)
        records = entry.get("records") or []
        if not isinstance(records, list) or not all(isinstance(r, str) for r in records):
            bad("`records` must be a list of record ids", n, records, "records")
            continue
        for rid in records:
            if rid not in known:
                bad(f"names a record that does not exist: {rid}", n, rid, "records")
        if not records and not entry.get("reason"):
            bad("a sentence with no records must give a `reason`", n, sentence, "reason")
    if text[pos : body[1]].strip():
        found.append(
            finding(
                "annotations.coverage",
                f"body text after the last sentence is not covered: {text[pos : body[1]].strip()[:80]!r}",
                table="coverage",
                file=FILE,
            )
        )
    return found


def coverage_rows(entries: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    """(number, sentence, records-or-reason) for the data card's coverage table."""
    out = []
    for n, e in enumerate(entries, 1):
        records = ", ".join(f"`{r}`" for r in e.get("records") or [])
        out.append((n, str(e["sentence"]), records or f"— {e.get('reason', '')}"))
    return out


def _part(start: int, end: int, document: dict[str, Any]) -> str:
    text, body_start = str(document["text"]), int(document["body_start"])
    title, subtitle = str(document["title"]), document["subtitle"]
    if text.startswith(title, body_start) and end <= body_start + len(title):
        return "headline"
    if subtitle:
        at = text.find(str(subtitle), body_start, int(document["body_end"]))
        if at != -1 and at <= start and end <= at + len(str(subtitle)):
            return "standfirst"
    return "story"


def sentence_rows(entries: list[dict[str, Any]], document: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the ``sentences`` table from a coverage review that ``check_coverage`` accepted."""
    text, pos = str(document["text"]), int(document["body_start"])
    slug = str(document["document_id"]).removeprefix("doc-")
    rows = []
    for n, entry in enumerate(entries, 1):
        sentence = str(entry["sentence"])
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        records = [str(r) for r in entry.get("records") or []]
        rows.append(
            {
                "sentence_id": f"sen-{slug}-{n:03d}",
                "document_id": document["document_id"],
                "position": n,
                "part": _part(start, pos, document),
                "start": start,
                "end": pos,
                "exact": sentence,
                "record_ids": records,
                "no_record_reason": None if records else entry.get("reason"),
            }
        )
    return rows


def sentence_of(starts: list[int], ends: list[int], ids: list[str], offset: int) -> str | None:
    """The id of the sentence whose span holds ``offset`` (sentences sorted by start), or None."""
    i = bisect_right(starts, offset) - 1
    return ids[i] if i >= 0 and offset < ends[i] else None
