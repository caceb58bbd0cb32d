"""Closed vocabularies. Every value carries its definition, which travels into every generated schema.

A vocabulary is a ``DocEnum``: members are declared as ``NAME = "value", "definition"``. The JSON Schema of
each enum lists its values under ``enum`` and their definitions under ``x-enumDescriptions``.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema as cs


class DocEnum(str, Enum):
    """A string enum whose members each carry a definition."""

    definition: str

    def __new__(cls, value: str, definition: str) -> DocEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.definition = definition
        return member

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: cs.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["description"] = " ".join((cls.__doc__ or "").split())
        schema["x-enumDescriptions"] = {m.value: m.definition for m in cls}
        return schema

    @classmethod
    def definitions(cls) -> dict[str, str]:
        return {m.value: m.definition for m in cls}


class ActorType(DocEnum):
    """What kind of actor a record is."""

    PERSON = "person", 'An individual human being, named or described ("one jubilant protester").'
    STATE = "state", 'A sovereign state acting as a whole ("Russia", "the US").'
    GOVERNMENT_BODY = (
        "government_body",
        ("A government, ministry, parliament, administration or office of a state, as an institution."),
    )
    SECURITY_FORCE = "security_force", "Police, riot police, soldiers, security services of a state."
    POLITICAL_GROUP = "political_group", "A political party, opposition movement or its leadership as a group."
    CROWD = (
        "crowd",
        ("An unorganised collective of people: protesters, mobs, looters, youths. ACLED's Protesters/Rioters."),
    )
    MEDIA = "media", "A newspaper, news agency, television or radio station."
    INTERNATIONAL_ORGANISATION = "international_organisation", "An intergovernmental body such as the UN."
    CIVIL_SOCIETY = "civil_society", "Non-governmental organisations, unions and other civic associations."
    OTHER_GROUP = (
        "other_group",
        ("A group that fits none of the above (witnesses, unnamed sources, a family); say why in the note."),
    )


class ActorRole(DocEnum):
    """An actor's part in an event (PLOVER's actor/recipient, refined)."""

    AGENT = "agent", "Does or initiates the action (PLOVER actor, ACLED actor1)."
    TARGET = "target", "The action is directed at it (PLOVER recipient, ACLED actor2)."
    VICTIM = "victim", "Is harmed, killed, injured, detained or robbed by the action."
    PARTICIPANT = "participant", "Takes part without being its initiator or target."
    SUBJECT = "subject", "Undergoes a change of state the event describes (the one who flees, resigns, is freed)."
    SPEAKER = "speaker", "Makes the statement, appeal or announcement the event is."
    ADDRESSEE = "addressee", "The statement or appeal is addressed to it."
    BENEFICIARY = "beneficiary", "Gains from the action (is given powers, receives a fund)."
    OBSERVER = "observer", "Watches or reacts to the event without taking part."


class ActorRelationType(DocEnum):
    """How one actor relates to another (read: actor_id <relation> related_actor_id)."""

    OFFICIAL_OF = "official_of", "Holds an office in the related body; the office is in `title`."
    MEMBER_OF = "member_of", "Belongs to the related group or organisation."
    LEADER_OF = "leader_of", "Leads the related group, body or state."
    PART_OF = "part_of", "An organisational part of the related body (a ministry of a government)."
    CHILD_OF = "child_of", "A son or daughter of the related person."
    SPEAKS_FOR = "speaks_for", "A source, spokesperson or channel speaking on behalf of the related actor."
    PREDECESSOR_OF = "predecessor_of", "Held the office before the related person."
    CONTROLLED_BY = "controlled_by", "Operated or controlled by the related actor (a channel by a faction)."


class LocationType(DocEnum):
    """What kind of place a location is."""

    COUNTRY = "country", "A sovereign state's territory."
    REGION = "region", 'A province, oblast or other first-level division, or a wider area ("the south").'
    CITY = "city", "A city or town."
    DISTRICT = "district", 'A part of a city ("the centre of Bishkek").'
    BUILDING = "building", "A single building or compound (an office, a television station, a home)."
    FACILITY = "facility", "An installation larger than a building: an airport, an air base."


class GeoPrecision(DocEnum):
    """How precisely the coordinates locate the place (crosswalk in docs/crosswalk.md)."""

    SITE = "site", "The coordinates are of the exact site (ACLED 1, UCDP 1, PLOVER 5)."
    SETTLEMENT = "settlement", "The coordinates are of the town or city centre (ACLED 1, UCDP 2, PLOVER 4)."
    SUBREGION = "subregion", "Part of a region or near a town (ACLED 2, UCDP 3, PLOVER 3)."
    REGION = "region", "A first-level region or wider area (ACLED 3, UCDP 4, PLOVER 2)."
    COUNTRY = "country", "Only the country is known (UCDP 6, PLOVER 1; ACLED does not code it)."


class DatePrecision(DocEnum):
    """How precisely date_start..date_end pins the event (crosswalk in docs/crosswalk.md)."""

    DAY = "day", "A single known day: date_start equals date_end (ACLED 1, UCDP 1)."
    DAYS = "days", "A span of a few known days, date_end after date_start, at most 6 days (ACLED 2, UCDP 2)."
    WEEK = "week", "Within a known week, date_end - date_start is 6 days (ACLED 2, UCDP 2)."
    MONTH = "month", "Within a known month: first to last day of it (ACLED 3, UCDP 3)."
    YEAR = "year", "Within a known year: 1 January to 31 December (UCDP 5)."
    UNKNOWN = "unknown", "The text does not date it: date_start and date_end are empty."


class Factuality(DocEnum):
    """How the text presents a statement or event as true (after FactBank)."""

    ASSERTED = "asserted", "Stated by the article's author as fact, with no other source."
    REPORTED = "reported", "Reported by a named or described source; the author does not vouch for it."
    DISPUTED = "disputed", "Reported, and contradicted by another source in the text."
    DENIED = "denied", "A source says it did not happen or is not true."
    PROBABLE = "probable", 'Presented as likely ("appears to have been", "apparently").'
    POSSIBLE = "possible", 'Presented as uncertain or unknown ("it was unclear whether").'
    UNLIKELY = (
        "unlikely",
        'Presented as probably not so ("is unlikely to", "few believe"): FactBank\'s PR-. Added in 2.0.0.',
    )
    PREDICTED = "predicted", "Expected, promised or declared for the future; not yet happened."
    DEMANDED = "demanded", "Called for, urged or demanded; not yet happened."
    UNKNOWN = "unknown", "The text gives no basis to judge."


class ClaimType(DocEnum):
    """What kind of statement a claim makes."""

    QUANTITY = "quantity", "States a number (casualties, crowd size, percentages, ages); see quantity_kind."
    OCCURRENCE = "occurrence", "States that an event happened (or will, or did not)."
    STATUS = "status", "States that a situation holds (who is where, who is in charge)."
    RESPONSIBILITY = "responsibility", "Attributes blame or responsibility for something."
    ACCUSATION = "accusation", "Accuses an actor of wrongdoing (corruption, authoritarianism)."
    DEMAND = "demand", "Calls for, urges or demands an action."
    INTENTION = "intention", "Declares what the claimant will do or expects to happen."
    DENIAL = "denial", "Denies another statement."
    DESCRIPTION = "description", "Describes a scene or circumstances in the claimant's words."


class QuantityKind(DocEnum):
    """What a number counts or measures."""

    KILLED = "killed", "People killed."
    WOUNDED = "wounded", "People wounded or injured."
    PARTICIPANTS = "participants", "People taking part (crowd size)."
    DETAINED = "detained", "People arrested or held."
    FREED = "freed", "People freed from detention."
    PERSONS = "persons", 'Any other count of people ("ten opposition leaders").'
    PERCENT_CHANGE = "percent_change", 'A change expressed in per cent ("a 200 per cent increase").'
    AGE_YEARS = "age_years", "A person's age in years."
    YEAR = "year", "A calendar year."


class ValueQualifier(DocEnum):
    """How the text qualifies a number. value_min and value_max are inclusive integer bounds."""

    EXACT = "exact", "The number as stated: value_min = value_max = it."
    APPROXIMATELY = (
        "approximately",
        ('"around", "about": value_min = value_max = the stated figure; no margin is invented.'),
    )
    AT_LEAST = "at_least", '"at least N": value_min = N, value_max empty.'
    MORE_THAN = "more_than", '"over N", "more than N": value_min = N + 1, value_max empty.'
    UP_TO = "up_to", '"up to N": value_max = N, value_min empty.'
    AT_MOST = "at_most", '"at most N", "fewer than N + 1": value_max = N, value_min empty.'
    RANGE = "range", '"between N and M": value_min = N, value_max = M.'


class ClaimRelationType(DocEnum):
    """How one claim bears on another (read: claim_id <relation> related_claim_id)."""

    CONTRADICTS = "contradicts", "Both cannot be true as stated (40 dead against over 100)."
    DENIES = "denies", "Explicitly denies the related claim."
    SUPPORTS = "supports", "Agrees with or corroborates the related claim."
    NARROWS = "narrows", "Confirms only part of the related claim (a departure, not a resignation)."
    REPEATS = "repeats", "States the same thing again, from the same or another source."


class SentencePart(DocEnum):
    """Which part of the article body a sentence belongs to."""

    HEADLINE = "headline", "The headline."
    STANDFIRST = "standfirst", "The standfirst: the summary printed under the headline."
    STORY = "story", "The story itself, after the standfirst."


class RecordTable(DocEnum):
    """The table an evidence row supports."""

    ACTORS = "actors", "An actor record."
    LOCATIONS = "locations", "A location record."
    EVENTS = "events", "An event record."
    CLAIMS = "claims", "A claim record."


class EventType(DocEnum):
    """What happened, in this project's own terms (the schemes' codes are judged per event: scheme_tables.py)."""

    EPISODE = "episode", "A whole episode of unrest that groups the sub-events that belong to it."
    PROTEST = "protest", "A demonstration or gathering of protest without reported violence by protesters."
    RIOT = "riot", "Violent, disorderly action by a crowd: rampage, attacks by mobs."
    CLASH = "clash", "Violence between state forces and protesters or others, both sides engaged."
    CROWD_CONTROL = "crowd_control", "State forces using non-lethal means against a crowd (tear gas, rubber bullets)."
    SHOOTING = "shooting", "Firing live weapons at people, or gunfire reported without a clear target."
    ASSAULT = "assault", "Physical attack on one or a few people (beating, being set upon)."
    ABDUCTION = "abduction", "Seizing a person or taking a hostage."
    KILLING = "killing", "A death or deaths caused by violence, as an event in itself."
    STORMING = "storming", "Forcibly entering or taking over a building or site."
    ARSON = "arson", "Setting fire to buildings, vehicles or property."
    LOOTING = "looting", "Stealing or plundering property."
    WEAPONS_SEIZURE = "weapons_seizure", "Taking weapons or armoured vehicles from state forces."
    RETREAT = "retreat", "Forces withdrawing or fleeing before an opponent."
    ARREST = "arrest", "State forces detaining people."
    RELEASE = "release", "People freed from detention."
    FLIGHT = "flight", "A leader or official leaving a place to escape (fled the capital)."
    RESIGNATION = "resignation", "A leader or government giving up office, or agreeing to."
    TRANSFER_OF_POWER = "transfer_of_power", "Coming to power, forming or declaring a new government."
    AGREEMENT = "agreement", "An agreement or deal reached, or its signing."
    CURFEW = "curfew", "A curfew or other restriction imposed by authorities."
    MEDIA_DISRUPTION = "media_disruption", "A broadcaster going off air or changing control."
    APPEAL = "appeal", "A public call or request (for restraint, for dialogue, to protect human rights)."
    STATEMENT = "statement", "A public statement or announcement that is not an appeal."
    VISIT = "visit", "An official visit."
    ACCUSATION = "accusation", "Accusing or complaining of wrongdoing."
    APPOINTMENT = "appointment", "Giving someone powers or putting them in charge."
    ECONOMIC_MEASURE = "economic_measure", "A price rise, a fund's creation or other economic decision."
    OTHER = "other", "None of the above; the summary says what."


def _country_codes() -> type[DocEnum]:
    import pycountry

    members = [(c.alpha_2, (c.alpha_2, c.name)) for c in sorted(pycountry.countries, key=lambda c: c.alpha_2)]
    enum: type[DocEnum] = DocEnum("CountryCode", members)  # type: ignore[arg-type,assignment]
    enum.__doc__ = "ISO 3166-1 alpha-2 country code (not FIPS 10-4), with the country's ISO name (pycountry)."
    return enum


if TYPE_CHECKING:
    CountryCode = str
else:
    CountryCode = _country_codes()
