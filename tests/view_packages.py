"""Packages the viewer tests run on, besides the published one and a synthetic one: a *hostile* package,
the sample package (tests/faults/sample.py) with markup, script, astral characters and a CR LF written into
its text and records, so the page must escape everything and count offsets in code points, not UTF-16."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from faults.sample import BODY_START, METADATA, sample_rows

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.models import QUOTE_CONTEXT
from kyrgyz_events.publish.package import write_package

#: Inserted at the start of the body. U+1F642 and U+1D518 are outside the BMP: two UTF-16 units, one code point each.
HOSTILE = "🙂 <script>window.pwned = 1</script> &amp; 𝔘\r\nΩ <b>bold</b> "
SCRIPT_SUMMARY = '<img src="x" onerror="window.pwned = 2">'
SCRIPT_NAME = "<script>window.pwned = 3</script>"


def _shift(rows: list[dict[str, Any]], by: int) -> None:
    for row in rows:
        for key in ("start", "end"):
            if row[key] >= BODY_START:
                row[key] += by


def hostile_rows() -> dict[str, list[dict[str, Any]]]:
    rows = sample_rows()
    doc = rows["documents"][0]
    text = str(doc["text"])
    text = text[:BODY_START] + HOSTILE + text[BODY_START:]
    doc["text"] = text
    doc["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc["body_end"] += len(HOSTILE)
    doc["title"] = "<b>not bold</b> & " + str(doc["title"])
    _shift(rows["evidence"], len(HOSTILE))
    _shift(rows["sentences"], len(HOSTILE))
    actor = rows["actors"][0]
    location = rows["locations"][0]
    actor["name"] = SCRIPT_NAME
    rows["events"][0]["summary"] = SCRIPT_SUMMARY
    first = rows["sentences"][0]
    first["start"] = BODY_START
    first["exact"] = text[first["start"] : first["end"]]

    def span(eid: str, table: str, rid: str, start: int, end: int) -> dict[str, Any]:
        return {
            "evidence_id": eid,
            "document_id": doc["document_id"],
            "record_table": table,
            "record_id": rid,
            "start": start,
            "end": end,
            "exact": text[start:end],
            "prefix": text[max(start - QUOTE_CONTEXT, 0) : start],
            "suffix": text[end : end + QUOTE_CONTEXT],
            "sentence_id": first["sentence_id"],
        }

    script_at = BODY_START + HOSTILE.index("<script>")
    crlf_at = BODY_START + HOSTILE.index("\r\n")
    rows["evidence"] += [  # two crossing spans over the astral characters, the script and the CR LF
        span("evd-hostile-1", "actors", str(actor["actor_id"]), BODY_START, script_at + 8),
        span("evd-hostile-2", "locations", str(location["location_id"]), script_at, crlf_at + 4),
    ]
    for ev in rows["evidence"]:
        ev["prefix"], ev["suffix"] = (
            text[max(ev["start"] - QUOTE_CONTEXT, 0) : ev["start"]],
            text[ev["end"] : ev["end"] + QUOTE_CONTEXT],
        )
    for rid in (actor["actor_id"], location["location_id"]):
        if rid not in first["record_ids"]:
            first["record_ids"].append(rid)
    return rows


def write_hostile(out: Path) -> Path:
    write_package(out, load_specs(SCHEMA_VERSION), hostile_rows(), METADATA)
    return out
