"""Differential test: every example record goes through pydantic AND the committed JSON Schema, and both
must agree with the case's ``valid``.

Cases are ``schema/<version>/examples/<table>/<case>.json`` = ``{"description", "data", "valid"}``. Pydantic
reads them in strict JSON mode (``model_validate_json(..., strict=True)``): it sees what a JSON reader sees
(dates are strings) and coerces nothing, as JSON Schema does not.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import ValidationError

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.models import TABLES
from kyrgyz_events.paths import schema_root

SCHEMA_DIR = schema_root() / SCHEMA_VERSION
EXAMPLES = SCHEMA_DIR / "examples"
CASE_KEYS = {"description", "data", "valid"}


def _case_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*/*.json"))


CASE_FILES = _case_files()
CASE_IDS = [f"{p.parent.name}/{p.stem}" for p in CASE_FILES]


def _load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return case


def _validator(table: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{table}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _pydantic_errors(table: str, data: Any) -> list[dict[str, Any]]:
    try:
        TABLES[table].model_validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        return [dict(e) for e in exc.errors()]
    return []


def _named_column(table: str, path: Path, data: dict[str, Any]) -> str:
    """The one column an invalid case's file name says is wrong (an unknown key for 'extra-column')."""
    if path.stem == "invalid-extra-column":
        extra = sorted(set(data) - set(TABLES[table].model_fields))
        assert len(extra) == 1, f"{path}: expected exactly one unknown column, found {extra}"
        return extra[0]
    columns = [c for c in TABLES[table].model_fields if c in path.stem]
    assert columns, f"{path}: the file name names no column of {table}"
    return max(columns, key=len)  # 'date_end' rather than 'end'


def test_examples_folder_found() -> None:
    assert EXAMPLES.is_dir(), f"{EXAMPLES} is missing"
    assert len(CASE_FILES) >= 4 * len(TABLES), f"{EXAMPLES}: found only {len(CASE_FILES)} cases"


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_has_valid_and_invalid_examples(table: str) -> None:
    folder = EXAMPLES / table
    assert folder.is_dir(), f"{folder} is missing: every table needs example records"
    valid = sorted(folder.glob("valid-*.json"))
    invalid = sorted(folder.glob("invalid-*.json"))
    assert valid, f"{folder}: no valid-*.json case"
    assert invalid, f"{folder}: no invalid-*.json case"
    others = sorted(p.name for p in folder.iterdir() if p not in {*valid, *invalid})
    assert not others, f"{folder}: files that are neither valid-*.json nor invalid-*.json: {others}"


def test_no_example_folder_for_an_unknown_table() -> None:
    folders = {p.name for p in EXAMPLES.iterdir() if p.is_dir()}
    assert folders == set(TABLES), f"example folders {sorted(folders - set(TABLES))} are not tables"


@pytest.mark.parametrize("path", CASE_FILES, ids=CASE_IDS)
def test_case_is_well_formed(path: Path) -> None:
    case = _load(path)
    assert set(case) == CASE_KEYS, f"{path}: keys {sorted(case)}, expected {sorted(CASE_KEYS)}"
    assert isinstance(case["valid"], bool), f"{path}: 'valid' must be true or false"
    assert isinstance(case["data"], dict), f"{path}: 'data' must be one record (a JSON object)"
    assert isinstance(case["description"], str) and case["description"].strip(), f"{path}: empty description"
    prefix = "valid-" if case["valid"] else "invalid-"
    assert path.stem.startswith(prefix), f"{path}: a case with valid={case['valid']} is named '{prefix}…'"


@pytest.mark.parametrize("path", CASE_FILES, ids=CASE_IDS)
def test_pydantic_agrees(path: Path) -> None:
    case, table = _load(path), path.parent.name
    errors = _pydantic_errors(table, case["data"])
    if case["valid"]:
        assert not errors, f"{path}: pydantic rejects a valid case: {errors}"
    else:
        assert errors, f"{path}: pydantic accepts an invalid case ({case['description']})"


@pytest.mark.parametrize("path", CASE_FILES, ids=CASE_IDS)
def test_json_schema_agrees(path: Path) -> None:
    case, table = _load(path), path.parent.name
    errors = [e.message for e in _validator(table).iter_errors(case["data"])]
    if case["valid"]:
        assert not errors, f"{path}: the JSON Schema rejects a valid case: {errors}"
    else:
        assert errors, f"{path}: the JSON Schema accepts an invalid case ({case['description']})"


INVALID = [(p, i) for p, i in zip(CASE_FILES, CASE_IDS, strict=True) if p.stem.startswith("invalid-")]


@pytest.mark.parametrize("path", [p for p, _ in INVALID], ids=[i for _, i in INVALID])
def test_invalid_case_has_exactly_the_named_defect(path: Path) -> None:
    """Every error, from either side, is about the one column the file name and description name."""
    case, table = _load(path), path.parent.name
    column = _named_column(table, path, case["data"])
    assert column in case["description"], f"{path}: the description does not name {column}"
    for err in _pydantic_errors(table, case["data"]):
        assert err["loc"] and err["loc"][0] == column, f"{path}: pydantic error off the named column: {err}"
    for js in _validator(table).iter_errors(case["data"]):
        if js.absolute_path:
            assert js.absolute_path[0] == column, f"{path}: JSON Schema error off {column}: {js.message}"
        else:  # required / additionalProperties: the column is in the message
            assert js.validator in ("required", "additionalProperties"), f"{path}: {js.message}"
            assert repr(column) in js.message, f"{path}: JSON Schema error off {column}: {js.message}"


def test_invalid_cases_equal_their_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed invalid cases are what scripts/make_examples.py derives from the valid ones."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "make_examples.py"
    spec = importlib.util.spec_from_file_location("make_examples", script)
    assert spec is not None and spec.loader is not None, f"{script} is missing"
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script prepends src/ to sys.path
    spec.loader.exec_module(module)
    drifted = module.drifted(EXAMPLES)
    assert not drifted, f"invalid cases drifted: {[str(p) for p in drifted]}; run python scripts/make_examples.py"


def test_format_date_is_enforced() -> None:
    """FormatChecker must check `format: date` (jsonschema only asserts formats when given a checker)."""
    validator = _validator("events")
    assert validator.schema["properties"]["date_start"]["anyOf"][0]["format"] == "date"
    for bad in ("yesterday", "2010-02-30", "20100407", "2010-04-07T00:00:00"):
        assert not validator.is_valid({"date_start": bad}), bad
    unchecked = Draft202012Validator(validator.schema)  # no format checker: formats are annotations only
    assert not any(e.path and e.path[0] == "date_start" for e in unchecked.iter_errors({"date_start": "yesterday"}))


# Known divergences, pinned so that a change in either library is noticed. None can occur in the published
# files (Parquet is typed; the JSONL writer emits ints as ints and ids from the checked models).


def test_known_divergence_trailing_newline_in_pattern() -> None:
    """python-jsonschema matches `pattern` with Python's re, where `$` also matches before a final newline;
    ECMA-262 (JSON Schema's regex dialect) and pydantic's Rust regex do not. Validators must not rely on the
    JSON Schema alone for ids."""
    record = {"event_id": "evt-bishkek-clashes\n", "actor_id": "act-protesters", "role": "agent"}
    assert _pydantic_errors("event_actors", record)
    assert _validator("event_actors").is_valid(record)


def test_known_divergence_integral_float_for_integer() -> None:
    """JSON Schema counts 40.0 as an integer; strict pydantic does not (lax pydantic does)."""
    record = {"event_id": "evt-a", "quantity_kind": "killed", "low": 40.0, "high": None}
    record |= {"high_unbounded": True, "approximate": False, "claim_ids": ["clm-a"]}
    assert _validator("casualty_estimates").is_valid(record)
    assert _pydantic_errors("casualty_estimates", record)


def test_lax_pydantic_coerces_what_json_schema_rejects() -> None:
    """Why the examples use strict mode: lax pydantic turns "40" into 40 and 1 into True."""
    path = EXAMPLES / "claims" / "invalid-value_min-string.json"
    data = _load(path)["data"]
    TABLES["claims"].model_validate_json(json.dumps(data))  # lax: accepted
    assert not _validator("claims").is_valid(data)
