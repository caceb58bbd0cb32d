"""The validation run: open the input, check the package as files, read every table file for the rules, then
run every rule's SQL on an engine (``engines``) and the three Python rules (``host_rules``).

Reading is the embedded reader's job whatever the engine: a Parquet file is scanned lazily (its schema
from the footer, its rows only when a query needs them); a JSON Lines file is read whole, typed by pyarrow
where it is plainly well-formed (``package_io.jsonl_typed``), else with its limits checked, parsed and
cast to the schema's types. The record rules run on every file; the rules above the records
on each table's first file (Parquet when both are read), after the twins are compared.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from kyrgyz_events.contracts.pandera_schema import polars_type
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Finding, Findings, Report
from kyrgyz_events.package_io.parts import Part, table_path
from kyrgyz_events.progress import steps
from kyrgyz_events.rules import row_queries, unusable
from kyrgyz_events.rules.provenance import WINDOWS, document_windows
from kyrgyz_events.rules.record import BAD, file_queries
from kyrgyz_events.validators import package_rules, records_reference
from kyrgyz_events.validators.engines import Engine, Job, run
from kyrgyz_events.validators.host_rules import host_findings
from kyrgyz_events.validators.ids import numbered
from kyrgyz_events.validators.inputs import (
    Inputs,
    Unusable,
    open_inputs,
    parquet_version_findings,
    read_jsonl,
    read_parquet,
)
from kyrgyz_events.validators.partitions import partition_findings
from kyrgyz_events.validators.records import coerce, run_checks, structure


@dataclass(frozen=True)
class Options:
    """How a run validates. ``fast=False``: the record rules by ``jsonschema`` on every record (the
    reference) instead of SQL; ``formats``: the files of each table read; ``engine``: "polars" (embedded)
    or "spark" (``master`` the Spark master URL, default ``local[2]``)."""

    fast: bool = True
    formats: tuple[str, ...] = ("parquet", "jsonl")
    engine: str = "polars"
    master: str | None = None


def validate_path(path: Path, options: Options, schema_version: str | None = None) -> Report:
    """The report on ``path``. ``schema_version``: the version the input follows, where it does not say or
    says otherwise."""
    report = Report(target=str(path))
    try:
        inputs = open_inputs(path, schema_version)
        report.schema_version = inputs.version
        report.extend(inputs.findings)
        _run(inputs, report, options)
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


@dataclass
class TableFile:
    """One file of a table (or the parts of a partitioned one, as one table), read for the rules: ``frame``
    has the schema's columns and types, ``__row`` (continuous across parts, in table order), and (JSON
    Lines, ``marked``) a ``BAD`` column per checked column. ``rel`` names the file, or the parts' folder."""

    table: str
    fmt: str
    parts: list[Part]
    rel: str
    frame: pl.LazyFrame
    skip: set[str]
    marked: bool
    rows: int | None = None  # known when the file was parsed whole
    findings: list[Finding] = field(default_factory=list)
    starts: tuple[tuple[int, str], ...] = ()  # a partitioned table's (first row, part) of every part

    @property
    def path(self) -> Path:
        return self.parts[0].path

    @property
    def relation(self) -> str:
        return f"{self.table}__{self.fmt}"

    @property
    def clean(self) -> bool:
        return not any(f.rule == "record.columns" for f in self.findings)


def _conformed(spec: TableSpec, skip: set[str]) -> list[pl.Expr]:
    """The schema's columns with the schema's types; a missing or mistyped column is all null."""
    return [
        pl.lit(None, polars_type(c)).alias(c.name) if c.name in skip else pl.col(c.name).cast(polars_type(c))
        for c in spec.columns
    ]


def read_parquet_file(inputs: Inputs, table: str, table_parts: list[Part]) -> TableFile:
    """A Parquet table: one file, or its parts read as one table in table order. Each part's footer is
    checked on its own (record.columns, its declared version); a column one part lacks or mistypes is
    not checked in any."""
    spec = inputs.specs[table]
    found: list[Finding] = []
    skip: set[str] = set()
    starts: list[tuple[int, str]] = []
    first = 1
    for part in table_parts:
        rel = inputs.rel(part.path)
        try:
            schema = dict(pl.read_parquet_schema(part.path))
            rows = pq.read_metadata(part.path).num_rows if len(table_parts) > 1 else 0
        except Exception as e:  # polars raises several error types on corrupt files
            raise Unusable(unusable("package.readable", f"cannot read Parquet file: {e}", file=rel)) from e
        found += parquet_version_findings(inputs, table, part.path)
        columns, part_skip = structure(spec, schema, rel, typed=True)
        found += columns
        skip |= part_skip
        starts.append((first, rel))
        first += rows
    scans = [pl.scan_parquet(part.path).select(_conformed(spec, skip)) for part in table_parts]
    frame = numbered(scans[0] if len(scans) == 1 else pl.concat(scans, how="vertical"))
    if len(table_parts) == 1:
        return TableFile(table, "parquet", table_parts, starts[0][1], frame, skip, False, findings=found)
    rel = table_path([r for _, r in starts])
    return TableFile(table, "parquet", table_parts, rel, frame, skip, False, findings=found, starts=tuple(starts))


def read_jsonl_file(inputs: Inputs, table: str, path: Path, fast: bool) -> TableFile:
    spec, rel = inputs.specs[table], inputs.rel(path)
    raw = read_jsonl(path, rel, spec)
    if raw.height == 0 and raw.width == 0:  # an empty JSON Lines file: no keys to check
        raw = pl.DataFrame(schema={c.name: polars_type(c) for c in spec.columns})
    found, skip = structure(spec, dict(raw.schema), rel, typed=False)
    typed, type_checks = coerce(raw, spec, skip)
    if fast:  # the reference reports wrong types itself, record by record
        found += run_checks(typed, spec, type_checks, "record.json_schema", rel).items
    marks = [
        (pl.col(BAD + c.name) if BAD + c.name in typed.columns else pl.lit(False)).alias(BAD + c.name)
        for c in spec.columns
        if c.name not in skip
    ]
    frame = numbered(typed.lazy().select(*_conformed(spec, skip), *marks))
    return TableFile(table, "jsonl", [Part(rel, path)], rel, frame, skip, marked=True, rows=raw.height, findings=found)


def _read(inputs: Inputs, table: str, fmt: str, fast: bool, report: Report) -> TableFile | None:
    table_parts = inputs.files[table].get(fmt)
    if table_parts is None:
        return None
    try:
        if fmt == "parquet":
            return read_parquet_file(inputs, table, table_parts)
        path = table_parts[0].path
        return read_jsonl_file(inputs, table, path, fast)
    except Unusable as e:
        report.add(replace(e.finding, table=e.finding.table or table))
        return None


def _reference_records(file: TableFile, spec: TableSpec) -> Findings:
    """record.json_schema by jsonschema on every record of the file, or of each part (the reference)."""
    if file.fmt == "parquet":
        out = Findings()
        first = 1
        for part, (_, rel) in zip(file.parts, file.starts or ((1, file.rel),), strict=True):
            rows = records_reference.parquet_rows(part.path)
            out.extend(records_reference.record_findings(rows, spec, rel, file.skip, first=first))
            first += len(rows)
        return out
    rows = records_reference.jsonl_rows(file.path)
    schema: dict[str, Any] = dict.fromkeys(records_reference.key_union(rows) if rows else spec.column_names, pl.Null)
    _, skip = structure(spec, schema, file.rel, typed=False)
    return records_reference.record_findings(rows, spec, file.rel, skip)


def _derived(primary: dict[str, TableFile]) -> dict[str, pl.LazyFrame]:
    """The relations the rules read beside the tables: the documents' text windows (``rules.provenance``)."""
    if "documents" not in primary or not {"evidence", "sentences"} & set(primary):
        return {}
    documents = (
        primary["documents"]
        .frame.select("document_id", "text")
        .unique("document_id", keep="first", maintain_order=True)
        .collect()
    )
    windows = document_windows(documents.iter_rows())
    schema = {"document_id": pl.String, "offset": pl.Int64, "text": pl.String}
    return {WINDOWS: pl.DataFrame(windows, schema=schema).lazy()}


def _engine(
    name: str, master: str | None, files: list[TableFile], primary: dict[str, TableFile], specs: dict[str, TableSpec]
) -> Engine:
    derived = _derived(primary)
    if name == "spark":
        from kyrgyz_events.validators.engines.spark import Spark

        return Spark.for_files(files, primary, specs, derived, master)
    from kyrgyz_events.validators.engines.polars_sql import PolarsSQL

    relations = {f.relation: f.frame for f in files} | {t: f.frame for t, f in primary.items()}
    return PolarsSQL(relations | derived)


def _run(inputs: Inputs, report: Report, options: Options) -> None:
    with steps("validate", total=len(inputs.specs) * len(options.formats) + 2) as step:
        _run_steps(inputs, report, step, options)


def _run_steps(inputs: Inputs, report: Report, step: Callable[[str], None], options: Options) -> None:
    fast, formats, engine = options.fast, options.formats, options.engine
    # The descriptor and file hashes are checked (hashlib, in a thread) while the files are read.
    with ThreadPoolExecutor(max_workers=1) as pool:
        package = pool.submit(_package_findings, inputs, formats) if inputs.descriptor is not None else None
        files = []
        for t in inputs.specs:
            for fmt in formats:
                step(f"reading {t} ({fmt})")
                if (f := _read(inputs, t, fmt, fast, report)) is not None:
                    files.append(f)
        if package is not None:
            report.extend(package.result())
    if report.unusable:
        return
    primary: dict[str, TableFile] = {}
    for f in files:
        report.extend(f.findings)
        primary.setdefault(f.table, f)
    specs = {t: inputs.specs[t] for t in primary}
    _twins(files, specs, report)
    for f in files:
        if any(part.partition for part in f.parts):
            spec = specs[f.table]
            scans = [
                (first, rel, part.partition, pl.scan_parquet(part.path).select(_conformed(spec, f.skip)))
                for part, (first, rel) in zip(f.parts, f.starts or ((1, f.rel),), strict=True)
            ]
            report.extend(partition_findings(spec, scans, f.skip))
    jobs = []
    for f in files:
        relation = _relation(f, primary)  # a table's first file shares the scan of the table's own rules
        if fast:
            queries = file_queries(specs[f.table], relation, f.marked, f.skip)
            jobs += [Job(q, relation, f.rel, f.starts) for q in queries]
        else:
            report.extend(_reference_records(f, specs[f.table]))
    table_files = {t: f.rel for t, f in primary.items()}
    queries = [q for q in row_queries(specs) if not (inputs.single_file and q.rule.startswith("cross."))]
    jobs += [Job(q, q.table, table_files[q.table], primary[q.table].starts) for q in queries]
    step(f"rules ({engine})")
    runner = _engine(engine, options.master, files, primary, specs)
    try:
        found, rows = run(runner, jobs, specs, relations=[_relation(f, primary) for f in files])
        broken = {f.table for f in [*report.findings, *found.items] if f.table and not f.rule.startswith("scheme.")}
        step("rules (Python)")
        hosted = host_findings(runner, specs, table_files, cross=not inputs.single_file, broken=broken)
    except pl.exceptions.PolarsError:
        report.extend(_unreadable(files))
        if not report.unusable:
            raise
        return
    finally:
        runner.close()
    report.extend(found)
    for f in files:
        report.rows_checked[f"{f.table}.{f.fmt}"] = f.rows if f.rows is not None else rows[_relation(f, primary)]
    report.extend(hosted)


def _relation(f: TableFile, primary: dict[str, TableFile]) -> str:
    """The relation a file's rows are filtered as: a table's first file as the table itself."""
    return f.table if primary[f.table] is f else f.relation


def _unreadable(files: list[TableFile]) -> list[Finding]:
    """The Parquet files whose data (not only the footer) cannot be decoded, as unusable findings."""
    out = []
    for f in files:
        if f.fmt == "parquet":
            for part in f.parts:
                try:
                    read_parquet(part.path, part.rel)
                except Unusable as e:
                    out.append(replace(e.finding, table=f.table))
    return out


def _twins(files: list[TableFile], specs: dict[str, TableSpec], report: Report) -> None:
    """package.twin_agreement for each table read in both formats with the schema's columns."""
    by_table: dict[str, dict[str, TableFile]] = {}
    for f in files:
        by_table.setdefault(f.table, {})[f.fmt] = f
    for table, pair in by_table.items():
        if len(pair) == 2 and all(f.clean for f in pair.values()):
            parquet, jsonl = pair["parquet"].frame, pair["jsonl"].frame
            report.extend(package_rules.twin_findings(parquet, jsonl, specs[table], pair["jsonl"].rel))
