"""A small, valid package of every table, written with the project's own publishing code."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import polars as pl

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.derive import casualty_estimates
from kyrgyz_events.publish.package import write_package
from kyrgyz_events.scheme_views import derive_view

HEADER = "Menu | Home | World\n"
BODY = (
    "Protesters stormed the government building in Bishkek on Wednesday, and the president fled the capital. "
    "The health ministry said 40 people were killed; opposition leaders spoke of over 100 dead. "
    "Riot police fired on the crowd in the centre of Bishkek. Between 5,000 and 10,000 people gathered. "
    "Ilkhom Ivanov, a protester, said «we won». "
)
FOOTER = "\nShare this article | Comments"
TEXT = HEADER + BODY + FOOTER
BODY_START, BODY_END = len(HEADER), len(HEADER) + len(BODY)


def _span(quote: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(quote, start + 1)
    return start, start + len(quote)


def _evidence(eid: str, table: str, rid: str, quote: str) -> dict[str, Any]:
    start, end = _span(quote)
    return {
        "evidence_id": eid,
        "document_id": "doc-sample",
        "record_table": table,
        "record_id": rid,
        "start": start,
        "end": end,
        "exact": TEXT[start:end],
        "prefix": TEXT[max(start - 32, 0) : start],
        "suffix": TEXT[end : end + 32],
    }


def _event(
    eid: str, etype: str, summary: str, day: int | None, location: str | None, parent: str | None, **kw: Any
) -> dict[str, Any]:
    date = dt.date(2010, 4, day) if day else None
    return {
        "event_id": eid,
        "document_id": "doc-sample",
        "event_type": etype,
        "summary": summary,
        "date_start": date,
        "date_end": date,
        "date_precision": "day" if day else "unknown",
        "date_expression": "on Wednesday" if day else None,
        "location_id": location,
        "parent_event_id": parent,
        "factuality": kw.get("factuality", "asserted"),
        "note": None,
    }


def _claim(
    cid: str,
    event: str | None,
    claimant: str | None,
    statement: str,
    kind: str | None,
    lo: int | None,
    hi: int | None,
    qualifier: str | None,
    factuality: str = "reported",
    cue: str | None = "said",
) -> dict[str, Any]:
    return {
        "claim_id": cid,
        "document_id": "doc-sample",
        "event_id": event,
        "claimant_actor_id": claimant,
        "reported_via_actor_id": None,
        "claim_type": "quantity" if kind else "occurrence",
        "statement": statement,
        "cue": cue,
        "factuality": factuality,
        "quantity_kind": kind,
        "value_min": lo,
        "value_max": hi,
        "value_qualifier": qualifier,
        "value_expression": None if kind is None else statement,
        "note": None,
    }


def sample_rows() -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                "document_id": "doc-sample",
                "title": "Sample article",
                "subtitle": None,
                "publisher": "Sample Press",
                "published_date": dt.date(2010, 4, 8),
                "published_date_basis": "printed in the dateline",
                "language": "en",
                "url": None,
                "source_file": "000_sample.txt",
                "text": TEXT,
                "text_sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
                "body_start": BODY_START,
                "body_end": BODY_END,
            }
        ],
        "actors": [
            {
                "actor_id": "act-protesters",
                "name": "protesters",
                "actor_type": "crowd",
                "aliases": ["the crowd"],
                "description": None,
                "country_code": "KG",
                "wikidata_id": None,
                "note": None,
            },
            {
                "actor_id": "act-president",
                "name": "the president",
                "actor_type": "person",
                "aliases": [],
                "description": "president",
                "country_code": "KG",
                "wikidata_id": None,
                "note": None,
            },
            {
                "actor_id": "act-health-ministry",
                "name": "the health ministry",
                "actor_type": "government_body",
                "aliases": ["The health ministry"],
                "description": None,
                "country_code": "KG",
                "wikidata_id": None,
                "note": None,
            },
            {
                "actor_id": "act-opposition",
                "name": "opposition leaders",
                "actor_type": "political_group",
                "aliases": [],
                "description": None,
                "country_code": "KG",
                "wikidata_id": None,
                "note": None,
            },
            {
                "actor_id": "act-riot-police",
                "name": "riot police",
                "actor_type": "security_force",
                "aliases": [],
                "description": None,
                "country_code": "KG",
                "wikidata_id": None,
                "note": None,
            },
            {
                "actor_id": "act-ilkhom-ivanov",
                "name": "Ilkhom Ivanov",
                "actor_type": "person",
                "aliases": [],
                "description": "a protester",
                "country_code": "KG",
                "wikidata_id": None,
                "note": None,
            },
        ],
        "locations": [
            {
                "location_id": "loc-kyrgyzstan",
                "name": "Kyrgyzstan",
                "location_type": "country",
                "parent_location_id": None,
                "country_code": "KG",
                "latitude": 41.0,
                "longitude": 75.0,
                "geo_precision": "country",
                "geonames_id": 1527747,
                "wikidata_id": "Q813",
                "note": None,
            },
            {
                "location_id": "loc-bishkek",
                "name": "Bishkek",
                "location_type": "city",
                "parent_location_id": "loc-kyrgyzstan",
                "country_code": "KG",
                "latitude": 42.87,
                "longitude": 74.59,
                "geo_precision": "settlement",
                "geonames_id": 1528675,
                "wikidata_id": "Q9361",
                "note": None,
            },
            {
                "location_id": "loc-bishkek-centre",
                "name": "the centre of Bishkek",
                "location_type": "district",
                "parent_location_id": "loc-bishkek",
                "country_code": "KG",
                "latitude": None,
                "longitude": None,
                "geo_precision": None,
                "geonames_id": None,
                "wikidata_id": None,
                "note": None,
            },
        ],
        "events": [
            _event("evt-uprising", "episode", "An uprising in Bishkek.", 7, "loc-bishkek", None),
            _event(
                "evt-storming",
                "storming",
                "Protesters stormed the government building.",
                7,
                "loc-bishkek",
                "evt-uprising",
            ),
            _event("evt-flight", "flight", "The president fled the capital.", 7, "loc-bishkek", "evt-uprising"),
            _event(
                "evt-shooting",
                "shooting",
                "Riot police fired on the crowd.",
                None,
                "loc-bishkek-centre",
                "evt-uprising",
            ),
        ],
        "actor_relations": [
            {
                "actor_id": "act-ilkhom-ivanov",
                "related_actor_id": "act-protesters",
                "relation": "member_of",
                "title": None,
            },
        ],
        "event_actors": [
            {"event_id": "evt-storming", "actor_id": "act-protesters", "role": "agent"},
            {"event_id": "evt-flight", "actor_id": "act-president", "role": "subject"},
            {"event_id": "evt-shooting", "actor_id": "act-riot-police", "role": "agent"},
            {"event_id": "evt-shooting", "actor_id": "act-protesters", "role": "target"},
        ],
        "claims": [
            _claim(
                "clm-ministry-40-killed",
                "evt-uprising",
                "act-health-ministry",
                "40 people were killed",
                "killed",
                40,
                40,
                "exact",
            ),
            _claim(
                "clm-opposition-over-100",
                "evt-uprising",
                "act-opposition",
                "over 100 dead",
                "killed",
                101,
                None,
                "more_than",
                cue="spoke of",
            ),
            _claim("clm-we-won", "evt-uprising", "act-ilkhom-ivanov", "we won", None, None, None, None),
            _claim(
                "clm-crowd-size",
                "evt-uprising",
                None,
                "Between 5,000 and 10,000 people",
                "participants",
                5000,
                10000,
                "range",
                factuality="asserted",
                cue=None,
            ),
        ],
        "claim_relations": [
            {
                "claim_id": "clm-opposition-over-100",
                "related_claim_id": "clm-ministry-40-killed",
                "relation": "contradicts",
            },
        ],
        "evidence": [
            _evidence("evd-protesters", "actors", "act-protesters", "Protesters"),
            _evidence("evd-the-crowd", "actors", "act-protesters", "the crowd"),
            _evidence("evd-president", "actors", "act-president", "the president"),
            _evidence("evd-health-ministry", "actors", "act-health-ministry", "The health ministry"),
            _evidence("evd-opposition", "actors", "act-opposition", "opposition leaders"),
            _evidence("evd-riot-police", "actors", "act-riot-police", "Riot police"),
            _evidence("evd-ilkhom-ivanov", "actors", "act-ilkhom-ivanov", "Ilkhom Ivanov, a protester"),
            _evidence("evd-kyrgyzstan", "locations", "loc-kyrgyzstan", "Bishkek"),
            _evidence("evd-bishkek", "locations", "loc-bishkek", "in Bishkek"),
            _evidence("evd-bishkek-centre", "locations", "loc-bishkek-centre", "the centre of Bishkek"),
            _evidence("evd-uprising", "events", "evt-uprising", "Protesters stormed the government building"),
            _evidence("evd-storming", "events", "evt-storming", "stormed the government building in Bishkek"),
            _evidence("evd-flight", "events", "evt-flight", "the president fled the capital"),
            _evidence("evd-shooting", "events", "evt-shooting", "Riot police fired on the crowd"),
            _evidence(
                "evd-ministry-40", "claims", "clm-ministry-40-killed", "The health ministry said 40 people were killed"
            ),
            _evidence(
                "evd-opposition-100", "claims", "clm-opposition-over-100", "opposition leaders spoke of over 100 dead"
            ),
            _evidence("evd-we-won", "claims", "clm-we-won", "Ilkhom Ivanov, a protester, said «we won»"),
            _evidence("evd-crowd-size", "claims", "clm-crowd-size", "Between 5,000 and 10,000 people"),
        ],
    }
    rows["claims"][2]["reported_via_actor_id"] = "act-protesters"
    claims = pl.DataFrame(rows["claims"], schema_overrides={"value_min": pl.Int64, "value_max": pl.Int64})
    rows["casualty_estimates"] = casualty_estimates(claims).to_dicts()
    if "sentences" in load_specs(SCHEMA_VERSION):
        _add_sentences(rows)
    if "acled_events" in load_specs(SCHEMA_VERSION):
        _add_scheme_views(rows)
    return rows


def _add_scheme_views(rows: dict[str, list[dict[str, Any]]]) -> None:
    """One row of each scheme view (schema 2.0.0+), its derived columns filled by the project's code."""
    doc = {"document_id": "doc-sample", "note": None}
    annotated = {
        "acled_events": [
            {**doc, "acled_event_id": "acl-bishkek-storming", "event_ids": ["evt-storming"], "event_type": "Riots",
             "sub_event_type": "Violent demonstration", "actor1": "Rioters (Kyrgyzstan)", "assoc_actor_1": None,
             "inter1": 5, "actor2": None, "assoc_actor_2": None, "inter2": 0, "civilian_targeting": None,
             "notes": "Protesters stormed the government building in Bishkek."},
        ],
        "ucdp_events": [
            {**doc, "ucdp_event_id": "ucd-uprising", "event_ids": ["evt-uprising"], "type_of_violence": 3,
             "side_a": "Government of Kyrgyzstan", "side_b": "Civilians", "event_clarity": 2, "deaths_a": 0,
             "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 40, "best": 40},
        ],
        "plover_events": [
            {**doc, "event_id": "evt-storming", "event_type": "PROTEST", "mode": "riot", "context": []},
            {**doc, "event_id": "evt-flight", "event_type": "RETREAT", "mode": None, "context": []},
            {**doc, "event_id": "evt-shooting", "event_type": "ASSAULT", "mode": "firearms", "context": []},
        ],
    }  # fmt: skip
    for table, entries in annotated.items():
        rows[table] = []
        for row, problem in derive_view(table, entries, rows):
            assert problem is None, problem
            rows[table].append(row)


def _add_sentences(rows: dict[str, list[dict[str, Any]]]) -> None:
    """The body's sentences (schema 1.1.0+), each evidence row's sentence, and each sentence's records."""
    sentences, start = [], BODY_START
    for n, match in enumerate(re.finditer(r"\S.*?[.!?](?= |$)", BODY), 1):
        start, end = BODY_START + match.start(), BODY_START + match.end()
        sentences.append(
            {
                "sentence_id": f"sen-sample-{n:03d}",
                "document_id": "doc-sample",
                "position": n,
                "part": "story",
                "start": start,
                "end": end,
                "exact": TEXT[start:end],
                "record_ids": [],
                "no_record_reason": None,
            }
        )
    for ev in rows["evidence"]:
        sentence = next(s for s in sentences if s["start"] <= ev["start"] < s["end"])
        ev["sentence_id"] = sentence["sentence_id"]
        if ev["record_id"] not in sentence["record_ids"]:
            sentence["record_ids"].append(ev["record_id"])
    for sentence in sentences:
        sentence["no_record_reason"] = None if sentence["record_ids"] else "cites no record"
    rows["sentences"] = sentences


METADATA: dict[str, Any] = {
    "name": "kyrgyz-events-sample",
    "title": "A small sample package for tests",
    "version": DATASET_VERSION,
    "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
}


def write_sample(out: Path) -> Path:
    """Write the sample package into ``out`` and return ``out``."""
    write_package(out, load_specs(SCHEMA_VERSION), sample_rows(), METADATA)
    return out
