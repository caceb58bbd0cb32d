"""Values the build derives and the validators re-derive: never typed by hand.

- ``casualty_estimates``: per event and casualty kind, the range the claims about it span.
- ``crosswalk_columns``: an event's ACLED and PLOVER categories, from its event_type.
"""

from __future__ import annotations

import polars as pl

from kyrgyz_events.models.crosswalk import crosswalk

#: quantity_kind values that casualty_estimates summarises.
CASUALTY_KINDS = ("killed", "wounded")

ESTIMATE_COLUMNS = ("event_id", "quantity_kind", "low", "high", "high_unbounded", "claim_ids")


def casualty_estimates(claims: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Derive casualty_estimates from the claims table.

    Per (event_id, quantity_kind) over claims with an event, a casualty kind and a factuality other than
    ``denied``: ``low`` is the lowest figure any claim states (its value_min, else its value_max), ``high``
    the highest (its value_max, else its value_min), ``high_unbounded`` is true when some claim has no
    upper bound ("over 100"), and ``claim_ids`` lists the claims, sorted. Rows sorted by the key.
    """
    lf = claims.lazy() if isinstance(claims, pl.DataFrame) else claims
    return (
        lf.filter(
            pl.col("event_id").is_not_null()
            & pl.col("quantity_kind").is_in(CASUALTY_KINDS)
            & (pl.col("factuality") != "denied")
            & (pl.col("value_min").is_not_null() | pl.col("value_max").is_not_null())
        )
        .group_by("event_id", "quantity_kind")
        .agg(
            pl.coalesce("value_min", "value_max").min().cast(pl.Int64).alias("low"),
            pl.coalesce("value_max", "value_min").max().cast(pl.Int64).alias("high"),
            pl.col("value_max").is_null().any().alias("high_unbounded"),
            pl.col("claim_id").sort().alias("claim_ids"),
        )
        .sort("event_id", "quantity_kind")
        .select(ESTIMATE_COLUMNS)
        .collect()
    )


def crosswalk_columns(event_type: str) -> dict[str, str | None]:
    """``acled_event_type``, ``acled_sub_event_type`` and ``plover_event_type`` for an event type."""
    acled, sub, plover = crosswalk(event_type)
    return {
        "acled_event_type": acled.value if acled else None,
        "acled_sub_event_type": sub.value if sub else None,
        "plover_event_type": plover.value if plover else None,
    }
