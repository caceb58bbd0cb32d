"""Every rule by name, with what it checks: the validators', the annotation compiler's and the migrations'.
A finding may only name a rule listed here (:func:`finding` refuses any other)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kyrgyz_events.findings import Finding


@dataclass(frozen=True)
class Rule:
    name: str
    description: str

    @property
    def scope(self) -> str:
        """record, table, cross, provenance, package, annotations or migration: the part before the dot."""
        return self.name.split(".", 1)[0]


_RULES = (
    Rule(
        "package.readable",
        "Every file the descriptor lists exists and can be read: no truncated Parquet, "
        "no malformed JSON line (else the input is unusable).",
    ),
    Rule(
        "package.confined",
        "Every path the descriptor names is relative, has no '..', resolves (symbolic links followed) inside "
        "the package folder and is a regular file; anything else is not opened and makes the input unusable.",
    ),
    Rule(
        "package.limits",
        "Every file is within the documented limits (docs/guarantees.md): descriptor size, JSON Lines line "
        "length and nesting depth, Parquet declared uncompressed size; a file beyond one is not parsed (unusable).",
    ),
    Rule(
        "package.duplicate_key",
        "No JSON object (a JSON Lines record, datapackage.json) holds the same key twice, on which readers "
        "would disagree (unusable).",
    ),
    Rule(
        "package.schema_version",
        "datapackage.json, every resource and every Parquet file declare a schema "
        "version this installation knows, and the same one (an unknown version makes the input unusable).",
    ),
    Rule(
        "package.profile",
        "datapackage.json is valid against the Frictionless Data Package v2 profile "
        "(vendored in kyrgyz_events/validators/profiles, never fetched).",
    ),
    Rule(
        "package.release",
        "datapackage.json says what the release of its schema version defines: the profile URL and, for every "
        "table file, type, format, media type, encoding, description, Table Schema and JSON Schema URL.",
    ),
    Rule(
        "package.files_listed",
        "Every file in the package folder is datapackage.json, a resource, or listed in its x-files with "
        "bytes and sha256 equal to the file's (croissant.json, the data card): no published file goes unchecked.",
    ),
    Rule(
        "package.croissant",
        "A croissant.json in the package is what datapackage.json and the Parquet files yield "
        "(kyrgyz_events.publish.croissant): each differing top-level key is named.",
    ),
    Rule("package.file_integrity", "Every resource's bytes and sha256 hash equal the file's."),
    Rule("package.twin_agreement", "Each table's Parquet file and its JSON Lines twin hold the same rows."),
    Rule(
        "record.columns",
        "A table file has exactly the schema's columns, and Parquet columns have the "
        "schema's types (missing, extra or mistyped columns are named).",
    ),
    Rule(
        "record.json_schema",
        "Every record is valid against schema/<version>/<table>.schema.json: types, "
        "required values, patterns, enums, ranges and lengths.",
    ),
    Rule("table.unique_id", "Primary-key values are unique within their table."),
    Rule("table.date_order", "events.date_end is not before events.date_start."),
    Rule("table.value_range", "claims.value_min is not above claims.value_max."),
    Rule("table.span_order", "evidence.start < evidence.end and documents.body_start < documents.body_end."),
    Rule(
        "table.date_precision",
        "Event dates agree with date_precision: day one day; days 1-6 days apart; "
        "week 6 days apart; month its first to last day; year 1 January to 31 December; unknown no dates; "
        "other precisions both dates.",
    ),
    Rule(
        "table.qualifier_bounds",
        "claims.value_qualifier agrees with value_min/value_max as vocab.py "
        "defines it (exact/approximately: min = max; at_least/more_than: min only; up_to/at_most: max only; "
        "range: both; no qualifier: no values).",
    ),
    Rule("table.no_self_relation", "No actor relation or claim relation links a record to itself."),
    Rule("table.parent_cycle", "Following parent_event_id or parent_location_id never leads back to the start."),
    Rule(
        "cross.reference",
        "Every foreign key resolves: each reference (the finding names it) points at an "
        "existing record, including evidence -> its record and casualty_estimates.claim_ids -> claims.",
    ),
    Rule("cross.evidence_required", "Every actor, location, event and claim has at least one evidence row."),
    Rule(
        "cross.casualty_derivation",
        "casualty_estimates equals a fresh derivation from the claims (kyrgyz_events.derive.casualty_estimates).",
    ),
    Rule(
        "cross.crosswalk",
        "events' ACLED and PLOVER columns equal the crosswalk (models/crosswalk.py) of their event_type.",
    ),
    Rule("provenance.exact", "evidence.exact equals documents.text[start:end], counted in code points."),
    Rule("provenance.context", "evidence.prefix and suffix equal the up-to-32 code points before start and after end."),
    Rule("provenance.in_body", "Every evidence span lies inside its document's body [body_start, body_end)."),
    Rule("provenance.text_sha256", "documents.text_sha256 is the SHA-256 of the UTF-8 bytes of text."),
    # Reported by the annotation compiler (kyrgyz_events.annotations) on the hand-written YAML:
    Rule("annotations.readable", "Every annotation YAML file and source text exists and parses (else unusable)."),
    Rule("record.model", "Every annotated record is valid against its pydantic model (models/tables.py)."),
    Rule("annotations.derived_column", "Annotations do not type columns the build derives."),
    Rule("annotations.quote", "Every quoted evidence string occurs exactly once in the document body."),
    Rule(
        "annotations.alias_mention",
        "Every actor alias is a whole mention in the article body: it occurs there and not only as a piece of "
        'a longer word or number (a YAML flow list splits "Around 1,000 protesters" at its comma).',
    ),
    Rule("annotations.coverage", "coverage.yaml accounts for every sentence of the article body."),
    # Reported by the migrations (kyrgyz_events.evolution.migrations):
    Rule(
        "migration.write",
        "A migrated package's tables can be written with the target schema's types (else nothing is written).",
    ),
    Rule(
        "provenance.sentence_text",
        "sentences (1.1.0+): exact equals text[start:end] of its document and lies inside the article body.",
    ),
    Rule(
        "table.sentence_order",
        "sentences (1.1.0+): a document's sentences are numbered 1..n in text order and do not overlap.",
    ),
    Rule(
        "cross.evidence_sentence",
        "evidence (1.1.0+): a span starts inside the sentence its sentence_id names, in the same document.",
    ),
    Rule(
        "cross.sentence_records",
        "sentences (1.1.0+): record_ids are exactly the records whose evidence starts in the sentence "
        "(the coverage review agrees with the evidence).",
    ),
)

#: Every rule, by name, in the order they run.
RULES: dict[str, Rule] = {r.name: r for r in _RULES}


def finding(rule: str, message: str, **kw: Any) -> Finding:
    """A Finding of a registered rule (a typo in a rule name fails loudly in tests, not silently)."""
    if rule not in RULES:
        raise KeyError(f"unregistered validation rule {rule!r}")
    return Finding(rule=rule, message=message, **kw)


def unusable(rule: str, message: str, **kw: Any) -> Finding:
    """A Finding that makes the input unusable (exit code 2)."""
    return finding(rule, message, unusable=True, **kw)
