"""Values the build derives and the validators re-derive: never typed by hand.

``casualty_estimates``: per event and casualty kind, the range the claims about it span. (The scheme
views' derived columns are ``kyrgyz_events.scheme_views``.)
"""

from __future__ import annotations

import polars as pl

from kyrgyz_events.schema_versions import version_key

#: quantity_kind values that casualty_estimates summarises.
CASUALTY_KINDS = ("killed", "wounded")

ESTIMATE_COLUMNS = ("event_id", "quantity_kind", "low", "high", "high_unbounded", "approximate", "claim_ids")
#: The first schema version whose estimates state only figures a claim states.
STATED_FIGURES_SINCE = "2.0.0"


def _stated_low() -> pl.Expr:
    """The lowest figure a claim states: "over N" (value_min N + 1) states N."""
    more = pl.col("value_qualifier") == "more_than"
    low = pl.coalesce("value_min", "value_max")
    return pl.when(more & pl.col("value_min").is_not_null()).then(pl.col("value_min") - 1).otherwise(low)


def _stated_high() -> pl.Expr:
    """The highest figure a claim states: its upper bound, else its lower one as stated ("over 100": 100)."""
    return pl.coalesce(pl.col("value_max"), _stated_low())


def casualty_estimates(claims: pl.DataFrame | pl.LazyFrame, version: str = STATED_FIGURES_SINCE) -> pl.DataFrame:
    """Derive casualty_estimates from the claims table, as schema ``version`` defines it.

    Per (event_id, quantity_kind) over claims with an event, a casualty kind and a factuality other than
    ``denied``: ``low`` is the lowest figure any claim states, ``high`` the highest, ``high_unbounded`` is
    true when some claim has no upper bound ("over 100"), ``approximate`` when a claim stating low or high
    qualifies it "approximately", and ``claim_ids`` lists the claims, sorted. Rows sorted by the key.
    Before 2.0.0 the figures were the claims' integer bounds (101 for "over 100") and ``approximate``
    did not exist.
    """
    lf = claims.lazy() if isinstance(claims, pl.DataFrame) else claims
    stated = version_key(version) >= version_key(STATED_FIGURES_SINCE)
    low = _stated_low() if stated else pl.coalesce("value_min", "value_max")
    high = _stated_high() if stated else pl.coalesce("value_max", "value_min")
    approx = pl.col("value_qualifier") == "approximately"
    out = (
        lf.filter(
            pl.col("event_id").is_not_null()
            & pl.col("quantity_kind").is_in(CASUALTY_KINDS)
            & (pl.col("factuality") != "denied")
            & (pl.col("value_min").is_not_null() | pl.col("value_max").is_not_null())
        )
        .with_columns(low.alias("__low"), high.alias("__high"))
        .group_by("event_id", "quantity_kind")
        .agg(
            pl.col("__low").min().cast(pl.Int64).alias("low"),
            pl.col("__high").max().cast(pl.Int64).alias("high"),
            pl.col("value_max").is_null().any().alias("high_unbounded"),
            (
                (approx & (pl.col("__low") == pl.col("__low").min())).any()
                | (approx & (pl.col("__high") == pl.col("__high").max())).any()
            ).alias("approximate"),
            pl.col("claim_id").sort().alias("claim_ids"),
        )
        .sort("event_id", "quantity_kind")
    )
    columns = ESTIMATE_COLUMNS if stated else tuple(c for c in ESTIMATE_COLUMNS if c != "approximate")
    return out.select(columns).collect()
