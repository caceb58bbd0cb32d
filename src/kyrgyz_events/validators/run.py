"""The validation run: open the input, then package, record, table, cross-table and provenance rules."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Finding, Findings, Report
from kyrgyz_events.rules import unusable
from kyrgyz_events.validators import package_rules, records_fast, records_reference
from kyrgyz_events.validators.cross_rules import cross_findings
from kyrgyz_events.validators.ids import with_ids
from kyrgyz_events.validators.provenance import provenance_findings
from kyrgyz_events.validators.sentence_rules import sentence_findings
from kyrgyz_events.validators.source import (
    Inputs,
    Unusable,
    open_inputs,
    parquet_version_findings,
    read_jsonl,
    read_parquet,
)
from kyrgyz_events.validators.table_rules import table_findings


def validate_path(
    path: Path,
    *,
    fast: bool = True,
    formats: tuple[str, ...] = ("parquet", "jsonl"),
    lazy: bool = True,
    schema_version: str | None = None,
) -> Report:
    """``lazy`` (with ``fast``, a package and Parquet only): count every rule's failures in one lazy plan
    first and materialise only the failing rules (``lazy_run``); else read every table eagerly.
    ``schema_version``: the version the input follows, where it does not say or says otherwise."""
    report = Report(target=str(path))
    try:
        inputs = open_inputs(path, schema_version)
        report.schema_version = inputs.version
        report.extend(inputs.findings)
        _run(inputs, report, fast=fast, formats=formats, lazy=lazy)
    except Unusable as e:
        report.add(e.finding)
    except ImportError:  # a missing optional dependency is the installation's fault, not the input's
        raise
    except Exception as e:
        report.add(unusable("package.readable", f"cannot validate {path}: {type(e).__name__}: {e}", file=str(path)))
    return report


def _package_findings(inputs: Inputs, formats: tuple[str, ...]) -> list[Finding]:
    descriptor = inputs.descriptor or {}
    return (
        package_rules.profile_findings(descriptor)
        + package_rules.release_findings(descriptor, inputs.specs)
        + package_rules.integrity_findings(descriptor, inputs.root, formats)
        + package_rules.listed_findings(descriptor, inputs.root)
        + package_rules.croissant_findings(descriptor, inputs.root, inputs.specs)
        + package_rules.missing_file_findings(descriptor, inputs.root)
    )


def _read(inputs: Inputs, table: str, fmt: str, report: Report) -> pl.DataFrame | None:
    path = inputs.files[table].get(fmt)
    if path is None:
        return None
    rel = inputs.rel(path)
    try:
        if fmt == "parquet":
            report.extend(parquet_version_findings(inputs, table, path))
            return read_parquet(path, rel)
        return read_jsonl(path, rel)
    except Unusable as e:
        report.add(replace(e.finding, table=e.finding.table or table))
        return None


def _records(
    frame: pl.DataFrame, spec: TableSpec, inputs: Inputs, table: str, fmt: str, fast: bool
) -> tuple[Findings, pl.DataFrame]:
    path = inputs.files[table][fmt]
    rel = inputs.rel(path)
    found, conformed = records_fast.record_findings(frame, spec, rel, fmt)
    if fast:
        return found, conformed
    # Reference: the same structure check, then jsonschema on every record.
    schema = _reference_schema(frame, path, fmt, spec)
    structure, skip = records_fast.structure(spec, schema, rel, typed=fmt == "parquet")
    rows = records_reference.parquet_rows(path) if fmt == "parquet" else records_reference.jsonl_rows(path)
    out = Findings(items=list(structure))
    out.extend(records_reference.record_findings(rows, spec, rel, skip))
    return out, conformed


def _reference_schema(frame: pl.DataFrame, path: Path, fmt: str, spec: TableSpec) -> dict[str, Any]:
    if fmt == "parquet":
        return dict(frame.schema)
    rows = records_reference.jsonl_rows(path)
    if not rows:  # an empty JSON Lines file has no keys to check
        return dict.fromkeys(spec.column_names, pl.Null)
    return dict.fromkeys(records_reference.key_union(rows), pl.Null)


def _run(inputs: Inputs, report: Report, *, fast: bool, formats: tuple[str, ...], lazy: bool = False) -> None:
    if lazy and fast and tuple(formats) == ("parquet",) and inputs.descriptor is not None:
        from kyrgyz_events.validators.lazy_run import run_parquet

        # The descriptor and file hashes are checked (in Python, hashlib) while polars runs the rules.
        with ThreadPoolExecutor(max_workers=1) as pool:
            package = pool.submit(_package_findings, inputs, formats)
            scratch = Report(target=report.target)
            done = run_parquet(inputs, scratch)
            report.extend(package.result())
        if report.unusable:
            return
        if done:
            report.extend(scratch.findings)
            report.omitted.update(scratch.omitted)
            report.rows_checked.update(scratch.rows_checked)
            return
    elif inputs.descriptor is not None:
        report.extend(_package_findings(inputs, formats))
    if report.unusable:
        return
    frames: dict[str, pl.DataFrame] = {}
    files: dict[str, str] = {}
    for table, spec in inputs.specs.items():
        conformed: dict[str, pl.DataFrame] = {}
        clean: dict[str, bool] = {}
        for fmt in formats:
            frame = _read(inputs, table, fmt, report)
            if frame is None:
                continue
            found, conformed[fmt] = _records(frame, spec, inputs, table, fmt, fast)
            report.extend(found)
            report.rows_checked[f"{table}.{fmt}"] = frame.height
            clean[fmt] = not any(f.rule == "record.columns" for f in found.items)
        if not conformed:
            continue
        first = next(iter(conformed))
        frames[table] = with_ids(conformed[first], spec.primary_key)  # record ids computed once per table
        files[table] = inputs.rel(inputs.files[table][first])
        if len(conformed) == 2 and all(clean.values()):
            report.extend(
                package_rules.twin_findings(
                    conformed["parquet"], conformed["jsonl"], spec, inputs.rel(inputs.files[table]["jsonl"])
                )
            )
    if report.unusable:
        return
    for table, frame in frames.items():
        report.extend(table_findings(frame, inputs.specs[table], files[table]))
    if not inputs.single_file:
        report.extend(cross_findings(frames, inputs.specs, files))
        report.extend(provenance_findings(frames, inputs.specs, files))
        report.extend(sentence_findings({t: f.lazy() for t, f in frames.items()}, inputs.specs, files))
    elif set(frames) & {"documents"}:
        report.extend(provenance_findings(frames, inputs.specs, files))
