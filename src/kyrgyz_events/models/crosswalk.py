"""This project's event types mapped onto ACLED and PLOVER. The build fills the mapped columns from here.

A value of ``None`` means the reference scheme has no category for it (ACLED does not code statements).
"""

from __future__ import annotations

from kyrgyz_events.models.vocab import AcledEventType as A
from kyrgyz_events.models.vocab import AcledSubEventType as S
from kyrgyz_events.models.vocab import EventType as E
from kyrgyz_events.models.vocab import PloverEventType as P

Mapping = tuple[A | None, S | None, P | None]

EVENT_TYPE_CROSSWALK: dict[E, Mapping] = {
    E.EPISODE: (None, None, None),
    E.PROTEST: (A.PROTESTS, S.PEACEFUL_PROTEST, P.PROTEST),
    E.RIOT: (A.RIOTS, S.VIOLENT_DEMONSTRATION, P.PROTEST),
    E.CLASH: (A.RIOTS, S.VIOLENT_DEMONSTRATION, P.ASSAULT),
    E.CROWD_CONTROL: (A.PROTESTS, S.PROTEST_WITH_INTERVENTION, P.ASSAULT),
    E.SHOOTING: (A.PROTESTS, S.EXCESSIVE_FORCE, P.ASSAULT),
    E.ASSAULT: (A.RIOTS, S.MOB_VIOLENCE, P.ASSAULT),
    E.ABDUCTION: (A.RIOTS, S.MOB_VIOLENCE, P.ASSAULT),
    E.KILLING: (A.VIOLENCE_AGAINST_CIVILIANS, S.ATTACK, P.ASSAULT),
    E.STORMING: (A.RIOTS, S.VIOLENT_DEMONSTRATION, P.PROTEST),
    E.ARSON: (A.RIOTS, S.VIOLENT_DEMONSTRATION, P.PROTEST),
    E.LOOTING: (A.STRATEGIC_DEVELOPMENTS, S.LOOTING, P.COERCE),
    E.WEAPONS_SEIZURE: (A.STRATEGIC_DEVELOPMENTS, S.LOOTING, P.COERCE),
    E.RETREAT: (A.STRATEGIC_DEVELOPMENTS, S.OTHER, P.RETREAT),
    E.ARREST: (A.STRATEGIC_DEVELOPMENTS, S.ARRESTS, P.COERCE),
    E.RELEASE: (A.STRATEGIC_DEVELOPMENTS, S.OTHER, P.CONCEDE),
    E.FLIGHT: (A.STRATEGIC_DEVELOPMENTS, S.OTHER, P.RETREAT),
    E.RESIGNATION: (A.STRATEGIC_DEVELOPMENTS, S.CHANGE_TO_GROUP, P.CONCEDE),
    E.TRANSFER_OF_POWER: (A.STRATEGIC_DEVELOPMENTS, S.CHANGE_TO_GROUP, None),
    E.AGREEMENT: (A.STRATEGIC_DEVELOPMENTS, S.AGREEMENT, P.AGREE),
    E.CURFEW: (A.STRATEGIC_DEVELOPMENTS, S.OTHER, P.COERCE),
    E.MEDIA_DISRUPTION: (A.STRATEGIC_DEVELOPMENTS, S.OTHER, None),
    E.APPEAL: (None, None, P.REQUEST),
    E.STATEMENT: (None, None, None),
    E.VISIT: (None, None, P.CONSULT),
    E.ACCUSATION: (None, None, P.ACCUSE),
    E.APPOINTMENT: (None, None, None),
    E.ECONOMIC_MEASURE: (None, None, None),
    E.OTHER: (None, None, None),
}


_BY_VALUE = {str(k.value): v for k, v in EVENT_TYPE_CROSSWALK.items()}


def crosswalk(event_type: E | str) -> Mapping:
    """ACLED event type, ACLED sub-event type and PLOVER event type for one of our event types."""
    key = str(event_type.value if isinstance(event_type, E) else event_type)
    if key not in _BY_VALUE:
        raise ValueError(f"unknown event_type {key!r}")
    return _BY_VALUE[key]
