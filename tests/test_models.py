"""Direct tests of the pydantic models: vocabularies, the scheme views, ids, closed records."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from pydantic import ValidationError

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.models import TABLES, vocab
from kyrgyz_events.models.scheme_tables import SCHEME_TABLES
from kyrgyz_events.models.vocab import DocEnum, Factuality, ValueQualifier
from kyrgyz_events.paths import schema_root
from kyrgyz_events.scheme_views import DERIVED_COLUMNS

VOCABULARIES = [c for _, c in inspect.getmembers(vocab, inspect.isclass) if issubclass(c, DocEnum) and c is not DocEnum]
EXAMPLES = schema_root() / SCHEMA_VERSION / "examples"

#: The tables and required columns issue 2 fixes as the contract (models may add columns, never drop these).
CONTRACT = {
    "documents": "document_id title subtitle publisher published_date published_date_basis language text "
    "text_sha256 body_start body_end",
    "sentences": "sentence_id document_id position part start end exact record_ids no_record_reason",  # 1.1.0
    "actors": "actor_id name actor_type aliases description country_code wikidata_id",
    "locations": "location_id name location_type parent_location_id country_code latitude longitude geo_precision "
    "geonames_id wikidata_id",
    "events": "event_id document_id event_type summary date_start date_end date_precision date_expression "
    "location_id parent_event_id factuality",  # 2.0.0 moved the looked-up scheme codes to the views
    "actor_relations": "actor_id related_actor_id relation title",
    "event_actors": "event_id actor_id role",
    "claims": "claim_id document_id event_id claimant_actor_id reported_via_actor_id claim_type statement "
    "factuality quantity_kind value_min value_max value_qualifier",
    "claim_relations": "claim_id related_claim_id relation",
    "evidence": "evidence_id document_id record_table record_id start end exact prefix suffix sentence_id",
    "casualty_estimates": "event_id quantity_kind low high claim_ids",
    "acled_events": "acled_event_id event_ids event_date time_precision event_type sub_event_type actor1 inter1 "
    "actor2 inter2 interaction civilian_targeting admin1 admin2 location latitude longitude geo_precision source "
    "notes fatalities",  # 2.0.0
    "ucdp_events": "ucdp_event_id event_ids type_of_violence side_a side_b where_prec event_clarity date_prec "
    "date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown best low high",  # 2.0.0
    "plover_events": "event_id event_type mode context actor recipient size_dead size_injured event_text "
    "text_start text_end",  # 2.0.0
}


def valid_record(table: str) -> dict[str, Any]:
    """The first valid example record of a table (as a JSON reader sees it)."""
    paths = sorted((EXAMPLES / table).glob("valid-*.json"))
    assert paths, f"no valid example for {table}"
    data: dict[str, Any] = json.loads(paths[0].read_text(encoding="utf-8"))["data"]
    return data


def validate(table: str, data: dict[str, Any]) -> None:
    TABLES[table].model_validate_json(json.dumps(data), strict=True)


def test_tables_in_publishing_order() -> None:
    assert list(TABLES) == list(CONTRACT)


@pytest.mark.parametrize("table", list(CONTRACT))
def test_contract_columns_present_in_order(table: str) -> None:
    columns = list(TABLES[table].model_fields)
    required = CONTRACT[table].split()
    missing = [c for c in required if c not in columns]
    assert not missing, f"{table}: contract columns missing: {missing}"
    assert [c for c in columns if c in required] == required, f"{table}: contract columns out of order"


# --- vocabularies -------------------------------------------------------------------------------------


def test_vocabularies_found() -> None:
    assert len(VOCABULARIES) >= 12, [v.__name__ for v in VOCABULARIES]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_vocabulary_value_has_a_definition(vocabulary: type[DocEnum]) -> None:
    assert (vocabulary.__doc__ or "").strip(), f"{vocabulary.__name__} has no docstring"
    members = list(vocabulary)
    assert members, vocabulary.__name__
    empty = [m.value for m in members if not m.definition.strip()]
    assert not empty, f"{vocabulary.__name__}: values without a definition: {empty}"
    assert len({m.definition for m in members}) == len(members), f"{vocabulary.__name__}: duplicate definitions"


def test_factuality_expresses_what_issue_2_requires() -> None:
    # stated by the author, reported by a source, disputed, denied, predicted or demanded, unknown
    required = {"asserted", "reported", "disputed", "denied", "predicted", "demanded", "unknown"}
    assert required <= {f.value for f in Factuality}


def test_value_qualifier_expresses_what_issue_2_requires() -> None:
    required = {"exact", "approximately", "at_least", "more_than", "up_to", "at_most"}
    assert required <= {q.value for q in ValueQualifier}


# --- the scheme views ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", SCHEME_TABLES, ids=lambda m: m.table)
def test_the_derived_columns_are_the_ones_the_build_fills(model: type) -> None:
    """A view column is marked derived in its schema exactly when kyrgyz_events.scheme_views fills it."""
    marked = {n for n, f in model.model_fields.items() if (f.json_schema_extra or {}).get("x-provenance") == "derived"}
    assert marked == set(DERIVED_COLUMNS[model.table])


def test_plover_follows_the_0_8_manual() -> None:
    from kyrgyz_events.models.scheme_codes import PloverEventType

    assert "DEMAND" in {t.value for t in PloverEventType} and "REQUEST" not in {t.value for t in PloverEventType}


# --- ids ----------------------------------------------------------------------------------------------

GOOD_IDS = ["evt-a", "evt-bishkek-clashes", "evt-2010-04-07-bishkek", "evt-" + "a" * 92]
BAD_IDS = ["evt-", "evt--a", "evt-a-", "EVT-a", "evt-A", "evt_a", "evt-a_b", "evt-a b", "act-a", "evt-é", "7", ""]
BAD_IDS += ["evt-" + "a" * 93, " evt-a", "evt-a\n"]


@pytest.mark.parametrize("value", GOOD_IDS)
def test_good_event_ids(value: str) -> None:
    validate("events", {**valid_record("events"), "event_id": value})


@pytest.mark.parametrize("value", BAD_IDS, ids=repr)
def test_bad_event_ids(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate("events", {**valid_record("events"), "event_id": value})
    assert [e["loc"] for e in caught.value.errors()] == [("event_id",)]


@pytest.mark.parametrize("table", [t for t, m in TABLES.items() if m.id_prefix])
def test_id_prefix_is_the_primary_keys_pattern(table: str) -> None:
    model = TABLES[table]
    assert len(model.primary_key) == 1
    key = model.primary_key[0]
    record = valid_record(table)
    assert record[key].startswith(f"{model.id_prefix}-")
    validate(table, {**record, key: f"{model.id_prefix}-another-one-2"})
    with pytest.raises(ValidationError):
        validate(table, {**record, key: f"x{model.id_prefix}-another-one"})


# --- closed, complete, frozen records -----------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_closed_to_unknown_keys(table: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(table, {**valid_record(table), "comment": "extra"})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [("extra_forbidden", ("comment",))]


@pytest.mark.parametrize("table", list(TABLES))
def test_every_column_is_a_required_key(table: str) -> None:
    record = valid_record(table)
    for column in TABLES[table].model_fields:
        data = {k: v for k, v in record.items() if k != column}
        with pytest.raises(ValidationError) as caught:
            validate(table, data)
        assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [("missing", (column,))], column


@pytest.mark.parametrize("table", list(TABLES))
def test_records_are_frozen(table: str) -> None:
    record = TABLES[table].model_validate_json(json.dumps(valid_record(table)), strict=True)
    column = next(iter(TABLES[table].model_fields))
    with pytest.raises(ValidationError):
        setattr(record, column, "changed")


def test_enum_values_are_stored_as_plain_strings() -> None:
    record = TABLES["events"].model_validate_json(json.dumps(valid_record("events")), strict=True)
    dumped = record.model_dump(mode="json")
    assert dumped["event_type"] == valid_record("events")["event_type"]
    assert type(record.model_dump()["event_type"]) is str
