"""Write the invalid example records under ``schema/<version>/examples/`` from the valid ones.

The valid cases (``<table>/valid-*.json``) are written by hand. Every invalid case is one valid case (the
table's ``BASE`` unless the mutation names another) with exactly ONE change: a column set to a bad value,
a column dropped, or an unknown column added; its file name and description say which. Only defects that
one record's JSON Schema can state belong here: rules across columns or tables are the validators' job.

Each file is a python-jsonschema style conformance case: ``{"description", "data", "valid"}``.

    python scripts/make_examples.py          # (re)write the invalid cases, drop stale ones
    python scripts/make_examples.py --check  # exit 1 if a committed invalid case differs
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kyrgyz_events._version import SCHEMA_VERSION  # noqa: E402

EXAMPLES = ROOT / "schema" / SCHEMA_VERSION / "examples"

#: The valid case each table's invalid cases are derived from.
BASE = {
    "documents": "valid-full",
    "sentences": "valid-story",
    "actors": "valid-person",
    "locations": "valid-city",
    "events": "valid-dated-clash",
    "actor_relations": "valid-official-of-with-title",
    "event_actors": "valid-agent",
    "claims": "valid-quantity-exact",
    "claim_relations": "valid-contradicts",
    "evidence": "valid-event-span",
    "casualty_estimates": "valid-closed-range",
    "acled_events": "valid-riot-with-fatalities",
    "ucdp_events": "valid-one-sided-violence",
    "plover_events": "valid-protest-riot",
}

_DROP = object()


@dataclass(frozen=True)
class Mutation:
    """One defect: ``column`` set to ``value`` (or dropped when ``value`` is ``_DROP``)."""

    table: str
    name: str  # the file name without "invalid-" and ".json"
    why: str
    column: str
    value: Any
    base: str | None = None  # the valid case to change; BASE[table] when None

    @property
    def base_case(self) -> str:
        return self.base or BASE[self.table]

    def apply(self, record: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(record)
        if self.value is _DROP:
            del out[self.column]
        else:
            out[self.column] = self.value
        return out

    def change(self, record: dict[str, Any]) -> str:
        if self.value is _DROP:
            return f"removes the required column {self.column}"
        if self.column not in record:
            return f"adds the unknown column {self.column}"
        return f"sets {self.column} to {json.dumps(self.value, ensure_ascii=False)}"


def bad(table: str, column: str, defect: str, value: Any, why: str, base: str | None = None) -> Mutation:
    return Mutation(table, f"{column}-{defect}", why, column, value, base)


def unknown(table: str, column: str, value: Any) -> Mutation:
    return Mutation(
        table, f"unknown-{column}", f"{value!r} is not a value of the closed {column} vocabulary", column, value
    )


def missing(table: str, column: str) -> Mutation:
    return Mutation(
        table, f"missing-{column}", f"every column is a required key, and {column} is absent", column, _DROP
    )


LONG = "a" * 93  # "xxx-" + 93 characters = 97 > maxLength 96

COMMON = [
    Mutation(table, "extra-column", "the record is closed: an unknown column is not allowed", "comment", "hi")
    for table in BASE
]

MUTATIONS: list[Mutation] = [
    *COMMON,
    # documents
    missing("documents", "document_id"),
    missing("documents", "url"),
    bad("documents", "document_id", "pattern", "doc_Independent", "ids are lowercase words joined by '-'"),
    bad("documents", "document_id", "wrong-prefix", "evt-independent-kyrgyzstan-2010", "a document id starts 'doc-'"),
    bad("documents", "published_date", "not-a-date", "8 April 2010", "published_date must be an ISO 8601 date"),
    bad("documents", "published_date", "impossible-day", "2010-02-30", "30 February does not exist"),
    bad("documents", "published_date", "datetime", "2010-04-08T09:00:00Z", "a date, not a date-time"),
    bad("documents", "published_date", "null", None, "published_date is not nullable"),
    bad("documents", "language", "not-bcp47", "English", "language must be a BCP 47 tag such as 'en'"),
    bad("documents", "text_sha256", "uppercase", "A" * 64, "the hash is lowercase hex"),
    bad("documents", "text_sha256", "too-short", "abc123", "a SHA-256 hex digest has 64 characters"),
    bad("documents", "body_start", "negative", -1, "offsets are 0 or more"),
    bad("documents", "body_start", "string", "0", "offsets are JSON integers, not strings"),
    bad("documents", "body_end", "zero", 0, "body_end is exclusive, so at least 1"),
    bad("documents", "title", "empty", "", "title must not be empty"),
    bad("documents", "text", "null", None, "text is not nullable"),
    # actors
    missing("actors", "actor_id"),
    missing("actors", "wikidata_id"),
    bad("actors", "actor_id", "pattern", "act-Kurmanbek-Bakiyev", "ids are lowercase"),
    bad("actors", "actor_id", "trailing-hyphen", "act-bakiyev-", "ids do not end with '-'"),
    bad("actors", "actor_id", "too-long", f"act-{LONG}", "ids are at most 96 characters"),
    bad("actors", "actor_id", "row-number", "17", "ids are human-readable, never row numbers"),
    unknown("actors", "actor_type", "rebel_group"),
    bad("actors", "actor_type", "null", None, "actor_type is not nullable"),
    bad("actors", "aliases", "null", None, "aliases is a list, empty when there are none, never null"),
    bad("actors", "aliases", "string", "Mr Bakiyev", "aliases is a list of strings, not a string"),
    bad("actors", "aliases", "empty-item", ["Mr Bakiyev", ""], "an alias is a non-empty string"),
    bad("actors", "country_code", "alpha-3", "KGZ", "country_code is ISO 3166-1 alpha-2, not alpha-3"),
    bad("actors", "country_code", "lowercase", "kg", "country_code is two uppercase letters"),
    bad("actors", "country_code", "numeric", "417", "country_code is alpha-2, not the numeric code"),
    bad("actors", "wikidata_id", "no-q", "312908", "a Wikidata item id starts with 'Q'"),
    bad("actors", "wikidata_id", "leading-zero", "Q0312908", "a Wikidata item id has no leading zero"),
    # locations
    missing("locations", "latitude"),
    bad("locations", "latitude", "above-90", 90.0001, "WGS84 latitude is at most 90"),
    bad("locations", "latitude", "below-minus-90", -90.5, "WGS84 latitude is at least -90"),
    bad("locations", "longitude", "above-180", 180.01, "WGS84 longitude is at most 180"),
    bad("locations", "longitude", "below-minus-180", -181, "WGS84 longitude is at least -180"),
    bad("locations", "latitude", "string", "42.87", "coordinates are JSON numbers, not strings"),
    bad("locations", "latitude", "boolean", True, "a boolean is not a number"),
    unknown("locations", "location_type", "village"),
    unknown("locations", "geo_precision", "exact"),
    bad("locations", "geonames_id", "zero", 0, "GeoNames ids start at 1"),
    bad("locations", "geonames_id", "fraction", 1528675.5, "a GeoNames id is an integer"),
    bad("locations", "parent_location_id", "wrong-prefix", "evt-kyrgyzstan", "a location reference starts 'loc-'"),
    bad("locations", "wikidata_id", "property-id", "P9361", "a Wikidata item id starts with 'Q', not 'P'"),
    bad("locations", "country_code", "lowercase", "kg", "country_code is two uppercase letters"),
    bad("locations", "name", "empty", "", "name must not be empty"),
    # events
    missing("events", "event_id"),
    missing("events", "date_end"),
    bad("events", "event_id", "pattern", "evt_bishkek_clashes", "ids join lowercase words with '-', not '_'"),
    bad("events", "event_id", "wrong-prefix", "act-bishkek-clashes", "an event id starts 'evt-'"),
    unknown("events", "event_type", "battle"),
    bad("events", "event_type", "null", None, "event_type is not nullable"),
    bad("events", "date_start", "not-a-date", "yesterday", "the words go in date_expression; date_start is ISO"),
    bad("events", "date_start", "day-first", "07/04/2010", "dates are ISO 8601 (YYYY-MM-DD)"),
    bad("events", "date_start", "compact", "20100407", "dates are ISO 8601 extended format, with '-'"),
    bad("events", "date_end", "impossible-day", "2010-04-31", "31 April does not exist"),
    bad("events", "date_end", "not-leap-year", "2010-02-29", "2010 is not a leap year", "valid-leap-day-month"),
    unknown("events", "date_precision", "hour"),
    unknown("events", "factuality", "certain"),
    bad("events", "summary", "empty", "", "summary must not be empty"),
    bad("events", "date_expression", "empty", "", "date_expression is null or non-empty"),
    bad("events", "document_id", "wrong-prefix", "loc-independent", "a document reference starts 'doc-'"),
    bad("events", "location_id", "wrong-prefix", "act-bishkek", "a location reference starts 'loc-'"),
    # actor_relations
    missing("actor_relations", "related_actor_id"),
    missing("actor_relations", "title"),
    unknown("actor_relations", "relation", "ally_of"),
    bad("actor_relations", "relation", "null", None, "relation is not nullable"),
    bad("actor_relations", "actor_id", "pattern", "act-Zainidin-Kurmanov", "ids are lowercase"),
    bad("actor_relations", "related_actor_id", "wrong-prefix", "loc-kyrgyz-parliament", "an actor id starts 'act-'"),
    bad("actor_relations", "title", "empty", "", "title is null or non-empty"),
    # event_actors
    missing("event_actors", "role"),
    unknown("event_actors", "role", "perpetrator"),
    bad("event_actors", "role", "uppercase", "AGENT", "role values are lowercase"),
    bad("event_actors", "role", "null", None, "role is not nullable"),
    bad("event_actors", "event_id", "wrong-prefix", "clm-bishkek-clashes", "an event reference starts 'evt-'"),
    bad("event_actors", "actor_id", "pattern", "act--protesters", "ids have no empty word"),
    # claims
    missing("claims", "claim_id"),
    missing("claims", "note"),
    bad("claims", "claim_id", "pattern", "clm-Health-Ministry", "ids are lowercase"),
    bad("claims", "claimant_actor_id", "wrong-prefix", "evt-health-ministry", "an actor reference starts 'act-'"),
    bad("claims", "value_min", "negative", -1, "bounds of a count are 0 or more", "valid-quantity-more-than"),
    bad("claims", "value_max", "negative", -40, "bounds of a count are 0 or more", "valid-quantity-up-to"),
    bad("claims", "value_min", "fraction", 100.5, "bounds are integers", "valid-quantity-more-than"),
    bad("claims", "value_min", "string", "101", "bounds are JSON integers, not strings", "valid-quantity-more-than"),
    unknown("claims", "value_qualifier", "roughly"),
    unknown("claims", "quantity_kind", "injured"),
    unknown("claims", "claim_type", "rumour"),
    unknown("claims", "factuality", "true"),
    bad("claims", "statement", "empty", "", "statement must not be empty"),
    bad("claims", "statement", "null", None, "statement is not nullable"),
    bad("claims", "cue", "empty", "", "cue is null or non-empty"),
    # claim_relations
    missing("claim_relations", "relation"),
    unknown("claim_relations", "relation", "refutes"),
    bad("claim_relations", "claim_id", "pattern", "clm-health ministry", "ids contain no spaces"),
    bad(
        "claim_relations",
        "related_claim_id",
        "wrong-prefix",
        "evt-opposition-over-100-dead",
        "a claim id starts 'clm-'",
    ),
    # evidence
    missing("evidence", "exact"),
    missing("evidence", "sentence_id"),
    bad("evidence", "sentence_id", "wrong-prefix", "evt-bishkek-clashes", "a sentence id starts with 'sen-'"),
    missing("sentences", "record_ids"),
    bad("sentences", "sentence_id", "pattern", "sen-", "an id has at least one word after the prefix"),
    bad("sentences", "position", "zero", 0, "positions count from 1"),
    bad("sentences", "position", "string", "21", "a position is a JSON integer, not a string"),
    unknown("sentences", "part", "byline"),
    bad("sentences", "start", "negative", -1, "offsets are 0 or more"),
    bad("sentences", "exact", "empty", "", "a sentence has at least one character"),
    bad(
        "sentences",
        "record_ids",
        "not-a-record",
        ["doc-independent-kyrgyzstan-2010"],
        "record_ids name actors, locations, events or claims",
    ),
    bad("sentences", "record_ids", "null", None, "record_ids is a list, empty when none"),
    bad("sentences", "no_record_reason", "empty", "", "a reason, when given, is not empty"),
    bad("evidence", "evidence_id", "pattern", "evd-", "an id has at least one word after the prefix"),
    bad("evidence", "start", "negative", -1, "offsets are 0 or more"),
    bad("evidence", "start", "string", "58", "offsets are JSON integers, not strings"),
    bad("evidence", "end", "zero", 0, "end is exclusive, so at least 1"),
    bad("evidence", "end", "null", None, "end is not nullable"),
    unknown("evidence", "record_table", "documents"),
    bad(
        "evidence",
        "record_id",
        "wrong-prefix",
        "doc-independent-kyrgyzstan-2010",
        "records are actors, locations, events or claims",
    ),
    bad("evidence", "exact", "empty", "", "a span quotes at least one character"),
    bad("evidence", "prefix", "too-long", "x" * 33, "prefix is at most 32 code points"),
    bad("evidence", "suffix", "too-long", "y" * 33, "suffix is at most 32 code points"),
    bad("evidence", "prefix", "null", None, "prefix is a string, empty at the start of the text, never null"),
    # casualty_estimates
    missing("casualty_estimates", "high_unbounded"),
    missing("casualty_estimates", "approximate"),
    # the scheme views (2.0.0)
    bad("acled_events", "event_type", "lowercase", "riots", "ACLED event types are spelt as in the codebook"),
    unknown("acled_events", "sub_event_type", "Street battle"),
    bad("acled_events", "inter1", "zero", 0, "actor1 always has a type: inter1 is 1 to 8"),
    bad("acled_events", "time_precision", "four", 4, "ACLED time_precision is 1, 2 or 3"),
    bad("acled_events", "event_ids", "empty", [], "an ACLED event stands for at least one of our events"),
    bad("acled_events", "civilian_targeting", "yes", "yes", 'civilian_targeting is "Civilian targeting" or empty'),
    bad("ucdp_events", "best", "zero", 0, "UCDP GED codes events with at least one death"),
    bad("ucdp_events", "type_of_violence", "four", 4, "UCDP type_of_violence is 1, 2 or 3"),
    unknown("plover_events", "event_type", "REQUEST"),
    bad("plover_events", "event_type", "lowercase", "protest", "PLOVER event types are upper case"),
    unknown("plover_events", "mode", "rampage"),
    bad("plover_events", "context", "unknown", ["protest"], "contexts are the manual's"),
    bad("casualty_estimates", "event_id", "pattern", "evt-Bishkek", "ids are lowercase"),
    unknown("casualty_estimates", "quantity_kind", "dead"),
    bad("casualty_estimates", "low", "negative", -1, "a count is 0 or more"),
    bad("casualty_estimates", "high", "fraction", 99.5, "a count is an integer"),
    bad("casualty_estimates", "high_unbounded", "null", None, "high_unbounded is true or false, never null"),
    bad("casualty_estimates", "high_unbounded", "string", "false", "high_unbounded is a JSON boolean"),
    bad("casualty_estimates", "high_unbounded", "integer", 0, "an integer is not a boolean"),
    bad("casualty_estimates", "claim_ids", "empty", [], "a range is derived from at least one claim"),
    bad("casualty_estimates", "claim_ids", "string", "clm-health-ministry-killed-40", "claim_ids is a list"),
    bad(
        "casualty_estimates", "claim_ids", "bad-id", ["clm-health-ministry-killed-40", "40"], "each item is a claim id"
    ),
]


def dump(case: dict[str, Any]) -> str:
    return json.dumps(case, indent=2, ensure_ascii=False) + "\n"


def expected_invalid_cases(examples: Path = EXAMPLES) -> dict[Path, str]:
    """File -> content of every invalid case, derived from the committed valid cases."""
    out: dict[Path, str] = {}
    for m in MUTATIONS:
        base_file = examples / m.table / f"{m.base_case}.json"
        record = json.loads(base_file.read_text(encoding="utf-8"))["data"]
        if m.value is _DROP and m.column not in record:
            raise ValueError(f"{m.table}/{m.name}: {m.base_case} has no column {m.column} to remove")
        if m.value is not _DROP and m.column in record and json.dumps(record[m.column]) == json.dumps(m.value):
            raise ValueError(f"{m.table}/{m.name}: the mutation does not change {m.column}")
        path = examples / m.table / f"invalid-{m.name}.json"
        if path in out:
            raise ValueError(f"{m.table}/{m.name}: two mutations have the same name")
        description = f"Invalid: {m.why}. Derived from {m.base_case} by one change: {m.change(record)}."
        out[path] = dump({"description": description, "data": m.apply(record), "valid": False})
    return out


def stale_invalid_cases(examples: Path = EXAMPLES) -> list[Path]:
    expected = expected_invalid_cases(examples)
    return sorted(p for p in examples.glob("*/invalid-*.json") if p not in expected)


def drifted(examples: Path = EXAMPLES) -> list[Path]:
    """Invalid cases that are missing, differ from their derivation, or are no longer derived."""
    changed = [
        p for p, text in expected_invalid_cases(examples).items() if not p.is_file() or p.read_text("utf-8") != text
    ]
    return sorted(changed + stale_invalid_cases(examples))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report drift instead of writing")
    args = parser.parse_args(argv)
    if args.check:
        bad_files = drifted()
        for p in bad_files:
            print(f"{p.relative_to(ROOT)}: differs from its derivation; run python scripts/make_examples.py")
        return 1 if bad_files else 0
    for p in stale_invalid_cases():
        p.unlink()
        print(f"removed {p.relative_to(ROOT)}")
    for p, text in expected_invalid_cases().items():
        if not p.is_file() or p.read_text("utf-8") != text:
            p.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
