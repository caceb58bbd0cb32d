"""Rules of the field's schemes on their views (schema 2.0.0+), in SQL: the hard constraints of the ACLED
codebook, the UCDP GED codebook and the PLOVER manual that a coding must keep, checked against the core
tables the views stand for. (That the views' derived columns follow from the core tables is
``cross.scheme_derivation``, in Python: ``validators.host_rules``.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kyrgyz_events.rules.rule import Query, Rule, Specs, ident, lit

#: Factuality of an event that occurred: the only events ACLED and UCDP code.
OCCURRED = ("asserted", "reported")
#: The least precise date and place ACLED codes (time_precision 3, geo_precision 3).
ACLED_DATES = ("day", "days", "week", "month")
ACLED_PLACES = ("site", "settlement", "subregion", "region")
#: Our event types that are violence or destruction by a crowd: never an ACLED Protests event.
CROWD_VIOLENCE = ("riot", "clash", "storming", "arson", "looting", "weapons_seizure")
#: The views whose rows stand for a list of our events (``event_ids``).
MERGED = ("acled_events", "ucdp_events")


def _in(values: Iterable[str]) -> str:
    return "(" + ", ".join(lit(v) for v in values) + ")"


def _items(table: str) -> str:
    """A view's rows, one per event it stands for (``__event``), with that event's columns and place."""
    items = (
        f'SELECT *, UNNEST("event_ids") AS __event FROM {ident(table)} '
        'WHERE "event_ids" IS NOT NULL AND ARRAY_LENGTH("event_ids") > 0'
    )
    return (
        'SELECT s.*, e."factuality" AS __factuality, e."date_start" AS __date_start, '
        'e."date_precision" AS __date_precision, e."event_type" AS __event_type, '
        'e."location_id" AS __location_id, l."geo_precision" AS __geo_precision, '
        "COUNT(*) OVER (PARTITION BY s.__event) AS __rows_of_event "
        f'FROM ({items}) AS s LEFT JOIN (SELECT DISTINCT "event_id", "factuality", "date_start", '
        '"date_precision", "event_type", "location_id" FROM "events") AS e ON s.__event = e."event_id" '
        'LEFT JOIN (SELECT DISTINCT "location_id", "geo_precision" FROM "locations") AS l '
        'ON e."location_id" = l."location_id"'
    )


def _per_event(rule: str, checks: dict[str, tuple[str, str]]) -> Callable[[Specs], list[Query]]:
    """Conditions on each event a view row stands for: table -> (failing condition, message)."""

    def queries(specs: Specs) -> list[Query]:
        if not {"events", "locations"} <= set(specs):
            return []
        return [
            Query(rule, table, "event_ids", message, where=f"__event IS NOT NULL AND ({where})", value="__event",
                  source=_items(table))
            for table, (where, message) in checks.items()
            if table in specs
        ]  # fmt: skip

    return queries


def _rows(rule: str, *checks: tuple[str, str, str, str]) -> Callable[[Specs], list[Query]]:
    """Conditions on single rows of a view: (table, field, failing condition, message)."""

    def queries(specs: Specs) -> list[Query]:
        return [Query(rule, t, f, m, where=w, value=f) for t, f, w, m in checks if t in specs]

    return queries


def _pairs(column: str, of: str, pairs: dict[str, tuple[str, ...]]) -> str:
    """True where ``column`` is set and is not one of the values its ``of`` column allows."""
    cases = " ".join(f"WHEN {lit(k)} THEN {ident(column)} NOT IN {_in(v)}" for k, v in pairs.items() if v)
    return f"{ident(column)} IS NOT NULL AND CASE {ident(of)} {cases} ELSE TRUE END"


def _acled_pairs(specs: Specs) -> list[Query]:
    if "acled_events" not in specs:
        return []
    from kyrgyz_events.models.scheme_codes import ACLED_SUB_EVENT_TYPES

    pairs = {str(t.value): tuple(str(s.value) for s in subs) for t, subs in ACLED_SUB_EVENT_TYPES.items()}
    message = "sub_event_type is not one of its event_type's (ACLED codebook)"
    return [Query("scheme.acled_sub_event_type", "acled_events", "sub_event_type", message,
                  where=_pairs("sub_event_type", "event_type", pairs), value="sub_event_type")]  # fmt: skip


def _plover_modes(specs: Specs) -> list[Query]:
    if "plover_events" not in specs:
        return []
    from kyrgyz_events.models.scheme_codes import PLOVER_MODES

    pairs = {str(t.value): tuple(str(m.value) for m in modes) for t, modes in PLOVER_MODES.items()}
    no_modes = [str(t.value) for t, modes in PLOVER_MODES.items() if not modes]
    where = _pairs("mode", "event_type", pairs)
    if no_modes:
        where = f'({where}) OR ("mode" IS NOT NULL AND "event_type" IN {_in(no_modes)})'
    message = "mode is not one of its event_type's modes (PLOVER manual)"
    return [Query("scheme.plover_mode", "plover_events", "mode", message, where=where, value="mode")]


def _plover_context(specs: Specs) -> list[Query]:
    if not {"plover_events", "events"} <= set(specs):
        return []
    source = (
        'SELECT s.*, e."factuality" AS __factuality, '
        """CASE WHEN ARRAY_CONTAINS(s."context", 'negation') THEN 1 ELSE 0 END AS __negation, """
        """CASE WHEN ARRAY_CONTAINS(s."context", 'future') THEN 1 ELSE 0 END AS __future """
        'FROM "plover_events" AS s LEFT JOIN (SELECT DISTINCT "event_id", "factuality" FROM "events") AS e '
        'ON s."event_id" = e."event_id"'
    )
    return [
        Query("scheme.plover_context", "plover_events", "context",
              "the event is denied: its PLOVER record carries the negation context",
              where="__factuality = 'denied' AND __negation = 0", value="event_id", source=source),
        Query("scheme.plover_context", "plover_events", "context",
              "the future context on an event the text does not present as future (predicted or demanded)",
              where="__future = 1 AND __factuality NOT IN ('predicted', 'demanded')", value="event_id",
              source=source),
    ]  # fmt: skip


_IN_ONE = "__rows_of_event > 1"

RULES = (
    Rule(
        "scheme.occurred",
        "ACLED and UCDP code occurrences only: every event an acled_events or ucdp_events row stands for "
        f"happened (factuality {' or '.join(OCCURRED)}), never a denied, predicted, demanded or possible one.",
        _per_event(
            "scheme.occurred",
            {t: (f"__factuality NOT IN {_in(OCCURRED)}", "stands for an event that did not occur") for t in MERGED},
        ),
    ),
    Rule(
        "scheme.precision",
        "ACLED codes only events dated to a month or better and placed to a region or better; UCDP only dated "
        "and placed events.",
        _per_event(
            "scheme.precision",
            {
                "acled_events": (
                    f"__date_precision NOT IN {_in(ACLED_DATES)} OR __location_id IS NULL "
                    f"OR __geo_precision IS NULL OR __geo_precision NOT IN {_in(ACLED_PLACES)}",
                    "stands for an event ACLED cannot code: dated less precisely than a month, or placed less "
                    "precisely than a region",
                ),
                "ucdp_events": (
                    "__date_start IS NULL OR __location_id IS NULL",
                    "stands for an undated or unplaced event",
                ),
            },
        ),
    ),
    Rule(
        "scheme.one_row_per_event",
        "An event stands in at most one row of acled_events and of ucdp_events (never counted twice).",
        _per_event("scheme.one_row_per_event", {t: (_IN_ONE, "the event stands in more than one row") for t in MERGED}),
    ),
    Rule(
        "scheme.acled_sub_event_type",
        "acled_events: the sub_event_type is one of its event_type's (ACLED's pairs only).",
        _acled_pairs,
    ),
    Rule(
        "scheme.acled_demonstrators",
        "acled_events: a Protests event has Protesters (inter 6) and a Riots event Rioters (inter 5) as one of "
        "its actors.",
        _rows(
            "scheme.acled_demonstrators",
            (
                "acled_events",
                "inter1",
                '"event_type" = \'Protests\' AND 6 NOT IN ("inter1", "inter2")',
                "a Protests event without Protesters (inter 6)",
            ),
            (
                "acled_events",
                "inter1",
                '"event_type" = \'Riots\' AND 5 NOT IN ("inter1", "inter2")',
                "a Riots event without Rioters (inter 5)",
            ),
        ),
    ),
    Rule(
        "scheme.acled_peaceful_protest",
        "acled_events: Protests are peaceful: no Protests event stands for violence or destruction by the crowd "
        f"({', '.join(CROWD_VIOLENCE)}); that is Riots.",
        _per_event(
            "scheme.acled_peaceful_protest",
            {
                "acled_events": (
                    f"\"event_type\" = 'Protests' AND __event_type IN {_in(CROWD_VIOLENCE)}",
                    "a Protests event stands for violence by the crowd: ACLED codes it Riots",
                )
            },
        ),
    ),
    Rule(
        "scheme.acled_actor2",
        "acled_events: inter2 is 0 exactly when there is no actor2 (a one-sided event).",
        _rows(
            "scheme.acled_actor2",
            (
                "acled_events",
                "inter2",
                '("actor2" IS NULL) <> ("inter2" = 0)',
                "inter2 must be 0 when actor2 is empty, and only then",
            ),
        ),
    ),
    Rule(
        "scheme.acled_civilian_targeting",
        'acled_events: civilian_targeting is "Civilian targeting" only where an actor is Civilians (inter 7).',
        _rows(
            "scheme.acled_civilian_targeting",
            (
                "acled_events",
                "civilian_targeting",
                '"civilian_targeting" IS NOT NULL AND 7 NOT IN ("inter1", "inter2")',
                "civilian targeting without Civilians (inter 7) among the actors",
            ),
        ),
    ),
    Rule(
        "scheme.ucdp_deaths",
        "ucdp_events: low <= best <= high, and deaths_a + deaths_b + deaths_civilians + deaths_unknown = best.",
        _rows(
            "scheme.ucdp_deaths",
            ("ucdp_events", "best", '"best" < "low" OR "best" > "high"', "best is not between low and high"),
            (
                "ucdp_events",
                "best",
                '"deaths_a" + "deaths_b" + "deaths_civilians" + "deaths_unknown" <> "best"',
                "the deaths by side do not sum to best",
            ),
        ),
    ),
    Rule("scheme.plover_mode", "plover_events: the mode is one of its event_type's (PLOVER manual).", _plover_modes),
    Rule(
        "scheme.plover_context",
        "plover_events: a denied event's record carries the negation context; the future context only on an "
        "event the text presents as future (predicted or demanded).",
        _plover_context,
    ),
)
