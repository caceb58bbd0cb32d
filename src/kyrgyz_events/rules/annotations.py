"""Rules the annotation compiler (``kyrgyz_events.annotations``) reports on the hand-written YAML."""

from __future__ import annotations

from kyrgyz_events.rules.rule import Rule

RULES = (
    Rule("annotations.readable", "Every annotation YAML file and source text exists and parses (else unusable)."),
    Rule("record.model", "Every annotated record is valid against its pydantic model (models/tables.py)."),
    Rule("annotations.derived_column", "Annotations do not type columns the build derives."),
    Rule("annotations.quote", "Every quoted evidence string occurs exactly once in the document body."),
    Rule(
        "annotations.alias_mention",
        "Every actor alias is a whole mention in the article body: it occurs there and not only as a piece of "
        'a longer word or number (a YAML flow list splits "Around 1,000 protesters" at its comma).',
    ),
    Rule(
        "annotations.scheme_decided",
        "For each scheme, every event is coded in its view's YAML (acled_events.yaml, ucdp_events.yaml, "
        "plover_events.yaml) or listed in not_coded.yaml with the reason, never both.",
    ),
    Rule("annotations.coverage", "coverage.yaml accounts for every sentence of the article body."),
)
