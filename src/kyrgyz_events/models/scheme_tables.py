"""The article in the field's own schemes: an ACLED event list, a UCDP GED event list and PLOVER records.

Added in schema 2.0.0. Each view is a table like any other. Its coded columns (the scheme's categories,
actors, inter codes, best estimate, mode and context) are a coder's judgement per event, annotated in
``dataset/annotations/<table>.yaml`` from the reviewed coding (``dataset/review/scheme_adjudication/``)
and checked by the scheme rules (``kyrgyz_events.rules.scheme``). Every column marked derived (dates,
precision codes, place, coordinates, fatalities, low/high, text) is filled by the build from the core
tables (``kyrgyz_events.scheme_views``) and re-derived by the validator, so it never disagrees with them.
Column names follow the schemes' own documents; a column our data cannot fill is empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from kyrgyz_events.models.scheme_codes import (
    AcledEventType,
    AcledSubEventType,
    PloverContext,
    PloverEventType,
    PloverMode,
)
from kyrgyz_events.models.tables import DERIVED, NOTE, SLUG, TableModel, Text, _id, _ref

EventIds = Annotated[
    list[Annotated[str, Field(pattern=rf"^evt-{SLUG}$", max_length=96)]],
    Field(
        min_length=1,
        description="Our events (their ids, sorted) that this row stands for; the scheme's "
        "rules merge several of our fine-grained events into one of its events.",
    ),
]
_FK = tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]


class AcledEvent(TableModel):
    """An event as ACLED codes it (ACLED Codebook): one row per ACLED event, merging our events that share
    day, place, actors and type. Only events that occurred, dated to at least a month and placed to at
    least a region, are coded."""

    table: ClassVar[str] = "acled_events"
    id_prefix: ClassVar[str | None] = "acl"
    primary_key: ClassVar[tuple[str, ...]] = ("acled_event_id",)
    foreign_keys: ClassVar[_FK] = ((("document_id",), "documents", ("document_id",)),)

    acled_event_id: str = _id("acl", "the ACLED-shaped event (ours: ACLED's event_id_cnty is not known)")
    document_id: str = _ref("doc", "document that reports the event")
    event_ids: EventIds
    event_date: dt.date = Field(description="The earliest date_start of its events.", json_schema_extra=DERIVED)
    year: int = Field(ge=1, description="The year of event_date.", json_schema_extra=DERIVED)
    time_precision: int = Field(
        ge=1,
        le=3,
        description="ACLED time_precision: 1 the day is known, 2 the week (a span of days), 3 the month; the "
        "least precise of its events.",
        json_schema_extra=DERIVED,
    )
    event_type: AcledEventType = Field(description=AcledEventType.__doc__)
    sub_event_type: AcledSubEventType = Field(description=AcledSubEventType.__doc__)
    actor1: Text = Field(description='ACLED actor1, in ACLED\'s naming ("Rioters (Kyrgyzstan)").')
    assoc_actor_1: Text | None = Field(description="ACLED assoc_actor_1; empty when none.")
    inter1: int = Field(ge=1, le=8, description="ACLED inter1: the type of actor1 (1 State forces ... 8 External).")
    actor2: Text | None = Field(description="ACLED actor2; empty for a one-sided event.")
    assoc_actor_2: Text | None = Field(description="ACLED assoc_actor_2; empty when none.")
    inter2: int = Field(ge=0, le=8, description="ACLED inter2: the type of actor2; 0 when there is no actor2.")
    interaction: int = Field(
        ge=10,
        le=88,
        description="ACLED interaction: the two inter codes, smaller first (15, not 51); X0 for a one-sided event.",
        json_schema_extra=DERIVED,
    )
    civilian_targeting: Literal["Civilian targeting"] | None = Field(
        description='ACLED civilian_targeting: "Civilian targeting" when civilians are the primary target.'
    )
    country: Text = Field(description="Country name (ISO 3166-1).", json_schema_extra=DERIVED)
    iso: int = Field(ge=1, le=999, description="ISO 3166-1 numeric code of the country.", json_schema_extra=DERIVED)
    admin1: Text | None = Field(
        description="First-level division: the region our locations put the place in; empty when they name none.",
        json_schema_extra=DERIVED,
    )
    admin2: Text | None = Field(
        description="Second-level division; empty: our locations do not name second-level divisions.",
        json_schema_extra=DERIVED,
    )
    location: Text = Field(
        description="The settlement (or the most precise place) of its events.", json_schema_extra=DERIVED
    )
    latitude: float | None = Field(ge=-90, le=90, description="WGS84 latitude of location.", json_schema_extra=DERIVED)
    longitude: float | None = Field(
        ge=-180, le=180, description="WGS84 longitude of location.", json_schema_extra=DERIVED
    )
    geo_precision: int = Field(
        ge=1,
        le=3,
        description="ACLED geo_precision: 1 the town or site, 2 near a town or part of a region, 3 a region; the "
        "least precise of its events' places.",
        json_schema_extra=DERIVED,
    )
    source: Text = Field(description="ACLED source: the publisher of the document.", json_schema_extra=DERIVED)
    notes: Text = Field(description="ACLED notes: what happened, with every other figure reported.")
    fatalities: int = Field(
        ge=0,
        description="ACLED fatalities: the most conservative figure reported for its events (the sum of their "
        "casualty_estimates killed low), 0 when none is reported; the others are in notes.",
        json_schema_extra=DERIVED,
    )
    note: str | None = NOTE


class UcdpEvent(TableModel):
    """An event as UCDP GED codes it (UCDP GED Codebook): organised violence with at least one death."""

    table: ClassVar[str] = "ucdp_events"
    id_prefix: ClassVar[str | None] = "ucd"
    primary_key: ClassVar[tuple[str, ...]] = ("ucdp_event_id",)
    foreign_keys: ClassVar[_FK] = ((("document_id",), "documents", ("document_id",)),)

    ucdp_event_id: str = _id("ucd", "the UCDP-shaped event (ours: UCDP's id is not known)")
    document_id: str = _ref("doc", "document that reports the event")
    event_ids: EventIds
    year: int = Field(ge=1, description="The year of date_start.", json_schema_extra=DERIVED)
    type_of_violence: int = Field(
        ge=1, le=3, description="UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided."
    )
    side_a: Text = Field(description="UCDP side_a, in UCDP's naming.")
    side_b: Text = Field(description='UCDP side_b ("Civilians" for one-sided violence).')
    source_article: Text = Field(
        description="UCDP source_article: publisher, date and headline.", json_schema_extra=DERIVED
    )
    where_description: Text = Field(description="The place of its events, by name.", json_schema_extra=DERIVED)
    adm_1: Text | None = Field(
        description="First-level division; empty when our locations name none.", json_schema_extra=DERIVED
    )
    latitude: float | None = Field(ge=-90, le=90, description="WGS84 latitude.", json_schema_extra=DERIVED)
    longitude: float | None = Field(ge=-180, le=180, description="WGS84 longitude.", json_schema_extra=DERIVED)
    where_prec: int = Field(
        ge=1,
        le=7,
        description="UCDP where_prec (1 exact location ... 7 international waters).",
        json_schema_extra=DERIVED,
    )
    country: Text = Field(description="Country name (ISO 3166-1).", json_schema_extra=DERIVED)
    event_clarity: int = Field(
        ge=1, le=2, description="UCDP event_clarity: 1 a clear event, 2 an aggregate or unclear."
    )
    date_prec: int = Field(
        ge=1, le=5, description="UCDP date_prec (1 the day ... 5 the year).", json_schema_extra=DERIVED
    )
    date_start: dt.date = Field(description="Earliest date_start of its events.", json_schema_extra=DERIVED)
    date_end: dt.date = Field(description="Latest date_end of its events.", json_schema_extra=DERIVED)
    deaths_a: int = Field(ge=0, description="UCDP deaths_a: deaths on side A.")
    deaths_b: int = Field(ge=0, description="UCDP deaths_b: deaths on side B.")
    deaths_civilians: int = Field(ge=0, description="UCDP deaths_civilians.")
    deaths_unknown: int = Field(ge=0, description="UCDP deaths_unknown: deaths whose side is not known.")
    best: int = Field(
        ge=1, description="UCDP best: the most reliable count, between low and high; the deaths sum to it."
    )
    low: int = Field(
        ge=0,
        description="UCDP low: the lowest figure the claims state (casualty_estimates).",
        json_schema_extra=DERIVED,
    )
    high: int = Field(
        ge=0,
        description="UCDP high: the highest figure the claims state, never a figure no claim gives.",
        json_schema_extra=DERIVED,
    )
    note: str | None = NOTE


class PloverEvent(TableModel):
    """One of our events as a PLOVER record (PLOVER manual, draft 0.8), its JSON fields as columns."""

    table: ClassVar[str] = "plover_events"
    id_prefix: ClassVar[str | None] = None
    primary_key: ClassVar[tuple[str, ...]] = ("event_id",)
    foreign_keys: ClassVar[_FK] = (
        (("event_id",), "events", ("event_id",)),
        (("document_id",), "documents", ("document_id",)),
    )

    event_id: str = _ref("evt", "event the record codes (PLOVER id)")
    document_id: str = _ref("doc", "document that reports the event")
    event_type: PloverEventType = Field(description=PloverEventType.__doc__)
    mode: PloverMode | None = Field(description=PloverMode.__doc__)
    context: list[PloverContext] = Field(description=PloverContext.__doc__)
    date: dt.date | None = Field(
        description="The event's date_start when it is dated to the day, else empty.", json_schema_extra=DERIVED
    )
    date_precision: Text = Field(description="The event's date_precision.", json_schema_extra=DERIVED)
    actor: list[Text] = Field(
        description="PLOVER actor: names of the event's agents and speakers.", json_schema_extra=DERIVED
    )
    recipient: list[Text] = Field(
        description="PLOVER recipient: names of its targets, victims and addressees.", json_schema_extra=DERIVED
    )
    location: Text | None = Field(description="The event's place, by name.", json_schema_extra=DERIVED)
    latitude: float | None = Field(ge=-90, le=90, description="WGS84 latitude.", json_schema_extra=DERIVED)
    longitude: float | None = Field(ge=-180, le=180, description="WGS84 longitude.", json_schema_extra=DERIVED)
    geo_precision: int | None = Field(
        ge=1, le=5, description="PLOVER geo precision (1 country ... 5 exact site).", json_schema_extra=DERIVED
    )
    size_dead: int | None = Field(
        ge=0, description="PLOVER size, dead: the lowest killed figure stated.", json_schema_extra=DERIVED
    )
    size_injured: int | None = Field(
        ge=0, description="PLOVER size, injured: the lowest wounded figure stated.", json_schema_extra=DERIVED
    )
    event_text: Text = Field(description="The first evidence span of the event, as written.", json_schema_extra=DERIVED)
    text_start: int = Field(ge=0, description="Code-point offset of event_text.", json_schema_extra=DERIVED)
    text_end: int = Field(ge=1, description="Code-point end (exclusive) of event_text.", json_schema_extra=DERIVED)
    story_date: dt.date = Field(description="The document's published_date.", json_schema_extra=DERIVED)
    source: Text = Field(description="The publisher of the document.", json_schema_extra=DERIVED)
    note: str | None = NOTE


SCHEME_TABLES: tuple[type[TableModel], ...] = (AcledEvent, UcdpEvent, PloverEvent)
