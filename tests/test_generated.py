"""The generated, committed files: no drift from the models, and each schema file well-formed and complete."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.cli import parser
from kyrgyz_events.contracts import known_versions
from kyrgyz_events.generate import REGENERATE_COMMAND, check_generated, generated_files, write_generated
from kyrgyz_events.models import TABLES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema" / SCHEMA_VERSION
SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))
HAND_WRITTEN = {"examples"}  # subfolders of the schema folder that are not generated


def _schema(table: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / f"{table}.schema.json").read_text(encoding="utf-8"))
    return schema


def _enum_nodes(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """The property itself and its anyOf alternatives that carry an enum (lists: their items)."""
    nodes = [prop, *prop.get("anyOf", [])]
    nodes += [n["items"] for n in list(nodes) if isinstance(n.get("items"), dict)]
    return [n for n in nodes if "enum" in n]


# --- the drift gate ----------------------------------------------------------------------------------


def test_committed_files_equal_a_fresh_generation() -> None:
    drifted = check_generated(ROOT, parser())
    assert not drifted, (
        "generated files differ from the models: "
        + ", ".join(drifted)
        + f". Run `{REGENERATE_COMMAND}` and commit the result."
    )


def test_regenerate_command_is_the_documented_one() -> None:
    assert REGENERATE_COMMAND == "kyrgyz-events schema generate"


def test_drift_gate_names_the_drifted_file(tmp_path: Path) -> None:
    written = write_generated(tmp_path, parser())
    assert sorted(written) == sorted(generated_files(parser())), "a fresh folder gets every generated file"
    assert check_generated(tmp_path, parser()) == []
    edited = f"schema/{SCHEMA_VERSION}/events.schema.json"
    (tmp_path / edited).write_text("{}\n", encoding="utf-8")
    (tmp_path / "docs/reference.md").unlink()
    assert sorted(check_generated(tmp_path, parser())) == sorted([edited, "docs/reference.md"])


def test_no_stray_file_in_the_generated_schema_folder() -> None:
    generated = {ROOT / rel for rel in generated_files(parser()) if rel.startswith(f"schema/{SCHEMA_VERSION}/")}
    present = {
        p for p in SCHEMA_DIR.rglob("*") if p.is_file() and p.relative_to(SCHEMA_DIR).parts[0] not in HAND_WRITTEN
    }
    assert present, f"{SCHEMA_DIR} holds no files"
    stray = sorted(str(p.relative_to(ROOT)) for p in present - generated)
    assert not stray, f"files in the generated folder that the generator does not write: {stray}"


# --- versions ----------------------------------------------------------------------------------------


def test_schema_version_is_the_folder_and_the_newest_known() -> None:
    assert SCHEMA_DIR.is_dir(), f"{SCHEMA_DIR} missing for SCHEMA_VERSION {SCHEMA_VERSION}"
    assert known_versions()[-1] == SCHEMA_VERSION
    tables = json.loads((SCHEMA_DIR / "tables.json").read_text(encoding="utf-8"))
    assert tables == {"schemaVersion": SCHEMA_VERSION, "tables": list(TABLES)}


def test_one_schema_file_per_table() -> None:
    assert [p.name for p in SCHEMA_FILES] == sorted(f"{t}.schema.json" for t in TABLES)


# --- each schema file --------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_schema_is_valid_2020_12(table: str) -> None:
    schema = _schema(table)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("table", list(TABLES))
def test_schema_id_and_version(table: str) -> None:
    schema = _schema(table)
    assert schema["$id"].startswith("https://"), schema["$id"]
    assert schema["$id"].endswith(f"/{SCHEMA_VERSION}/{table}.schema.json"), schema["$id"]
    assert schema["x-schemaVersion"] == SCHEMA_VERSION
    assert schema["title"] == table


@pytest.mark.parametrize("table", list(TABLES))
def test_schema_is_closed_and_requires_every_column(table: str) -> None:
    schema = _schema(table)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == list(TABLES[table].model_fields), "columns in model order"
    assert schema["required"] == list(schema["properties"])


@pytest.mark.parametrize("table", list(TABLES))
def test_every_column_and_the_table_are_described(table: str) -> None:
    schema = _schema(table)
    assert schema["description"].strip(), f"{table}: no table description"
    empty = [name for name, prop in schema["properties"].items() if not str(prop.get("description", "")).strip()]
    assert not empty, f"{table}: columns without a description: {empty}"


@pytest.mark.parametrize("table", list(TABLES))
def test_every_enum_value_has_a_definition(table: str) -> None:
    schema = _schema(table)
    checked = 0
    for name, prop in schema["properties"].items():
        for node in _enum_nodes(prop):
            definitions = prop.get("x-enumDescriptions", node.get("x-enumDescriptions", {}))
            missing = [v for v in node["enum"] if not str(definitions.get(v, "")).strip()]
            assert not missing, f"{table}.{name}: enum values without a definition: {missing}"
            assert set(definitions) == set(node["enum"]), f"{table}.{name}: definitions of values not in the enum"
            checked += 1
    has_enum = any(_enum_nodes(p) for p in schema["properties"].values())
    assert checked > 0 or not has_enum


def test_the_closed_vocabularies_are_enums() -> None:
    """The vocabularies issue 2 names are enums in the schemas (not free strings)."""
    expected = {
        "actors": ["actor_type"],
        "event_actors": ["role"],
        "actor_relations": ["relation"],
        "claim_relations": ["relation"],
        "locations": ["location_type", "geo_precision"],
        "events": ["event_type", "date_precision", "factuality"],
        "claims": ["claim_type", "factuality", "quantity_kind", "value_qualifier"],
        "evidence": ["record_table"],
    }
    for table, columns in expected.items():
        for column in columns:
            assert _enum_nodes(_schema(table)["properties"][column]), f"{table}.{column} is not an enum"


# --- folder README and docs --------------------------------------------------------------------------


def test_generated_folder_readme_says_do_not_edit() -> None:
    readme = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8").lower()
    assert "generated" in readme
    assert "do not edit" in readme
    assert REGENERATE_COMMAND in readme, "the README says how to regenerate"


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def test_reference_mentions_every_table_column_and_enum_value() -> None:
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert "do not edit" in reference
    missing: list[str] = []
    for table in TABLES:
        schema = _schema(table)
        if f"## {table}\n" not in reference:
            missing.append(f"table {table}")
        for name, prop in schema["properties"].items():
            if f"| `{name}` |" not in reference:
                missing.append(f"column {table}.{name}")
            definitions = prop.get("x-enumDescriptions", {})
            for node in _enum_nodes(prop):
                for value in node["enum"]:
                    definition = definitions.get(value, node.get("x-enumDescriptions", {}).get(value, ""))
                    if f"| `{value}` | {_markdown_cell(definition)} |" not in reference:
                        missing.append(f"enum value {table}.{name}={value}")
    assert not missing, f"docs/reference.md lacks: {missing}"


def test_crosswalk_page_describes_every_column_of_every_view() -> None:
    from kyrgyz_events.models.scheme_tables import SCHEME_TABLES

    crosswalk = (ROOT / "docs" / "crosswalk.md").read_text(encoding="utf-8")
    missing = [f"{m.table}.{c}" for m in SCHEME_TABLES for c in m.model_fields if f"| `{c}` |" not in crosswalk]
    assert not missing, f"docs/crosswalk.md lacks {missing}"


def test_the_reference_shows_every_list_item_constraint() -> None:
    from kyrgyz_events.contracts import load_specs

    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in reference.splitlines() if line.startswith("| `")}
    checked = 0
    for spec in load_specs(SCHEMA_VERSION).values():
        for c in spec.columns:
            if c.item_pattern is None and c.item_max_length is None and c.item_min_length is None:
                continue
            section = reference.split(f"\n## {spec.name}\n", 1)[1].split("\n## ", 1)[0]
            row = next(line for line in section.splitlines() if line.startswith(f"| `{c.name}` |"))
            if c.item_pattern is not None:
                assert f"each item: pattern `{c.item_pattern.replace('|', chr(92) + '|')}`" in row, row
            if c.item_max_length is not None:
                assert f"each item: length <= {c.item_max_length}" in row, row
            if c.item_min_length is not None:
                assert f"each item: length >= {c.item_min_length}" in row, row
            checked += 1
    assert checked >= 3 and rows
