"""Synthetic rows of every table, one batch (a range of row indices) at a time, built column-wise.

Row ``i`` of a table has id ``<prefix>-<i, zero-padded>``, so ids sort in row order and every batch is
already in primary-key order. References point backwards (a parent has a lower index), so hierarchies
never cycle. The shape of the data is fixed by ``Layout``; randomness comes from the caller's generator.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl

from kyrgyz_events.models.vocab import (
    ActorRelationType,
    ActorRole,
    ActorType,
    ClaimRelationType,
    ClaimType,
    EventType,
    Factuality,
    LocationType,
    QuantityKind,
    ValueQualifier,
)
from kyrgyz_events.synth.text import SENTENCES_PER_DOC, Corpus, spans

EVENTS_PER_DOC = 100
ACTORS_PER_EVENT = 0.1
LOCATIONS_PER_EVENT = 0.05
EPISODE_EVERY = 20  # event i is an episode when i % 20 == 0; the next 19 are its parts
EXTRA_SPAN_EVERY = 7  # event i has a second evidence span when i % 7 == 0
RELATION_EVERY = 10  # claim i + 1 bears on claim i when i % 10 == 0
WHOLE_SENTENCE_SHARE = 0.25  # of evidence spans; the others quote a sentence's opening words


@dataclass(frozen=True)
class Layout:
    """How many rows each generated table has, and how wide its zero-padded ids are."""

    events: int
    documents: int
    actors: int
    locations: int

    @classmethod
    def for_events(cls, events: int) -> Layout:
        return cls(
            events=events,
            documents=math.ceil(events / EVENTS_PER_DOC),
            actors=max(2, math.ceil(events * ACTORS_PER_EVENT)),
            locations=max(1, math.ceil(events * LOCATIONS_PER_EVENT)),
        )

    @property
    def evidence(self) -> int:
        extra = math.ceil(self.events / EXTRA_SPAN_EVERY)
        return self.actors + self.locations + self.events + extra + self.events  # + one per claim

    @property
    def width(self) -> int:
        """Digits of every id: enough for the largest table, so all ids of a package share one width."""
        return max(7, len(str(self.evidence)))


def ids(prefix: str, index: np.ndarray, width: int) -> pl.Series:
    return (prefix + "-" + pl.Series(index, dtype=pl.Int64).cast(pl.String).str.zfill(width)).alias(prefix)


def pick(rng: np.random.Generator, values: list[str] | tuple[str, ...], n: int) -> pl.Series:
    return pl.Series(np.asarray(values, dtype=object)[rng.integers(0, len(values), n)], dtype=pl.String)


def _values(enum: type) -> list[str]:
    return [m.value for m in enum]  # type: ignore[attr-defined]


def _nullable(series: pl.Series, keep: np.ndarray) -> pl.Series:
    return pl.select(pl.when(pl.lit(keep)).then(pl.lit(series))).to_series().alias(series.name)


def documents(
    c: Corpus, lo: int, hi: int, width: int, texts: list[tuple[str, int, int]], sha: list[str]
) -> pl.DataFrame:
    idx = np.arange(lo, hi)
    published = np.datetime64("2010-01-01") + (idx % 3000).astype("timedelta64[D]")
    doc_ids = ids("doc", idx, width)
    return pl.DataFrame(
        {
            "document_id": doc_ids,
            "title": [t[0].split("\n", 1)[0] for t in texts],
            "subtitle": [None if i % 3 else f"Standfirst of report {i}" for i in idx],
            "publisher": pl.Series(["Synthetic News Agency"] * len(idx)),
            "published_date": pl.Series(published, dtype=pl.Date),
            "published_date_basis": pl.Series(["Generated with the text."] * len(idx)),
            "language": pl.Series(["en"] * len(idx)),
            "url": ("https://example.org/synthetic/" + doc_ids).alias("url"),
            "source_file": (doc_ids + ".txt").alias("source_file"),
            "text": [t[0] for t in texts],
            "text_sha256": sha,
            "body_start": pl.Series([t[1] for t in texts], dtype=pl.Int64),
            "body_end": pl.Series([t[2] for t in texts], dtype=pl.Int64),
        }
    )


def actors(rng: np.random.Generator, lo: int, hi: int, width: int) -> pl.DataFrame:
    idx = np.arange(lo, hi)
    n = len(idx)
    act_ids = ids("act", idx, width)
    alias = "Actor number " + pl.Series(idx).cast(pl.String)
    aliases = pl.select(
        pl.when(pl.lit(idx % 3 == 0))
        .then(pl.concat_list(pl.lit(alias)))
        .otherwise(pl.lit([], dtype=pl.List(pl.String)))
    ).to_series()
    return pl.DataFrame(
        {
            "actor_id": act_ids,
            "name": ("Synthetic actor " + pl.Series(idx).cast(pl.String)).alias("name"),
            "actor_type": pick(rng, _values(ActorType), n),
            "aliases": aliases,
            "description": _nullable(pl.Series(["A role the text gives."] * n), idx % 2 == 0),
            "country_code": _nullable(pick(rng, ("KG", "KZ", "RU", "US", "UZ"), n), idx % 4 != 3),
            "wikidata_id": _nullable("Q" + pl.Series(idx + 1).cast(pl.String), idx % 5 == 0),
            "note": pl.Series([None] * n, dtype=pl.String),
        }
    )


def actor_relations(rng: np.random.Generator, lo: int, hi: int, width: int) -> pl.DataFrame:
    """Actor k relates to actor k - k % 10 when k % 10 is 1 or 2 (never to itself)."""
    idx = np.arange(lo, hi)
    idx = idx[(idx % 10 == 1) | (idx % 10 == 2)]
    n = len(idx)
    relation = pick(rng, _values(ActorRelationType), n)
    return pl.DataFrame(
        {
            "actor_id": ids("act", idx, width),
            "related_actor_id": ids("act", idx - idx % 10, width),
            "relation": relation,
            "title": pl.select(pl.when(pl.lit(relation) == "official_of").then(pl.lit("deputy minister"))).to_series(),
        }
    )


_GEO_PRECISION = {
    "country": "country",
    "region": "region",
    "city": "settlement",
    "district": "subregion",
    "building": "site",
    "facility": "site",
}


def locations(rng: np.random.Generator, lo: int, hi: int, width: int) -> pl.DataFrame:
    """Location k is a country when k % 50 == 0, a region in it when k % 10 == 0, else a place in that region."""
    idx = np.arange(lo, hi)
    n = len(idx)
    country = idx % 50 == 0
    region = (idx % 10 == 0) & ~country
    lower = pick(rng, [t for t in _values(LocationType) if t not in ("country", "region")], n)
    loc_type = pl.select(
        pl.when(pl.lit(country)).then(pl.lit("country")).when(pl.lit(region)).then(pl.lit("region")).otherwise(lower)
    ).to_series()
    parent = np.where(region, idx - idx % 50, idx - idx % 10)
    has_coords = idx % 9 != 8
    lat = np.round(39.5 + rng.random(n) * 3.5, 4)
    lon = np.round(69.5 + rng.random(n) * 10.5, 4)
    return pl.DataFrame(
        {
            "location_id": ids("loc", idx, width),
            "name": ("Synthetic place " + pl.Series(idx).cast(pl.String)).alias("name"),
            "location_type": loc_type,
            "parent_location_id": _nullable(ids("loc", parent, width), ~country),
            "country_code": pl.Series(["KG"] * n),
            "latitude": _nullable(pl.Series(lat), has_coords),
            "longitude": _nullable(pl.Series(lon), has_coords),
            "geo_precision": _nullable(loc_type.replace_strict(_GEO_PRECISION), has_coords),
            "geonames_id": _nullable(pl.Series(idx + 1, dtype=pl.Int64), idx % 4 == 0),
            "wikidata_id": pl.Series([None] * n, dtype=pl.String),
            "note": _nullable(pl.Series(["Coordinates of the town centre."] * n), idx % 25 == 1),
        }
    )


def _dates(rng: np.random.Generator, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """date_start, date_end (datetime64[D], NaT for unknown) and date_precision of events ``idx``.

    An episode spans a month (or a year); its parts fall inside that month: a day, a few days, a week,
    the month itself, or no date.
    """
    n = len(idx)
    group = idx // EPISODE_EVERY
    groups, where = np.unique(group, return_inverse=True)
    month = (np.datetime64("2000-01", "M") + rng.integers(0, 120, len(groups)))[where]
    month_start = month.astype("datetime64[D]")
    month_end = (month + 1).astype("datetime64[D]") - 1
    year = month.astype("datetime64[Y]")
    episode = idx % EPISODE_EVERY == 0
    child = rng.choice(np.array(["day", "days", "week", "month", "unknown"]), n, p=[0.4, 0.2, 0.15, 0.15, 0.1])
    precision = np.where(episode, np.where(group % 3 == 0, "year", "month"), child)
    start = month_start + rng.integers(0, 22, n).astype("timedelta64[D]")  # a week from here ends by the 28th
    length = np.select([precision == "days", precision == "week"], [rng.integers(1, 7, n), 6], 0)
    end = start + length.astype("timedelta64[D]")
    by_month, by_year = precision == "month", precision == "year"
    start = np.where(by_month, month_start, np.where(by_year, year.astype("datetime64[D]"), start))
    end = np.where(by_month, month_end, np.where(by_year, (year + 1).astype("datetime64[D]") - 1, end))
    unknown = precision == "unknown"
    start = np.where(unknown, np.datetime64("NaT", "D"), start)
    end = np.where(unknown, np.datetime64("NaT", "D"), end)
    return start, end, precision


_DATE_EXPRESSION = {
    "day": "that day",
    "days": "over several days",
    "week": "that week",
    "month": "that month",
    "year": "that year",
    "unknown": None,
}
_SUB_EVENT_TYPES = [t for t in _values(EventType) if t != "episode"]


def events(rng: np.random.Generator, lo: int, hi: int, layout: Layout) -> pl.DataFrame:
    idx = np.arange(lo, hi)
    n = len(idx)
    w = layout.width
    episode = idx % EPISODE_EVERY == 0
    event_type = pl.select(
        pl.when(pl.lit(episode)).then(pl.lit("episode")).otherwise(pick(rng, _SUB_EVENT_TYPES, n))
    ).to_series()
    start, end, precision = _dates(rng, idx)
    prec = pl.Series(precision.astype(str), dtype=pl.String)
    return pl.DataFrame(
        {
            "event_id": ids("evt", idx, w),
            "document_id": ids("doc", idx // EVENTS_PER_DOC, w),
            "event_type": event_type,
            "summary": ("A synthetic " + event_type + " event, number " + pl.Series(idx).cast(pl.String) + ".").alias(
                "summary"
            ),
            "date_start": pl.Series(start, dtype=pl.Date),
            "date_end": pl.Series(end, dtype=pl.Date),
            "date_precision": prec,
            "date_expression": prec.replace_strict(_DATE_EXPRESSION, return_dtype=pl.String),
            "location_id": _nullable(ids("loc", rng.integers(0, layout.locations, n), w), idx % 10 != 9),
            "parent_event_id": _nullable(ids("evt", idx - idx % EPISODE_EVERY, w), ~episode),
            "factuality": pick(rng, _values(Factuality), n),
            "note": _nullable(pl.Series(["Date resolved against the publication date."] * n), idx % 13 == 0),
        }
    )


def event_actors(rng: np.random.Generator, lo: int, hi: int, layout: Layout) -> pl.DataFrame:
    """One agent per event, and a target for every other event; sorted by the primary key."""
    idx = np.arange(lo, hi)
    second = idx[idx % 2 == 1]
    event_idx = np.concatenate([idx, second])
    actor_idx = rng.integers(0, layout.actors, len(event_idx))
    roles = _values(ActorRole)
    role = np.concatenate(
        [
            np.full(len(idx), "agent", dtype=object),
            np.asarray(roles[1:], dtype=object)[rng.integers(0, len(roles) - 1, len(second))],
        ]
    )
    w = layout.width
    return pl.DataFrame(
        {
            "event_id": ids("evt", event_idx, w),
            "actor_id": ids("act", actor_idx, w),
            "role": pl.Series(role, dtype=pl.String),
        }
    ).sort("event_id", "actor_id", "role", maintain_order=True)


_QUALIFIER_WORDS = {
    "exact": "",
    "approximately": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "up_to": "up to ",
    "at_most": "at most ",
    "range": "between ",
}


def claims(rng: np.random.Generator, lo: int, hi: int, layout: Layout) -> pl.DataFrame:
    """Claims 2k and 2k + 1 are about event 2k (none about odd events); every third pair states a number.

    Both claims of a numeric pair count the same kind, so casualty estimates merge two claims.
    """
    idx = np.arange(lo, hi)
    n = len(idx)
    w = layout.width
    pair = idx // 2
    event_idx = idx - idx % 2
    numeric = pair % 3 == 0
    kinds = np.asarray(_values(QuantityKind), dtype=object)
    pair_kind = np.where(
        rng.random(n) < 0.8, np.where(pair % 2 == 0, "killed", "wounded"), kinds[rng.integers(0, len(kinds), n)]
    )
    kind = pair_kind[idx - idx % 2 - lo] if n else pair_kind
    figure = rng.integers(1, 500, n)
    qualifier = np.asarray(_values(ValueQualifier), dtype=object)[rng.integers(0, len(ValueQualifier), n)]
    low = np.where(np.isin(qualifier, ["up_to", "at_most"]), -1, np.where(qualifier == "more_than", figure + 1, figure))
    high = np.where(
        np.isin(qualifier, ["at_least", "more_than"]),
        -1,
        np.where(qualifier == "range", figure + rng.integers(1, 50, n), figure),
    )
    qualifier_s = pl.Series(qualifier, dtype=pl.String)
    words = qualifier_s.replace_strict(_QUALIFIER_WORDS, return_dtype=pl.String)
    expression = words + pl.Series(figure).cast(pl.String)
    expression = pl.select(
        pl.when(pl.lit(qualifier_s) == "range")
        .then(pl.lit(expression) + " and " + pl.Series(high).cast(pl.String))
        .otherwise(pl.lit(expression))
    ).to_series()
    claim_type = pl.select(
        pl.when(pl.lit(numeric))
        .then(pl.lit("quantity"))
        .otherwise(pick(rng, [t for t in _values(ClaimType) if t != "quantity"], n))
    ).to_series()
    has_event = idx % 50 != 49
    return pl.DataFrame(
        {
            "claim_id": ids("clm", idx, w),
            "document_id": ids("doc", idx // EVENTS_PER_DOC, w),
            "event_id": _nullable(ids("evt", event_idx, w), has_event),
            "claimant_actor_id": _nullable(ids("act", rng.integers(0, layout.actors, n), w), idx % 6 != 5),
            "reported_via_actor_id": _nullable(ids("act", rng.integers(0, layout.actors, n), w), idx % 5 == 0),
            "claim_type": claim_type,
            "statement": ("Synthetic statement number " + pl.Series(idx).cast(pl.String) + ".").alias("statement"),
            # No cue: a cue needs its claimant and cue quoted in the evidence (cross.attribution_evidence), which
            # synthetic text does not hold; and never asserted, for a claim may be contradicted.
            "cue": pl.Series([None] * n, dtype=pl.String),
            "factuality": pick(rng, [f for f in _values(Factuality) if f != "asserted"], n),
            "quantity_kind": _nullable(pl.Series(kind, dtype=pl.String), numeric),
            "value_min": _nullable(pl.Series(low, dtype=pl.Int64), numeric & (low >= 0)),
            "value_max": _nullable(pl.Series(high, dtype=pl.Int64), numeric & (high >= 0)),
            "value_qualifier": _nullable(qualifier_s, numeric),
            "value_expression": _nullable(expression, numeric),
            "note": pl.Series([None] * n, dtype=pl.String),
        }
    )


def claim_relations(rng: np.random.Generator, lo: int, hi: int, layout: Layout) -> pl.DataFrame:
    idx = np.arange(lo, hi)
    idx = idx[(idx % RELATION_EVERY == 0) & (idx + 1 < layout.events)]
    w = layout.width
    return pl.DataFrame(
        {
            "claim_id": ids("clm", idx + 1, w),
            "related_claim_id": ids("clm", idx, w),
            "relation": pick(rng, _values(ClaimRelationType), len(idx)),
        }
    )


def evidence(
    rng: np.random.Generator, c: Corpus, first: int, record_table: str, record_ids: pl.Series, docs: np.ndarray, w: int
) -> pl.DataFrame:
    """One span per record, in a random sentence of the record's document; ids from ``first`` on."""
    n = len(record_ids)
    slots = rng.integers(0, SENTENCES_PER_DOC, n)
    whole = rng.random(n) < WHOLE_SENTENCE_SHARE
    return pl.concat(
        [
            pl.DataFrame(
                {
                    "evidence_id": ids("evd", np.arange(first, first + n), w),
                    "document_id": ids("doc", docs, w),
                    "record_table": pl.Series([record_table] * n, dtype=pl.String),
                    "record_id": record_ids.alias("record_id"),
                }
            ),
            spans(c, docs, slots, whole),
            pl.DataFrame({"sentence_id": sentence_ids(docs, slots, w)}),
        ],
        how="horizontal",
    )


def sentence_ids(docs: np.ndarray, slots: np.ndarray, w: int) -> pl.Series:
    """``sen-<document number>-<1-based position>``: sorts like (document, position)."""
    position = pl.Series(slots + 1, dtype=pl.Int64).cast(pl.String).str.zfill(3)
    return ("sen-" + pl.Series(docs, dtype=pl.Int64).cast(pl.String).str.zfill(w) + "-" + position).alias("sentence_id")


def sentences(c: Corpus, lo: int, hi: int, w: int, cited: pl.DataFrame) -> pl.DataFrame:
    """Every body sentence of documents ``lo..hi`` with the records whose evidence starts in it
    (``cited``: sentence_id -> sorted record_ids)."""
    docs = np.repeat(np.arange(lo, hi), SENTENCES_PER_DOC)
    slots = np.tile(np.arange(SENTENCES_PER_DOC), hi - lo)
    starts = c.sentence_starts[lo:hi].reshape(-1)
    frame = pl.DataFrame(
        {
            "sentence_id": sentence_ids(docs, slots, w),
            "document_id": ids("doc", docs, w),
            "position": pl.Series(slots + 1, dtype=pl.Int64),
            "part": pl.Series(["story"] * len(docs), dtype=pl.String),
            "start": pl.Series(starts, dtype=pl.Int64),
            "end": pl.Series(starts + c.sentence_lengths[lo:hi].reshape(-1), dtype=pl.Int64),
            "exact": c.pool.gather(c.sentence_ids[lo:hi].reshape(-1)).alias("exact"),
        }
    )
    frame = frame.join(cited, on="sentence_id", how="left", maintain_order="left")
    return frame.with_columns(
        pl.col("record_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        pl.when(pl.col("record_ids").is_null())
        .then(pl.lit("No record cites this synthetic sentence."))
        .otherwise(None)
        .alias("no_record_reason"),
    )
