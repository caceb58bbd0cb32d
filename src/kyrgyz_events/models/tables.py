"""One pydantic model per published table: a record of the table, closed to unknown keys.

Every column is a required key; a column that may be empty is typed ``X | None`` and holds ``null``.
Rules across columns or rows (date_end >= date_start, unique ids, references) live in
``kyrgyz_events.validators``, because a JSON Schema of one record cannot state them.

Class attributes (not columns) describe the table: ``table`` (its name), ``primary_key``,
``foreign_keys`` as ``(columns, referenced table, referenced columns)``, and ``id_prefix``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from kyrgyz_events.models.vocab import (
    ActorRelationType,
    ActorRole,
    ActorType,
    ClaimRelationType,
    ClaimType,
    CountryCode,
    DatePrecision,
    EventType,
    Factuality,
    GeoPrecision,
    LocationType,
    QuantityKind,
    RecordTable,
    SentencePart,
    ValueQualifier,
)

#: Provenance of a column's values, carried as ``x-provenance`` in every generated schema.
EXTERNAL: JsonDict = {"x-provenance": "external"}  # a fact from outside the article (dates, coordinates, ids)
DERIVED: JsonDict = {"x-provenance": "derived"}  # computed by the build, never typed by hand

SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
#: Code points of text kept just before and just after each evidence span (``evidence.prefix`` and
#: ``suffix``, a W3C TextQuoteSelector's context): the one definition, read by every module that cuts them.
QUOTE_CONTEXT = 32


def _id(prefix: str, what: str) -> Any:
    return Field(
        pattern=rf"^{prefix}-{SLUG}$",
        max_length=96,
        description=f"Stable, human-readable id of {what}: '{prefix}-' and lowercase words joined by '-'.",
    )


def _ref(prefix: str, what: str, optional: bool = False) -> Any:
    empty = " Empty when the text gives none." if optional else ""
    return Field(pattern=rf"^{prefix}-{SLUG}$", max_length=96, description=f"The {what} (its id).{empty}")


WikidataId = Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")]
NOTE = Field(
    description="Annotator's basis for any judgement beyond the words of the text (a resolved date, "
    "coordinates, an id, a type chosen among near-equals). Empty when none was needed."
)
Text = Annotated[str, Field(min_length=1)]


class TableModel(BaseModel):
    """Base of every table model."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    table: ClassVar[str]
    id_prefix: ClassVar[str | None] = None
    primary_key: ClassVar[tuple[str, ...]]
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = ()


class Document(TableModel):
    """A source text, captured exactly, with the bounds of the article body inside it."""

    table: ClassVar[str] = "documents"
    id_prefix: ClassVar[str | None] = "doc"
    primary_key: ClassVar[tuple[str, ...]] = ("document_id",)

    document_id: str = _id("doc", "the document")
    title: Text = Field(description="The headline, as printed.")
    subtitle: Text | None = Field(description="The standfirst under the headline, as printed.")
    publisher: Text = Field(description="Who published the text.")
    published_date: dt.date = Field(
        description="Publication date (ISO 8601). External when the text does not print it: see "
        "published_date_basis. The anchor of every relative date in the document's events.",
        json_schema_extra=EXTERNAL,
    )
    published_date_basis: Text = Field(description="How the publication date was determined.")
    language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", description="BCP 47 language tag.")
    url: str | None = Field(description="Where the text was published; empty when unknown.")
    source_file: Text = Field(description="File name of the capture under dataset/sources/.")
    text: str = Field(description="The captured text, byte for byte as captured (UTF-8).")
    text_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the UTF-8 bytes of `text`, lowercase hex.",
        json_schema_extra=DERIVED,
    )
    body_start: int = Field(ge=0, description="Code-point offset where the article body starts.")
    body_end: int = Field(
        ge=1, description="Code-point offset where the article body ends (exclusive); page furniture follows."
    )


class Sentence(TableModel):
    """A sentence of a document's article body, in reading order, with the records it gave rise to.

    Added in schema 1.1.0: the coverage review as data. Every body sentence has a row; the sentences tile
    the body (only whitespace between them). Evidence rows point at the sentence they start in.
    """

    table: ClassVar[str] = "sentences"
    id_prefix: ClassVar[str | None] = "sen"
    primary_key: ClassVar[tuple[str, ...]] = ("sentence_id",)
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("document_id",), "documents", ("document_id",)),
    )

    sentence_id: str = _id("sen", "the sentence: the document id's words and the sentence's 3-digit position")
    document_id: str = _ref("doc", "document the sentence is in")
    position: int = Field(ge=1, description="1-based position of the sentence in the document's body.")
    part: SentencePart = Field(description=SentencePart.__doc__)
    start: int = Field(ge=0, description="Start offset, 0-based, in Unicode code points of documents.text.")
    end: int = Field(ge=1, description="End offset, exclusive, in Unicode code points of documents.text.")
    exact: Text = Field(description="text[start:end], the sentence as written.")
    record_ids: list[Annotated[str, Field(pattern=rf"^(act|loc|evt|clm)-{SLUG}$", max_length=96)]] = Field(
        description="Ids of the actors, locations, events and claims the sentence gave rise to (the coverage "
        "review); empty when none, and then no_record_reason says why."
    )
    no_record_reason: Text | None = Field(
        description="Why the sentence gave rise to no record; empty when it gave rise to some."
    )


class Actor(TableModel):
    """A person, organisation, group or state that the text names or clearly refers to."""

    table: ClassVar[str] = "actors"
    id_prefix: ClassVar[str | None] = "act"
    primary_key: ClassVar[tuple[str, ...]] = ("actor_id",)

    actor_id: str = _id("act", "the actor")
    name: Text = Field(description="The fullest name the text gives, or a short description for unnamed actors.")
    actor_type: ActorType = Field(description=ActorType.__doc__)
    aliases: list[Text] = Field(description="Other ways the text refers to the actor, as written.")
    description: Text | None = Field(description="The role or office the text gives the actor, in its words.")
    country_code: CountryCode | None = Field(
        description="ISO 3166-1 alpha-2 code of the actor's country (not FIPS).", json_schema_extra=EXTERNAL
    )
    wikidata_id: WikidataId | None = Field(
        description="Wikidata item id, only where certain; external.", json_schema_extra=EXTERNAL
    )
    note: str | None = NOTE


class Location(TableModel):
    """A place the text names, in a containment hierarchy (a building in a city in a country)."""

    table: ClassVar[str] = "locations"
    id_prefix: ClassVar[str | None] = "loc"
    primary_key: ClassVar[tuple[str, ...]] = ("location_id",)
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("parent_location_id",), "locations", ("location_id",)),
    )

    location_id: str = _id("loc", "the location")
    name: Text = Field(description="The place's name as the text gives it, or a short description.")
    location_type: LocationType = Field(description=LocationType.__doc__)
    parent_location_id: str | None = _ref("loc", "location that contains this one", optional=True)
    country_code: CountryCode | None = Field(
        description="ISO 3166-1 alpha-2 code of the country the place is in (not FIPS).",
        json_schema_extra=EXTERNAL,
    )
    latitude: float | None = Field(
        ge=-90, le=90, description="WGS84 latitude, decimal degrees; external.", json_schema_extra=EXTERNAL
    )
    longitude: float | None = Field(
        ge=-180, le=180, description="WGS84 longitude, decimal degrees; external.", json_schema_extra=EXTERNAL
    )
    geo_precision: GeoPrecision | None = Field(description=GeoPrecision.__doc__)
    geonames_id: int | None = Field(
        ge=1, description="GeoNames id, only where certain; external.", json_schema_extra=EXTERNAL
    )
    wikidata_id: WikidataId | None = Field(
        description="Wikidata item id, only where certain; external.", json_schema_extra=EXTERNAL
    )
    note: str | None = NOTE


class Event(TableModel):
    """Something that happened, or is reported, denied, predicted or demanded."""

    table: ClassVar[str] = "events"
    id_prefix: ClassVar[str | None] = "evt"
    primary_key: ClassVar[tuple[str, ...]] = ("event_id",)
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("document_id",), "documents", ("document_id",)),
        (("location_id",), "locations", ("location_id",)),
        (("parent_event_id",), "events", ("event_id",)),
    )

    event_id: str = _id("evt", "the event")
    document_id: str = _ref("doc", "document that reports the event")
    event_type: EventType = Field(description=EventType.__doc__)
    summary: Text = Field(description="One sentence saying what happened, close to the text's words.")
    date_start: dt.date | None = Field(
        description="First day the event may have happened (ISO 8601), resolved against the document's "
        "published_date; empty when the text does not date it."
    )
    date_end: dt.date | None = Field(description="Last day the event may have happened (ISO 8601), inclusive.")
    date_precision: DatePrecision = Field(description=DatePrecision.__doc__)
    date_expression: Text | None = Field(
        description='The words of the text that date the event ("yesterday", "on Tuesday"), as written.'
    )
    location_id: str | None = _ref("loc", "place where the event happened", optional=True)
    parent_event_id: str | None = _ref("evt", "episode or larger event this one is part of", optional=True)
    factuality: Factuality = Field(description=Factuality.__doc__)
    note: str | None = NOTE


class ActorRelation(TableModel):
    """How two actors relate: read `actor_id` `relation` `related_actor_id`."""

    table: ClassVar[str] = "actor_relations"
    primary_key: ClassVar[tuple[str, ...]] = ("actor_id", "related_actor_id", "relation")
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("actor_id",), "actors", ("actor_id",)),
        (("related_actor_id",), "actors", ("actor_id",)),
    )

    actor_id: str = _ref("act", "actor the relation is of")
    related_actor_id: str = _ref("act", "actor it relates to")
    relation: ActorRelationType = Field(description=ActorRelationType.__doc__)
    title: Text | None = Field(description='The office or title as the text gives it ("interior minister").')


class EventActor(TableModel):
    """An actor's part in an event."""

    table: ClassVar[str] = "event_actors"
    primary_key: ClassVar[tuple[str, ...]] = ("event_id", "actor_id", "role")
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("event_id",), "events", ("event_id",)),
        (("actor_id",), "actors", ("actor_id",)),
    )

    event_id: str = _ref("evt", "event")
    actor_id: str = _ref("act", "actor")
    role: ActorRole = Field(description=ActorRole.__doc__)


class Claim(TableModel):
    """An attributed statement: who said it, through whom, what it asserts, and how surely."""

    table: ClassVar[str] = "claims"
    id_prefix: ClassVar[str | None] = "clm"
    primary_key: ClassVar[tuple[str, ...]] = ("claim_id",)
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("document_id",), "documents", ("document_id",)),
        (("event_id",), "events", ("event_id",)),
        (("claimant_actor_id",), "actors", ("actor_id",)),
        (("reported_via_actor_id",), "actors", ("actor_id",)),
    )

    claim_id: str = _id("clm", "the claim")
    document_id: str = _ref("doc", "document the claim appears in")
    event_id: str | None = _ref("evt", "event the claim is about", optional=True)
    claimant_actor_id: str | None = _ref("act", "actor who makes the claim (the publisher for the author's own)", True)
    reported_via_actor_id: str | None = _ref(
        "act", "actor through whom the claim reached the reporter (an agency, a TV channel)", optional=True
    )
    claim_type: ClaimType = Field(description=ClaimType.__doc__)
    statement: Text = Field(description="What the claim asserts, as close to the text's words as possible.")
    cue: Text | None = Field(description='The attribution cue as written ("said", "spoke of", "told Reuters").')
    factuality: Factuality = Field(description=Factuality.__doc__)
    quantity_kind: QuantityKind | None = Field(description=QuantityKind.__doc__)
    value_min: int | None = Field(ge=0, description="Inclusive lower bound of the stated number; empty if open.")
    value_max: int | None = Field(ge=0, description="Inclusive upper bound of the stated number; empty if open.")
    value_qualifier: ValueQualifier | None = Field(description=ValueQualifier.__doc__)
    value_expression: Text | None = Field(description='The number\'s words as written ("over a hundred").')
    note: str | None = NOTE


class ClaimRelation(TableModel):
    """How two claims bear on each other: read `claim_id` `relation` `related_claim_id`."""

    table: ClassVar[str] = "claim_relations"
    primary_key: ClassVar[tuple[str, ...]] = ("claim_id", "related_claim_id", "relation")
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("claim_id",), "claims", ("claim_id",)),
        (("related_claim_id",), "claims", ("claim_id",)),
    )

    claim_id: str = _ref("clm", "claim the relation is of")
    related_claim_id: str = _ref("clm", "claim it bears on")
    relation: ClaimRelationType = Field(description=ClaimRelationType.__doc__)


class Evidence(TableModel):
    """Characters of a document that support a record (W3C TextPositionSelector + TextQuoteSelector)."""

    table: ClassVar[str] = "evidence"
    id_prefix: ClassVar[str | None] = "evd"
    primary_key: ClassVar[tuple[str, ...]] = ("evidence_id",)
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("document_id",), "documents", ("document_id",)),
        (("sentence_id",), "sentences", ("sentence_id",)),
    )

    evidence_id: str = _id("evd", "the evidence span")
    document_id: str = _ref("doc", "document the span is in")
    record_table: RecordTable = Field(description=RecordTable.__doc__)
    record_id: str = Field(
        pattern=rf"^(act|loc|evt|clm)-{SLUG}$", max_length=96, description="Id of the supported record."
    )
    start: int = Field(ge=0, description="Start offset, 0-based, in Unicode code points of documents.text.")
    end: int = Field(ge=1, description="End offset, exclusive, in Unicode code points of documents.text.")
    exact: Text = Field(description="text[start:end], the quoted characters (TextQuoteSelector exact).")
    prefix: str = Field(
        max_length=QUOTE_CONTEXT, description=f"Up to {QUOTE_CONTEXT} code points of text just before start."
    )
    suffix: str = Field(
        max_length=QUOTE_CONTEXT, description=f"Up to {QUOTE_CONTEXT} code points of text just after end."
    )
    sentence_id: str | None = Field(
        pattern=rf"^sen-{SLUG}$",
        max_length=96,
        description="The sentence the span starts in (added in 1.1.0); empty in data written under 1.0.0.",
        json_schema_extra=DERIVED,
    )


class CasualtyEstimate(TableModel):
    """Derived by the build: per event and kind of casualty, the range that the claims about it span."""

    table: ClassVar[str] = "casualty_estimates"
    primary_key: ClassVar[tuple[str, ...]] = ("event_id", "quantity_kind")
    foreign_keys: ClassVar[tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
        (("event_id",), "events", ("event_id",)),
    )

    event_id: str = _ref("evt", "event")
    quantity_kind: QuantityKind = Field(description="killed or wounded.")
    low: int | None = Field(
        ge=0,
        description='Lowest figure any claim states, as stated ("over 100" states 100; its value_min is 101).',
        json_schema_extra=DERIVED,
    )
    high: int | None = Field(
        ge=0,
        description="Highest figure any claim states, as stated: never a figure no claim gives (2.0.0; under "
        '1.x the highest bound, so 101 for "over 100").',
        json_schema_extra=DERIVED,
    )
    high_unbounded: bool = Field(
        description='True when some claim gives no upper bound ("over 100"): the range is open above high.',
        json_schema_extra=DERIVED,
    )
    approximate: bool = Field(
        description='True when a claim whose figure is low or high qualifies it as approximate ("around 400"). '
        "Added in 2.0.0.",
        json_schema_extra=DERIVED,
    )
    claim_ids: list[Annotated[str, Field(pattern=rf"^clm-{SLUG}$", max_length=96)]] = Field(
        min_length=1, description="The claims the range is derived from, sorted.", json_schema_extra=DERIVED
    )


#: The core tables, in publishing order (``kyrgyz_events.models.TABLES`` adds the scheme views after them).
CORE_TABLES: tuple[type[TableModel], ...] = (
    Document,
    Sentence,
    Actor,
    Location,
    Event,
    ActorRelation,
    EventActor,
    Claim,
    ClaimRelation,
    Evidence,
    CasualtyEstimate,
)
