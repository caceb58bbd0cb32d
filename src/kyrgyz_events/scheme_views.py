"""The derived columns of the scheme views (``acled_events``, ``ucdp_events``, ``plover_events``).

A view row's coded columns are annotated; this module fills the rest from the core tables: the build
calls it to write the views and the validator (``cross.scheme_derivation``) calls it again to check them.
The precision codes follow our vocabularies' crosswalk (``GeoPrecision``, ``DatePrecision`` in
``models/vocab.py``), stated once here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pycountry

Row = dict[str, Any]
Tables = Mapping[str, list[Row]]

#: Our date_precision as each scheme's code (ACLED codes no year-precision or undated event).
ACLED_TIME_PRECISION = {"day": 1, "days": 2, "week": 2, "month": 3}
UCDP_DATE_PREC = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 5}
#: Our geo_precision as each scheme's code (ACLED codes nothing placed only to the country).
ACLED_GEO_PRECISION = {"site": 1, "settlement": 1, "subregion": 2, "region": 3}
UCDP_WHERE_PREC = {"site": 1, "settlement": 2, "subregion": 3, "region": 4, "country": 6}
PLOVER_GEO_PRECISION = {"site": 5, "settlement": 4, "subregion": 3, "region": 2, "country": 1}
#: event_actors roles that are a PLOVER record's actor, and its recipient.
PLOVER_ACTOR_ROLES = ("agent", "speaker")
PLOVER_RECIPIENT_ROLES = ("target", "victim", "addressee")
#: The derived columns of each view (the rest are annotated).
DERIVED_COLUMNS = {
    "acled_events": (
        "event_date", "year", "time_precision", "interaction", "country", "iso", "admin1", "admin2",
        "location", "latitude", "longitude", "geo_precision", "source", "fatalities",
    ),
    "ucdp_events": (
        "year", "source_article", "where_description", "adm_1", "latitude", "longitude", "where_prec",
        "country", "date_prec", "date_start", "date_end", "low", "high",
    ),
    "plover_events": (
        "date", "date_precision", "actor", "recipient", "location", "latitude", "longitude", "geo_precision",
        "size_dead", "size_injured", "event_text", "text_start", "text_end", "story_date", "source",
    ),
}  # fmt: skip


class NotDerivable(ValueError):
    """A view row's events do not give what the scheme needs (a date, one place, a death count)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


class _Index:
    def __init__(self, tables: Tables) -> None:
        self.events = {r["event_id"]: r for r in tables.get("events", [])}
        self.locations = {r["location_id"]: r for r in tables.get("locations", [])}
        self.documents = {r["document_id"]: r for r in tables.get("documents", [])}
        self.actors = {r["actor_id"]: r for r in tables.get("actors", [])}
        self.estimates = {(r["event_id"], r["quantity_kind"]): r for r in tables.get("casualty_estimates", [])}
        self.roles: dict[str, list[tuple[str, str]]] = {}
        for link in tables.get("event_actors", []):
            self.roles.setdefault(link["event_id"], []).append((link["actor_id"], link["role"]))
        self.spans: dict[str, Row] = {}
        for ev in tables.get("evidence", []):
            if ev["record_table"] == "events":
                first = self.spans.get(ev["record_id"])
                if first is None or ev["start"] < first["start"]:
                    self.spans[ev["record_id"]] = ev

    def event(self, event_id: str, column: str = "event_ids") -> Row:
        if event_id not in self.events:
            raise NotDerivable(column, f"{event_id} is not in events")
        return self.events[event_id]

    def chain(self, location_id: str | None) -> list[Row]:
        """The location and its ancestors, innermost first."""
        out: list[Row] = []
        seen: set[str] = set()
        while location_id is not None and location_id in self.locations and location_id not in seen:
            seen.add(location_id)
            out.append(self.locations[location_id])
            location_id = self.locations[location_id]["parent_location_id"]
        return out

    def place(self, events: list[Row]) -> dict[str, Any]:
        """Settlement, region, country and coordinates shared by the events (one place, or NotDerivable)."""
        places = []
        for e in events:
            chain = self.chain(e["location_id"])
            if not chain:
                raise NotDerivable("event_ids", f"{e['event_id']} has no location: the scheme cannot place it")
            city = next((loc for loc in chain if loc["location_type"] == "city"), chain[0])
            inside = chain[: next((i for i, loc in enumerate(chain) if loc["location_type"] == "country"), len(chain))]
            region = next((loc for loc in inside if loc["location_type"] == "region"), None)  # within the country
            code = next((loc["country_code"] for loc in chain if loc["country_code"]), None)
            places.append((city["location_id"], city, region, code, chain[0]["geo_precision"]))
        if len({p[0] for p in places}) > 1:
            names = sorted({p[1]["name"] for p in places})
            raise NotDerivable("event_ids", f"its events are in different places ({', '.join(names)})")
        _, city, region, code, _ = places[0]
        country = pycountry.countries.get(alpha_2=code) if code else None
        return {
            "location": city["name"],
            "latitude": city["latitude"],
            "longitude": city["longitude"],
            "region": region["name"] if region else None,
            "country": country.name if country else None,
            "iso": int(country.numeric) if country else None,
            "precisions": [p[4] for p in places],
        }

    def killed(self, event_ids: Iterable[str]) -> list[Row]:
        return [self.estimates[(i, "killed")] for i in event_ids if (i, "killed") in self.estimates]


def _least(codes: Mapping[str, int], values: list[Any], column: str, scheme: str) -> int:
    out = []
    for v in values:
        if v not in codes:
            raise NotDerivable(column, f"{scheme} cannot code an event whose precision is {v!r}")
        out.append(codes[v])
    return max(out)


def _dates(events: list[Row]) -> tuple[Any, Any]:
    starts = [e["date_start"] for e in events]
    ends = [e["date_end"] for e in events]
    if any(d is None for d in starts + ends):
        raise NotDerivable("event_ids", "an event of it is undated: the scheme cannot date it")
    return min(starts), max(ends)


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction: the two inter codes as one number, the smaller first; X0 when one-sided."""
    return inter1 * 10 if inter2 == 0 else min(inter1, inter2) * 10 + max(inter1, inter2)


def _acled(row: Row, ix: _Index) -> Row:
    events = [ix.event(i) for i in row["event_ids"]]
    place = ix.place(events)
    start, _ = _dates(events)
    document = ix.documents.get(row["document_id"], {})
    return {
        "event_date": start,
        "year": start.year,
        "time_precision": _least(
            ACLED_TIME_PRECISION, [e["date_precision"] for e in events], "time_precision", "ACLED"
        ),
        "interaction": interaction(int(row["inter1"]), int(row["inter2"])),
        "country": place["country"],
        "iso": place["iso"],
        "admin1": place["region"],
        "admin2": None,
        "location": place["location"],
        "latitude": place["latitude"],
        "longitude": place["longitude"],
        "geo_precision": _least(ACLED_GEO_PRECISION, place["precisions"], "geo_precision", "ACLED"),
        "source": document.get("publisher"),
        "fatalities": sum(int(k["low"]) for k in ix.killed(row["event_ids"]) if k["low"] is not None),
    }


def _ucdp(row: Row, ix: _Index) -> Row:
    events = [ix.event(i) for i in row["event_ids"]]
    place = ix.place(events)
    start, end = _dates(events)
    killed = ix.killed(row["event_ids"])
    lows = [int(k["low"]) for k in killed if k["low"] is not None]
    highs = [int(k["high"]) for k in killed if k["high"] is not None]
    if not lows or not highs:
        raise NotDerivable("event_ids", "no claim states a death count for its events: UCDP codes only deaths")
    document = ix.documents.get(row["document_id"], {})
    return {
        "year": start.year,
        "source_article": f'{document.get("publisher")}, {document.get("published_date")}, "{document.get("title")}"',
        "where_description": place["location"],
        "adm_1": place["region"],
        "latitude": place["latitude"],
        "longitude": place["longitude"],
        "where_prec": _least(UCDP_WHERE_PREC, place["precisions"], "where_prec", "UCDP"),
        "country": place["country"],
        "date_prec": _least(UCDP_DATE_PREC, [e["date_precision"] for e in events], "date_prec", "UCDP"),
        "date_start": start,
        "date_end": end,
        "low": min(lows),
        "high": max(highs),
    }


def _plover(row: Row, ix: _Index) -> Row:
    event = ix.event(row["event_id"], "event_id")
    chain = ix.chain(event["location_id"])
    roles = ix.roles.get(row["event_id"], [])

    def names(wanted: tuple[str, ...]) -> list[str]:
        return sorted({ix.actors[a]["name"] for a, role in roles if role in wanted and a in ix.actors})

    span = ix.spans.get(row["event_id"])
    if span is None:
        raise NotDerivable("event_id", "the event has no evidence: PLOVER's event_text needs one")
    document = ix.documents.get(row["document_id"], {})
    dead = ix.estimates.get((row["event_id"], "killed"))
    injured = ix.estimates.get((row["event_id"], "wounded"))
    return {
        "date": event["date_start"] if event["date_precision"] == "day" else None,
        "date_precision": event["date_precision"],
        "actor": names(PLOVER_ACTOR_ROLES),
        "recipient": names(PLOVER_RECIPIENT_ROLES),
        "location": chain[0]["name"] if chain else None,
        "latitude": chain[0]["latitude"] if chain else None,
        "longitude": chain[0]["longitude"] if chain else None,
        "geo_precision": PLOVER_GEO_PRECISION.get(chain[0]["geo_precision"]) if chain else None,
        "size_dead": dead["low"] if dead else None,
        "size_injured": injured["low"] if injured else None,
        "event_text": span["exact"],
        "text_start": span["start"],
        "text_end": span["end"],
        "story_date": document.get("published_date"),
        "source": document.get("publisher"),
    }


_DERIVE = {"acled_events": _acled, "ucdp_events": _ucdp, "plover_events": _plover}


def derive_view(table: str, rows: list[Row], tables: Tables) -> list[tuple[Row, NotDerivable | None]]:
    """Each annotated row of ``table`` with its derived columns filled (or the reason it cannot be)."""
    ix = _Index(tables)
    out: list[tuple[Row, NotDerivable | None]] = []
    for row in rows:
        try:
            out.append(({**row, **_DERIVE[table](row, ix)}, None))
        except NotDerivable as exc:
            out.append((row, exc))
    return out
