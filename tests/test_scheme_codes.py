"""Facts about the ACLED, PLOVER and UCDP GED code lists in kyrgyz_events.models.scheme_codes."""

from __future__ import annotations

from collections import Counter

import pytest

from kyrgyz_events.models.scheme_codes import (
    ACLED_GEO_PRECISION,
    ACLED_INTER,
    ACLED_SUB_EVENT_TYPES,
    ACLED_TIME_PRECISION,
    PLOVER_MODES,
    PLOVER_QUAD_CATEGORY,
    PLOVER_SPECIAL_CONTEXTS,
    UCDP_DATE_PREC,
    UCDP_EVENT_CLARITY,
    UCDP_TYPE_OF_VIOLENCE,
    UCDP_WHERE_PREC,
    AcledEventType,
    AcledSubEventType,
    PloverContext,
    PloverEventType,
    PloverMode,
)
from kyrgyz_events.models.vocab import DocEnum

ENUMS: list[type[DocEnum]] = [AcledEventType, AcledSubEventType, PloverEventType, PloverMode, PloverContext]
CODE_DICTS: list[dict[int, str]] = [
    ACLED_INTER,
    ACLED_TIME_PRECISION,
    ACLED_GEO_PRECISION,
    UCDP_TYPE_OF_VIOLENCE,
    UCDP_DATE_PREC,
    UCDP_WHERE_PREC,
    UCDP_EVENT_CLARITY,
]


# ACLED ----------------------------------------------------------------------------------------------------------


def test_acled_has_six_event_types_spelled_as_acled_does() -> None:
    assert {m.value for m in AcledEventType} == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert AcledEventType.EXPLOSIONS.value == "Explosions/Remote violence"


def test_acled_has_25_sub_event_types() -> None:
    assert len(AcledSubEventType) == 25
    assert len({m.value for m in AcledSubEventType}) == 25


def test_acled_sub_event_member_names_used_elsewhere_exist() -> None:
    names = {
        "ARMED_CLASH",
        "GOVERNMENT_REGAINS_TERRITORY",
        "NON_STATE_OVERTAKES_TERRITORY",
        "CHEMICAL_WEAPON",
        "AIR_DRONE_STRIKE",
        "SUICIDE_BOMB",
        "SHELLING",
        "REMOTE_EXPLOSIVE",
        "GRENADE",
        "SEXUAL_VIOLENCE",
        "ATTACK",
        "ABDUCTION",
        "PEACEFUL_PROTEST",
        "PROTEST_WITH_INTERVENTION",
        "EXCESSIVE_FORCE",
        "VIOLENT_DEMONSTRATION",
        "MOB_VIOLENCE",
        "AGREEMENT",
        "ARRESTS",
        "CHANGE_TO_GROUP",
        "DISRUPTED_WEAPONS_USE",
        "HEADQUARTERS_ESTABLISHED",
        "LOOTING",
        "NON_VIOLENT_TRANSFER",
        "OTHER",
    }
    assert set(AcledSubEventType.__members__) == names


def test_every_acled_sub_event_type_is_in_exactly_one_event_type() -> None:
    assert set(ACLED_SUB_EVENT_TYPES) == set(AcledEventType)
    counts = Counter(sub for subs in ACLED_SUB_EVENT_TYPES.values() for sub in subs)
    assert set(counts) == set(AcledSubEventType)
    assert all(n == 1 for n in counts.values())


@pytest.mark.parametrize(
    ("event_type", "size"),
    [
        (AcledEventType.BATTLES, 3),
        (AcledEventType.EXPLOSIONS, 6),
        (AcledEventType.VIOLENCE_AGAINST_CIVILIANS, 3),
        (AcledEventType.PROTESTS, 3),
        (AcledEventType.RIOTS, 2),
        (AcledEventType.STRATEGIC_DEVELOPMENTS, 8),
    ],
)
def test_acled_event_type_sizes(event_type: AcledEventType, size: int) -> None:
    assert len(ACLED_SUB_EVENT_TYPES[event_type]) == size


def test_acled_specific_pairs() -> None:
    assert AcledSubEventType.PEACEFUL_PROTEST in ACLED_SUB_EVENT_TYPES[AcledEventType.PROTESTS]
    assert AcledSubEventType.EXCESSIVE_FORCE in ACLED_SUB_EVENT_TYPES[AcledEventType.PROTESTS]
    assert AcledSubEventType.MOB_VIOLENCE in ACLED_SUB_EVENT_TYPES[AcledEventType.RIOTS]
    assert AcledSubEventType.LOOTING in ACLED_SUB_EVENT_TYPES[AcledEventType.STRATEGIC_DEVELOPMENTS]
    assert AcledSubEventType.ARRESTS in ACLED_SUB_EVENT_TYPES[AcledEventType.STRATEGIC_DEVELOPMENTS]
    assert AcledSubEventType.ABDUCTION in ACLED_SUB_EVENT_TYPES[AcledEventType.VIOLENCE_AGAINST_CIVILIANS]


def test_acled_definitions_keep_the_codebook_conditions() -> None:
    protests = AcledEventType.PROTESTS.definition.lower()
    assert "do not engage in violence" in protests or "peaceful" in protests
    vac = AcledEventType.VIOLENCE_AGAINST_CIVILIANS.definition.lower()
    assert "organised armed group" in vac
    assert "unarmed" in vac


def test_acled_inter_codes() -> None:
    assert set(ACLED_INTER) == set(range(9))
    expected = {
        1: "State Forces",
        2: "Rebel Groups",
        3: "Political Militias",
        4: "Identity Militias",
        5: "Rioters",
        6: "Protesters",
        7: "Civilians",
        8: "External/Other Forces",
    }
    for code, label in expected.items():
        assert ACLED_INTER[code].startswith(label)


def test_acled_precision_codes() -> None:
    assert set(ACLED_TIME_PRECISION) == {1, 2, 3}
    assert set(ACLED_GEO_PRECISION) == {1, 2, 3}
    assert "actual date" in ACLED_TIME_PRECISION[1]
    assert "month" in ACLED_TIME_PRECISION[3]
    assert "town" in ACLED_GEO_PRECISION[1]


# PLOVER ---------------------------------------------------------------------------------------------------------


def test_plover_has_the_16_categories_of_draft_0_8() -> None:
    values = {m.value for m in PloverEventType}
    assert len(PloverEventType) == 16
    assert "DEMAND" in values
    assert "REQUEST" not in values
    assert values == {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "DEMAND",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
    assert all(v == v.upper() for v in values)


def test_every_category_has_a_mode_entry_and_every_mode_is_under_some_category() -> None:
    assert set(PLOVER_MODES) == set(PloverEventType)
    listed = {mode for modes in PLOVER_MODES.values() for mode in modes}
    assert listed == set(PloverMode)
    for modes in PLOVER_MODES.values():
        assert len(modes) == len(set(modes))


def test_plover_mode_values_are_the_manuals() -> None:
    for value in (
        "riot",
        "demo",
        "abduct",
        "beat",
        "firearms",
        "primitive",
        "destroy",
        "arrest",
        "confiscate",
        "resign",
        "release",
        "visit",
        "disapprove",
        "territory",
        "change",
    ):
        assert PloverMode(value).value == value


def _modes(category: str) -> set[str]:
    return {m.value for m in PLOVER_MODES[PloverEventType(category)]}


def test_plover_specific_pairs() -> None:
    assert {"riot", "demo"} <= _modes("PROTEST")
    assert {"abduct", "beat", "firearms"} <= _modes("ASSAULT")
    assert "arrest" in _modes("COERCE")
    assert {"confiscate", "curfew", "martial-law"} <= _modes("COERCE")
    assert {"resign", "release"} <= _modes("RETREAT")
    assert "visit" in _modes("CONSULT")
    assert "disapprove" in _modes("ACCUSE")
    assert "territory" in _modes("THREATEN")


def test_plover_shared_modes() -> None:
    assert _modes("DEMAND") == _modes("REJECT") == {"assist", "change", "yield", "meet"}
    assert "arrest" in _modes("THREATEN")
    assert "expel" in _modes("THREATEN") and "expel" in _modes("SANCTION")
    assert "withdraw" in _modes("RETREAT") and "withdraw" in _modes("SANCTION")


def test_plover_categories_without_modes() -> None:
    for category in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"):
        assert PLOVER_MODES[PloverEventType(category)] == ()


def test_plover_mode_definitions_name_their_categories() -> None:
    for category, modes in PLOVER_MODES.items():
        for mode in modes:
            assert category.value in mode.definition


def test_plover_contexts() -> None:
    values = {m.value for m in PloverContext}
    for value in (
        "negation",
        "future",
        "hypothetical",
        "historical",
        "crime",
        "diplomatic",
        "human_rights",
        "rights_freedoms",
        "political_institutions",
        "economic",
    ):
        assert value in values
    assert len(PloverContext) == 32
    assert {c.value for c in PLOVER_SPECIAL_CONTEXTS} == {"historical", "future", "hypothetical", "negation"}


def test_plover_quad_categories() -> None:
    assert set(PLOVER_QUAD_CATEGORY) == set(PloverEventType)
    assert PLOVER_QUAD_CATEGORY[PloverEventType.DEMAND] == "VERBAL CONFLICT"
    assert PLOVER_QUAD_CATEGORY[PloverEventType.PROTEST] == "MATERIAL CONFLICT"
    assert PLOVER_QUAD_CATEGORY[PloverEventType.RETREAT] == "MATERIAL COOPERATION"


# UCDP -----------------------------------------------------------------------------------------------------------


def test_ucdp_codes() -> None:
    assert set(UCDP_TYPE_OF_VIOLENCE) == {1, 2, 3}
    assert UCDP_TYPE_OF_VIOLENCE[1].startswith("State-based")
    assert UCDP_TYPE_OF_VIOLENCE[2].startswith("Non-state")
    assert UCDP_TYPE_OF_VIOLENCE[3].startswith("One-sided")
    assert set(UCDP_DATE_PREC) == set(range(1, 6))
    assert set(UCDP_WHERE_PREC) == set(range(1, 8))
    assert set(UCDP_EVENT_CLARITY) == {1, 2}
    assert "exact date" in UCDP_DATE_PREC[1]
    assert "country" in UCDP_WHERE_PREC[6]


# Definitions ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_enum_definitions_are_non_empty(enum: type[DocEnum]) -> None:
    assert (enum.__doc__ or "").strip()
    for member in enum:
        assert member.definition.strip(), member
        assert member.definition.strip() != member.value


@pytest.mark.parametrize("codes", CODE_DICTS)
def test_code_meanings_are_non_empty(codes: dict[int, str]) -> None:
    assert codes
    assert all(text.strip() for text in codes.values())
