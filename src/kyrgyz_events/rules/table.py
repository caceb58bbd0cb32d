"""Rules within one table: unique keys, column order rules, date precision, qualifier bounds and
self-relations, in SQL; parent cycles are followed in Python (``validators.host_rules``)."""

from __future__ import annotations

from collections.abc import Callable

from kyrgyz_events.rules.rule import Query, Rule, Specs, ident


def _unique_id(specs: Specs) -> list[Query]:
    out = []
    for name, spec in specs.items():
        key = spec.primary_key
        cols = ", ".join(ident(k, "s") for k in key)
        present = " AND ".join(f"{ident(k)} IS NOT NULL" for k in key)
        field = key[-1]
        out.append(
            Query(
                "table.unique_id",
                name,
                field,
                "primary key is not unique",
                where=f"{present} AND __copies > 1",
                value=field,
                columns=(f"COUNT(*) OVER (PARTITION BY {cols}) AS __copies",),
            )
        )
    return out


def _row_rule(rule: str, *checks: tuple[str, str, str, str]) -> Callable[[Specs], list[Query]]:
    """A rule of conditions on single rows: each check (table, field, failing condition, message) runs on
    its table where the package has it."""

    def queries(specs: Specs) -> list[Query]:
        return [
            Query(rule, table, field, message, where=where, value=field)
            for table, field, where, message in checks
            if table in specs
        ]

    return queries


_START, _END, _P = '"date_start"', '"date_end"', '"date_precision"'
#: date_precision -> the condition its dates must meet (both dates present, date_end not before date_start)
_PRECISION = {
    "day": f"{_END} = {_START}",
    "days": f"{_END} > {_START} AND {_END} <= {_START} + INTERVAL '6 day'",
    "week": f"{_END} = {_START} + INTERVAL '6 day'",
    "month": f"EXTRACT(DAY FROM {_START}) = 1 AND EXTRACT(DAY FROM {_END} + INTERVAL '1 day') = 1 "
    f"AND EXTRACT(YEAR FROM {_END}) = EXTRACT(YEAR FROM {_START}) "
    f"AND EXTRACT(MONTH FROM {_END}) = EXTRACT(MONTH FROM {_START})",
    "year": f"EXTRACT(DOY FROM {_START}) = 1 AND EXTRACT(YEAR FROM {_END}) = EXTRACT(YEAR FROM {_START}) "
    f"AND EXTRACT(MONTH FROM {_END}) = 12 AND EXTRACT(DAY FROM {_END}) = 31",
}
_DATE_PRECISION = (
    f"{_P} IS NOT NULL AND CASE WHEN {_P} = 'unknown' THEN NOT ({_START} IS NULL AND {_END} IS NULL) "
    f"WHEN {_START} IS NULL OR {_END} IS NULL THEN TRUE "
    f"WHEN {_END} < {_START} THEN FALSE "  # reported by table.date_order
    + "".join(f"WHEN {_P} = '{p}' THEN NOT ({ok}) " for p, ok in _PRECISION.items())
    + "ELSE FALSE END"
)

_Q, _LO, _HI = '"value_qualifier"', '"value_min"', '"value_max"'
_QUALIFIER_BOUNDS = (
    f"CASE WHEN {_Q} IS NULL THEN NOT ({_LO} IS NULL AND {_HI} IS NULL) "
    f"WHEN {_Q} IN ('exact', 'approximately') THEN NOT ({_LO} IS NOT NULL AND {_HI} IS NOT NULL AND {_LO} = {_HI}) "
    f"WHEN {_Q} IN ('at_least', 'more_than') THEN NOT ({_LO} IS NOT NULL AND {_HI} IS NULL) "
    f"WHEN {_Q} IN ('up_to', 'at_most') THEN NOT ({_LO} IS NULL AND {_HI} IS NOT NULL) "
    f"WHEN {_Q} = 'range' THEN NOT ({_LO} IS NOT NULL AND {_HI} IS NOT NULL) "
    "ELSE FALSE END"
)


RULES = (
    Rule("table.unique_id", "Primary-key values are unique within their table.", _unique_id),
    Rule(
        "table.date_order",
        "events.date_end is not before events.date_start.",
        _row_rule("table.date_order", ("events", "date_end", f"{_END} < {_START}", "date_end is before date_start")),
    ),
    Rule(
        "table.value_range",
        "claims.value_min is not above claims.value_max.",
        _row_rule("table.value_range", ("claims", "value_min", f"{_LO} > {_HI}", "value_min is above value_max")),
    ),
    Rule(
        "table.span_order",
        "evidence.start < evidence.end and documents.body_start < documents.body_end.",
        _row_rule(
            "table.span_order",
            ("documents", "body_end", '"body_start" >= "body_end"', "body_end is not after body_start"),
            ("evidence", "end", '"start" >= "end"', "end is not after start"),
        ),
    ),
    Rule(
        "table.date_precision",
        "Event dates agree with date_precision: day one day; days 1-6 days apart; "
        "week 6 days apart; month its first to last day; year 1 January to 31 December; unknown no dates; "
        "other precisions both dates.",
        _row_rule(
            "table.date_precision",
            ("events", "date_precision", _DATE_PRECISION, "date_start/date_end do not match date_precision"),
        ),
    ),
    Rule(
        "table.qualifier_bounds",
        "claims.value_qualifier agrees with value_min/value_max as vocab.py "
        "defines it (exact/approximately: min = max; at_least/more_than: min only; up_to/at_most: max only; "
        "range: both; no qualifier: no values).",
        _row_rule(
            "table.qualifier_bounds",
            (
                "claims",
                "value_qualifier",
                _QUALIFIER_BOUNDS,
                "value_qualifier does not match which of value_min/value_max are given",
            ),
        ),
    ),
    Rule(
        "table.no_self_relation",
        "No actor relation or claim relation links a record to itself.",
        _row_rule(
            "table.no_self_relation",
            ("actor_relations", "related_actor_id", '"actor_id" = "related_actor_id"', "an actor is related to itself"),
            ("claim_relations", "related_claim_id", '"claim_id" = "related_claim_id"', "a claim is related to itself"),
        ),
    ),
    Rule("table.parent_cycle", "Following parent_event_id or parent_location_id never leads back to the start."),
    Rule(
        "table.sentence_order",
        "sentences (1.1.0+): a document's sentences are numbered 1..n in text order and do not overlap.",
        lambda specs: (
            [
                Query(
                    "table.sentence_order",
                    "sentences",
                    "position",
                    "sentences must be numbered 1..n in text order, without overlapping",
                    where='"position" <> __expected OR "start" < __previous_end',
                    value="position",
                    columns=(
                        'ROW_NUMBER() OVER (PARTITION BY s."document_id" ORDER BY s."start" NULLS LAST) AS __expected',
                        'LAG(s."end") OVER (PARTITION BY s."document_id" ORDER BY s."start" NULLS LAST) '
                        "AS __previous_end",
                    ),
                )
            ]
            if "sentences" in specs
            else []
        ),
    ),
)
