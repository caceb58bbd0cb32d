"""Each kind of schema change, on a one-change copy of the 9.0.0 fixture: its kind, class and compatibility."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.evolution import SchemaFolderError, diff_versions, load_schema_folder
from kyrgyz_events.evolution.diff import KINDS
from kyrgyz_events.generate.json_schema import all_json_schemas
from kyrgyz_events.paths import schema_root
from kyrgyz_events.schema_versions import Level

FIXTURES = Path(__file__).parent / "fixtures" / "evolution" / "schema"
Schemas = dict[str, dict[str, Any]]


def base() -> Schemas:
    return load_schema_folder(FIXTURES / "9.0.0")


def nullable(prop: dict[str, Any]) -> dict[str, Any]:
    description = prop.pop("description")
    return {"anyOf": [prop, {"type": "null"}], "description": description}


def add_column(s: Schemas, table: str, name: str, prop: dict[str, Any]) -> None:
    s[table]["properties"][name] = prop
    s[table]["required"].append(name)


def drop_column(s: Schemas, table: str, name: str) -> None:
    del s[table]["properties"][name]
    s[table]["required"].remove(name)


def prop(s: Schemas, table: str, column: str) -> dict[str, Any]:
    p: dict[str, Any] = s[table]["properties"][column]
    return p


def value_branch(s: Schemas, table: str, column: str) -> dict[str, Any]:
    p = prop(s, table, column)
    branch: dict[str, Any] = p["anyOf"][0] if "anyOf" in p else p
    return branch


def _table_added(s: Schemas) -> None:
    guides = copy.deepcopy(s["places"])
    guides["title"] = "guides"
    s["guides"] = guides


def _column_added_nullable(s: Schemas) -> None:
    add_column(s, "places", "elevation", nullable({"type": "integer", "description": "Metres."}))


def _column_added_non_null(s: Schemas) -> None:
    add_column(s, "places", "region", {"type": "string", "description": "Region."})


def _column_added_with_key(s: Schemas) -> None:
    add_column(s, "visits", "guide_place_id", nullable({"type": "string", "description": "A place."}))
    s["visits"]["x-foreignKeys"].append(
        {"fields": ["guide_place_id"], "reference": {"resource": "places", "fields": ["place_id"]}}
    )


def _rename(s: Schemas) -> None:
    s["visits"]["properties"] = {
        ("visitor_name" if k == "visitor" else k): v for k, v in s["visits"]["properties"].items()
    }
    s["visits"]["required"] = list(s["visits"]["properties"])


def _set(table: str, column: str, key: str, value: Any) -> Callable[[Schemas], None]:
    def change(s: Schemas) -> None:
        value_branch(s, table, column)[key] = value

    return change


def _delete(table: str, column: str, key: str) -> Callable[[Schemas], None]:
    def change(s: Schemas) -> None:
        del value_branch(s, table, column)[key]

    return change


def _enum(values: list[str]) -> Callable[[Schemas], None]:
    return _set("places", "kind", "enum", values)


def _nullability_tightened(s: Schemas) -> None:
    p = prop(s, "places", "population")
    s["places"]["properties"]["population"] = {**p.pop("anyOf")[0], "description": p["description"]}


def _nullability_loosened(s: Schemas) -> None:
    s["places"]["properties"]["name"] = nullable(prop(s, "places", "name"))


def _reorder(s: Schemas) -> None:
    props = s["places"]["properties"]
    s["places"]["properties"] = {k: props[k] for k in reversed(props)}


def _table_description(s: Schemas) -> None:
    s["places"]["description"] = "A place, reworded."


def _enum_description(s: Schemas) -> None:
    prop(s, "places", "kind")["x-enumDescriptions"]["city"] = "A town of some size."


def _primary_key(s: Schemas) -> None:
    s["visits"]["x-primaryKey"] = ["visit_id", "place_id"]


def _fk_added(s: Schemas) -> None:
    s["places"]["x-foreignKeys"].append(
        {"fields": ["name"], "reference": {"resource": "visits", "fields": ["visitor"]}}
    )


def _fk_removed(s: Schemas) -> None:
    s["visits"]["x-foreignKeys"] = []


def _requiredness_loosened(s: Schemas) -> None:
    s["places"]["required"].remove("name")


def _list_items_retyped(s: Schemas) -> None:
    prop(s, "visits", "tags")["items"] = {"type": "integer"}


def _items(keyword: str, value: Any) -> Callable[[Schemas], None]:
    def change(s: Schemas) -> None:
        prop(s, "visits", "tags")["items"][keyword] = value

    return change


@dataclass(frozen=True)
class OnBoth:
    """A change whose OLD and NEW both differ from the fixture: ``old`` applied to OLD, ``new`` to NEW."""

    old: Callable[[Schemas], None]
    new: Callable[[Schemas], None]


def _items_on_both(keyword: str, old: Any, new: Any) -> OnBoth:
    return OnBoth(_items(keyword, old), _items(keyword, new))


@dataclass(frozen=True)
class OnOld:
    """A change applied to OLD instead of NEW: the reverse of ``change``."""

    change: Callable[[Schemas], None]


# (id, change, expected kinds in order, class, Confluent compatibility)
Mutation = Callable[[Schemas], None] | OnOld | OnBoth | None
CASES: list[tuple[str, Mutation, list[str], Level, str]] = [
    ("no_change", None, [], Level.NONE, "FULL"),
    ("table_added", _table_added, ["table_added"], Level.MINOR, "BACKWARD"),
    ("table_removed", lambda s: s.pop("visits"), ["table_removed"], Level.MAJOR, "FORWARD"),
    ("table_removed_still_referenced", lambda s: s.pop("places"), ["table_removed"], Level.MAJOR, "NONE"),
    ("column_added_nullable", _column_added_nullable, ["column_added"], Level.MINOR, "BACKWARD"),
    ("column_added_non_null", _column_added_non_null, ["column_added"], Level.MAJOR, "NONE"),
    (
        "column_added_nullable_with_foreign_key",
        _column_added_with_key,
        ["column_added", "foreign_key_added"],
        Level.MINOR,
        "BACKWARD",
    ),
    (
        "column_removed_nullable",
        lambda s: drop_column(s, "places", "population"),
        ["column_removed"],
        Level.MAJOR,
        "FORWARD",
    ),
    ("column_removed_non_null", lambda s: drop_column(s, "places", "name"), ["column_removed"], Level.MAJOR, "NONE"),
    ("column_renamed", _rename, ["column_removed", "column_added"], Level.MAJOR, "NONE"),
    ("type_changed", _set("places", "name", "type", "integer"), ["type_changed"], Level.MAJOR, "NONE"),
    (
        "type_widened_integer_to_number",
        _set("places", "population", "type", "number"),
        ["type_changed"],
        Level.MAJOR,
        "BACKWARD",
    ),
    ("list_item_type_changed", _list_items_retyped, ["type_changed", "constraint_loosened"], Level.MAJOR, "NONE"),
    ("enum_value_added", _enum(["city", "village", "town"]), ["enum_value_added"], Level.MINOR, "BACKWARD"),
    ("enum_value_removed", _enum(["city"]), ["enum_value_removed"], Level.MAJOR, "FORWARD"),
    ("enum_reordered", _enum(["village", "city"]), ["enum_reordered"], Level.PATCH, "FULL"),
    (
        "enum_added_to_column",
        _set("visits", "visitor", "enum", ["a", "b"]),
        ["constraint_tightened"],
        Level.MAJOR,
        "FORWARD",
    ),
    ("minimum_raised", _set("places", "population", "minimum", 1), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    ("minimum_removed", _delete("places", "population", "minimum"), ["constraint_loosened"], Level.MINOR, "BACKWARD"),
    ("maximum_added", _set("places", "population", "maximum", 10**9), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    (
        "max_length_lowered",
        _set("places", "place_id", "maxLength", 16),
        ["constraint_tightened"],
        Level.MAJOR,
        "FORWARD",
    ),
    (
        "max_length_raised",
        _set("places", "place_id", "maxLength", 64),
        ["constraint_loosened"],
        Level.MINOR,
        "BACKWARD",
    ),
    ("min_length_removed", _delete("places", "name", "minLength"), ["constraint_loosened"], Level.MINOR, "BACKWARD"),
    ("min_items_added", _set("visits", "tags", "minItems", 1), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    ("item_max_length_added", _items("maxLength", 8), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    ("item_max_length_lowered", _items_on_both("maxLength", 16, 8), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    ("item_max_length_raised", _items_on_both("maxLength", 8, 16), ["constraint_loosened"], Level.MINOR, "BACKWARD"),
    ("item_min_length_raised", _items("minLength", 2), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    ("item_pattern_added", _items("pattern", "^[a-z]+$"), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    ("item_pattern_removed", OnOld(_items("pattern", "^[a-z]+$")), ["constraint_loosened"], Level.MINOR, "BACKWARD"),
    (
        "item_pattern_changed",
        _items_on_both("pattern", "^[a-z]+$", "^[a-z0-9]+$"),
        ["pattern_changed"],
        Level.MAJOR,
        "NONE",
    ),
    ("pattern_added", _set("visits", "visitor", "pattern", "^[A-Z]"), ["constraint_tightened"], Level.MAJOR, "FORWARD"),
    ("pattern_removed", _delete("places", "place_id", "pattern"), ["constraint_loosened"], Level.MINOR, "BACKWARD"),
    ("pattern_changed", _set("places", "place_id", "pattern", "^pl-[a-z]+$"), ["pattern_changed"], Level.MAJOR, "NONE"),
    ("nullability_tightened", _nullability_tightened, ["nullability_tightened"], Level.MAJOR, "FORWARD"),
    ("nullability_loosened", _nullability_loosened, ["nullability_loosened"], Level.MINOR, "BACKWARD"),
    ("requiredness_loosened", _requiredness_loosened, ["requiredness_loosened"], Level.MINOR, "BACKWARD"),
    ("requiredness_tightened", OnOld(_requiredness_loosened), ["requiredness_tightened"], Level.MAJOR, "FORWARD"),
    (
        "column_description_changed",
        _set("places", "name", "description", "Reworded."),
        ["description_changed"],
        Level.PATCH,
        "FULL",
    ),
    ("table_description_changed", _table_description, ["description_changed"], Level.PATCH, "FULL"),
    ("enum_value_description_changed", _enum_description, ["description_changed"], Level.PATCH, "FULL"),
    (
        "provenance_changed",
        _set("places", "name", "x-provenance", "external"),
        ["provenance_changed"],
        Level.PATCH,
        "FULL",
    ),
    ("columns_reordered", _reorder, ["columns_reordered"], Level.PATCH, "FULL"),
    ("primary_key_changed", _primary_key, ["primary_key_changed"], Level.MAJOR, "NONE"),
    ("foreign_key_added", _fk_added, ["foreign_key_added"], Level.MAJOR, "FORWARD"),
    ("foreign_key_removed", _fk_removed, ["foreign_key_removed"], Level.MINOR, "BACKWARD"),
    (
        "unknown_keyword_changed",
        _set("places", "population", "multipleOf", 5),
        ["keyword_changed"],
        Level.MAJOR,
        "NONE",
    ),
]


@pytest.mark.parametrize(
    ("change", "kinds", "level", "compatibility"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_kind_of_change_is_classified(
    change: Mutation, kinds: list[str], level: Level, compatibility: str
) -> None:
    old, new = base(), base()
    if isinstance(change, OnOld):
        change.change(old)
    elif isinstance(change, OnBoth):
        change.old(old)
        change.new(new)
    elif change is not None:
        change(new)
    diff = diff_versions(old, new, "9.0.0", "changed")
    assert diff.kinds() == kinds, diff.to_text()
    assert diff.level is level
    assert diff.compatibility == compatibility
    backward, forward = compatibility in ("FULL", "BACKWARD"), compatibility in ("FULL", "FORWARD")
    assert (diff.backward, diff.forward, diff.full) == (backward, forward, backward and forward)
    for c in diff.changes:
        assert c.table in old or c.table in new
        assert c.detail


def test_the_cases_cover_every_kind_of_change() -> None:
    assert {k for _, _, kinds, *_ in CASES for k in kinds} == set(KINDS)


def test_the_fixture_pair_renames_a_column() -> None:
    diff = diff_versions(base(), load_schema_folder(FIXTURES / "10.0.0"), "9.0.0", "10.0.0")
    assert [(c.kind, c.where) for c in diff.changes] == [
        ("column_removed", "visits.visitor"),
        ("column_added", "visits.visitor_name"),
    ]
    assert diff.level is Level.MAJOR and diff.compatibility == "NONE"


def test_the_latest_release_equals_what_the_models_generate() -> None:
    released = load_schema_folder(schema_root() / SCHEMA_VERSION)
    assert len(released) == len(all_json_schemas(SCHEMA_VERSION))
    diff = diff_versions(released, all_json_schemas(SCHEMA_VERSION), SCHEMA_VERSION, "models")
    assert diff.changes == (), diff.to_text()
    assert diff.level is Level.NONE


def test_report_as_text_and_json() -> None:
    new = base()
    _column_added_nullable(new)
    diff = diff_versions(base(), new, "9.0.0", "9.1.0")
    text = diff.to_text()
    assert text.splitlines()[0] == ("schema 9.0.0 -> 9.1.0: MINOR (backward: yes, forward: no, full: no; 1 change(s))")
    assert "column_added" in text and "places.elevation: nullable integer" in text
    data = json.loads(json.dumps(diff.as_dict()))
    assert data["level"] == "MINOR" and data["compatibility"] == "BACKWARD"
    assert data["changes"][0] == {
        "kind": "column_added",
        "table": "places",
        "column": "elevation",
        "detail": "nullable integer",
        "level": "MINOR",
        "backward": True,
        "forward": False,
    }


def test_unreadable_schema_folders_are_named(tmp_path: Path) -> None:
    with pytest.raises(SchemaFolderError, match="no such schema folder"):
        load_schema_folder(tmp_path / "missing")
    with pytest.raises(SchemaFolderError, match="holds no"):
        load_schema_folder(tmp_path)
    (tmp_path / "places.schema.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SchemaFolderError, match=r"places\.schema\.json: cannot read JSON"):
        load_schema_folder(tmp_path)
    (tmp_path / "places.schema.json").write_text('{"title": "places"}', encoding="utf-8")
    with pytest.raises(SchemaFolderError, match="not a table schema"):
        load_schema_folder(tmp_path)
