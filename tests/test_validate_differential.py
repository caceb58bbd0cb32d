"""The record rules' SQL and the per-record jsonschema reference report the same findings (rule, table,
record id, field) on corrupted JSON Lines files on their own (the fault corpus runs every path in
test_validate_engines.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from faults.cases import Key
from faults.editor import PackageEditor

from kyrgyz_events.validators import Report, validate


def keys(report: Report) -> set[Key]:
    return {(f.rule, f.table, f.record_id, f.field) for f in report.findings}


JSONL_FAULTS: dict[str, tuple[str, Any]] = {
    "enum": ("actors", lambda r: r[0].update(actor_type="alien")),
    "pattern": ("actors", lambda r: r[0].update(country_code="kg")),
    "required-null": ("events", lambda r: r[0].update(summary=None)),
    "empty-string": ("events", lambda r: r[0].update(summary="")),
    "missing-key-one-line": ("events", lambda r: r[0].pop("summary")),
    "extra-key-one-line": ("events", lambda r: r[0].update(colour="red")),
    "string-for-number": ("locations", lambda r: r[0].update(latitude="north")),
    "float-for-integer": ("evidence", lambda r: r[0].update(start=r[0]["start"] + 0.5)),
    "bad-date": ("events", lambda r: next(x for x in r if x["date_start"]).update(date_start="2010-02-30")),
    "date-format": ("events", lambda r: next(x for x in r if x["date_start"]).update(date_start="2010-4-7")),
    "negative": ("claims", lambda r: next(x for x in r if x["value_min"] is not None).update(value_min=-1)),
    "too-long-id": ("actors", lambda r: r[0].update(actor_id="act-" + "x" * 100)),
    "empty-list": ("casualty_estimates", lambda r: r[0].update(claim_ids=[])),
    "list-item-pattern": ("casualty_estimates", lambda r: r[0].update(claim_ids=["40"])),
    "list-item-too-long": ("sentences", lambda r: r[0].update(record_ids=["act-" + "x" * 100])),
    "list-item-wrong-table": ("sentences", lambda r: r[0].update(record_ids=["doc-sample"])),
    "null-key": ("actors", lambda r: r[0].update(actor_id=None)),
}


@pytest.mark.parametrize("name", list(JSONL_FAULTS))
def test_jsonl_record_faults_agree(name: str, sample_package: Path, tmp_path: Path) -> None:
    """A JSON Lines file on its own: both paths see the same record findings."""
    import shutil

    table, edit = JSONL_FAULTS[name]
    shutil.copytree(sample_package, tmp_path / "p")
    PackageEditor(tmp_path / "p").edit_json_rows(table, edit)
    target = tmp_path / "p" / "data" / f"{table}.jsonl"
    fast, reference = validate(target, fast=True), validate(target, fast=False)
    record_keys = {k for k in keys(fast) if k[0].startswith("record.")}
    assert record_keys, fast.to_text()
    assert keys(fast) == keys(reference), fast.to_text() + "\n---\n" + reference.to_text()


def named_keys(report: Report) -> set[tuple[str, str | None, str | None, str | None, str | None]]:
    return {(f.rule, f.table, f.record_id, f.field, f.file) for f in report.findings}


@pytest.mark.parametrize("parts", [1, 2], ids=["one-file", "two-parts"])
def test_a_fault_in_both_twins_is_named_in_each_file_as_the_reference_names_it(
    parts: int, sample_package: Path, tmp_path: Path
) -> None:
    """A fault in every row of both twins (the Parquet one whole or in parts): the default path names each
    file and part for each finding as the reference, which checks every record of both, names it."""
    import shutil

    import polars as pl

    shutil.copytree(sample_package, tmp_path / "p")
    editor = PackageEditor(tmp_path / "p")
    editor.update("actors", lambda f: f.with_columns(pl.lit("alien").alias("actor_type")))
    if parts > 1:
        editor.split("actors", parts=parts)
    fast, reference = validate(tmp_path / "p"), validate(tmp_path / "p", fast=False)
    named = {k for k in named_keys(fast) if k[0] == "record.json_schema"}
    assert {k[4] for k in named} == {k[4] for k in named_keys(reference) if k[0] == "record.json_schema"}
    assert len({k[4] for k in named}) == parts + 1 and "data/actors.jsonl" in {k[4] for k in named}
    assert named_keys(fast) == named_keys(reference), fast.to_text() + "\n---\n" + reference.to_text()
    assert fast.omitted == reference.omitted
