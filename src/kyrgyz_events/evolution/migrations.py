"""Upgrade a published package from one schema version to a later one.

A migration is a function from the tables of a package written under version A (polars DataFrames by
table name) to the tables under the next version B, registered for the pair ``(A, B)``. Between two
consecutive versions with no registered migration, a backward-compatible change (MINOR or PATCH) needs
none: every table is conformed to B (a new nullable column reads as null, a new table as empty). A MAJOR
change without a registered migration is an error.

``migrate_package`` reads the package at ``source`` (never writing to it), applies the chain, checks every
row against the target version's JSON Schema, writes the result into a temporary folder beside ``out``,
runs the package validator on it when the target version is one this installation ships, and renames
the folder into place only if everything passed.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa

from kyrgyz_events.contracts.record_validator import record_validator
from kyrgyz_events.contracts.spec import TableSpec, spec_from_json_schema
from kyrgyz_events.evolution.diff import SchemaFolderError, diff_versions, load_schema_folder
from kyrgyz_events.findings import Finding, Report, record_id
from kyrgyz_events.package_io.atomic import publish, staging_beside
from kyrgyz_events.package_io.conform import ConformError, conform_frames
from kyrgyz_events.package_io.descriptor import (
    DESCRIPTOR,
    DescriptorError,
    declared_version,
    package_fields,
    read_descriptor,
)
from kyrgyz_events.package_io.json_text import json_value
from kyrgyz_events.paths import schema_root
from kyrgyz_events.publish.package import write_package
from kyrgyz_events.rules import finding
from kyrgyz_events.schema_versions import version_folders, version_key

Tables = dict[str, pl.DataFrame]
Migration = Callable[[Tables], Tables]


class MigrationError(Exception):
    """The package cannot be migrated (unreadable input, unknown version, no migration for a MAJOR step)."""


class MigrationRegistry:
    """Migrations keyed by (from_version, to_version). Tests build their own; the package uses REGISTRY."""

    def __init__(self) -> None:
        self._steps: dict[tuple[str, str], Migration] = {}

    def register(self, from_version: str, to_version: str) -> Callable[[Migration], Migration]:
        """Decorator: register ``fn`` as the upgrade from ``from_version`` to ``to_version``."""
        if version_key(to_version) <= version_key(from_version):
            raise ValueError(f"a migration upgrades: {to_version} is not newer than {from_version}")

        def add(fn: Migration) -> Migration:
            key = (from_version, to_version)
            if key in self._steps:
                raise ValueError(f"a migration from {from_version} to {to_version} is already registered")
            self._steps[key] = fn
            return fn

        return add

    def get(self, from_version: str, to_version: str) -> Migration | None:
        return self._steps.get((from_version, to_version))

    def __contains__(self, key: object) -> bool:
        return key in self._steps


#: The package's own migrations (none yet: every release so far is backward compatible).
REGISTRY = MigrationRegistry()


@dataclass(frozen=True)
class Step:
    from_version: str
    to_version: str
    migration: Migration | None  # None: conform only (a backward-compatible change)

    def describe(self) -> str:
        how = getattr(self.migration, "__name__", "registered") if self.migration else "no migration needed"
        return f"{self.from_version} -> {self.to_version} ({how})"


@dataclass
class MigrationResult:
    source: Path
    out: Path
    from_version: str
    to_version: str
    steps: list[Step] = field(default_factory=list)
    report: Report | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return self.report.exit_code if self.report is not None else 0


def plan(registry: MigrationRegistry, from_version: str, to_version: str, schema_dir: Path) -> list[Step]:
    """The steps between consecutive versions of ``schema_dir`` from ``from_version`` up to ``to_version``."""
    versions = version_folders(schema_dir)
    for v in (from_version, to_version):
        if v not in versions:
            raise MigrationError(f"unknown schema version {v!r}; {schema_dir} holds {', '.join(versions)}")
    if version_key(to_version) <= version_key(from_version):
        raise MigrationError(f"the package is at schema {from_version}; migrations only upgrade (not to {to_version})")
    chain = versions[versions.index(from_version) : versions.index(to_version) + 1]
    steps = []
    for a, b in itertools.pairwise(chain):
        fn = registry.get(a, b)
        if fn is None:
            diff = diff_versions(load_schema_folder(schema_dir / a), load_schema_folder(schema_dir / b), a, b)
            if not diff.backward:
                changes = "; ".join(f"{c.kind} {c.where}" for c in diff.changes if not c.backward)
                raise MigrationError(
                    f"no migration registered from {a} to {b}, and the change is not backward "
                    f"compatible ({diff.level.name}): {changes}"
                )
        steps.append(Step(a, b, fn))
    return steps


def load_specs_from(schema_dir: Path, version: str) -> dict[str, TableSpec]:
    return {t: spec_from_json_schema(s) for t, s in load_schema_folder(schema_dir / version).items()}


def read_package(path: Path) -> tuple[dict[str, Any], str]:
    """A package's descriptor and declared schema version; MigrationError if it cannot be read."""
    descriptor_path = path / DESCRIPTOR
    not_a_package = f"no {DESCRIPTOR} (is {path} a published package?)"
    if not path.is_dir():
        raise MigrationError(f"{descriptor_path}: {not_a_package}")
    try:
        descriptor = read_descriptor(path)
    except DescriptorError as exc:
        missing = exc.reason == "missing"
        raise MigrationError(f"{descriptor_path}: {not_a_package if missing else exc}") from exc
    version = declared_version(descriptor)
    if version is None:
        raise MigrationError(f"{descriptor_path}: declares no x-schemaVersion")
    return descriptor, version


def read_tables(path: Path, specs: dict[str, TableSpec]) -> Tables:
    """Every table of ``specs`` from ``path/data/<table>.parquet``."""
    tables = {}
    for name in specs:
        file = path / "data" / f"{name}.parquet"
        try:
            tables[name] = pl.read_parquet(file)
        except Exception as exc:  # polars raises several types for missing or corrupt files
            raise MigrationError(f"{file}: cannot read table {name} ({exc})") from exc
    return tables


def schema_findings(tables: Tables, specs: dict[str, TableSpec], limit: int = 200) -> list[Finding]:
    """Rows that break their table's JSON Schema, as findings naming table, record id and field."""
    findings: list[Finding] = []
    for name, spec in specs.items():
        # The same check as validation's reference path (records_reference): formats (dates) included.
        validator = record_validator(spec.json_schema)
        for number, row in enumerate(tables[name].to_dicts(), start=1):
            record = {k: json_value(v) for k, v in row.items()}
            rid = record_id(record, spec.primary_key, number)
            for err in validator.iter_errors(record):
                column = str(err.path[0]) if err.path else None
                findings.append(
                    finding(
                        "record.json_schema", err.message, table=name, record_id=rid, field=column, value=err.instance
                    )
                )
                if len(findings) >= limit:
                    return findings
    return findings


def _full_validator() -> Callable[[Path], Any] | None:
    try:
        module = importlib.import_module("kyrgyz_events.validators")
    except ImportError:
        return None
    fn = getattr(module, "validate", None)
    return fn if callable(fn) else None


def _input_problems(source: Path, descriptor: dict[str, Any], installed: bool) -> str:
    """A short account of why the input is not a valid package, or "" if it is (as far as checked)."""
    if installed and (validate := _full_validator()) is not None:
        report = validate(source)
        if not isinstance(report, Report) or report.valid:
            return ""
        first = "; ".join(f"{f.rule} {f.file or ''} {f.message}".strip() for f in report.findings[:3])
        return f"{report.finding_count} finding(s): {first}"
    from kyrgyz_events.validators.package_rules import integrity_findings

    found = integrity_findings(descriptor, source.resolve())
    return "; ".join(f"{f.rule} {f.file}: {f.message}" for f in found[:3])


def migrate_package(
    source: Path,
    to_version: str,
    out: Path,
    *,
    registry: MigrationRegistry | None = None,
    schema_dir: Path | None = None,
    force: bool = False,
) -> MigrationResult:
    """Migrate the package at ``source`` to ``to_version`` into the new folder ``out`` (see module doc).

    Raises MigrationError for input that cannot be used, including a package that fails its own
    validation (with the installed schemas: every rule; with ``schema_dir``: its files' bytes and
    hashes): migrating it would launder it into a fresh, valid-looking package. ``force`` migrates
    such a package anyway and says so in the result's notes. Returns a result whose report holds the
    findings if the migrated data is invalid (then ``out`` is not created).
    """
    registry = registry if registry is not None else REGISTRY
    installed = schema_dir is None
    schema_dir = schema_dir if schema_dir is not None else schema_root()
    if out.exists():
        raise MigrationError(f"{out} already exists; migrate writes a new folder (choose another --out)")
    if out.resolve().is_relative_to(source.resolve()):
        raise MigrationError(f"{out} is inside the package {source}; migrate never writes into its input")
    descriptor, from_version = read_package(source)
    problems = _input_problems(source, descriptor, installed)
    if problems and not force:
        raise MigrationError(
            f"{source} fails its own validation ({problems}); migrate refuses to turn it into a fresh "
            "package. Repair it, or pass --force to migrate its rows anyway"
        )
    forced = (
        [f"the input fails its own validation ({problems}); migrated anyway because --force was given"]
        if problems
        else []
    )
    try:
        steps = plan(registry, from_version, to_version, schema_dir)
        specs = load_specs_from(schema_dir, from_version)
        tables = conform_frames(read_tables(source, specs), specs, f"reading {source}")
        for step in steps:
            label = f"migration {step.describe()}"
            if step.migration is not None:
                tables = step.migration({k: v.clone() for k, v in tables.items()})
            specs = load_specs_from(schema_dir, step.to_version)
            tables = conform_frames(tables, specs, label)
    except (SchemaFolderError, ConformError) as exc:
        raise MigrationError(str(exc)) from exc
    result = MigrationResult(source, out, from_version, to_version, steps, notes=forced)
    report = Report(target=str(out), schema_version=to_version)
    report.rows_checked = {name: df.height for name, df in tables.items()}
    report.extend(schema_findings(tables, specs))
    result.report = report
    if not report.valid:
        return result
    metadata = package_fields(descriptor)
    metadata.setdefault("version", "0.0.0")
    with staging_beside(out) as staging:
        try:
            write_package(staging, specs, {name: df.to_dicts() for name, df in tables.items()}, metadata)
        except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
            report.add(
                finding("migration.write", f"cannot write the migrated tables as the target schema's types: {exc}")
            )
            return result
        validate = _full_validator() if installed else None
        if validate is not None:
            full = validate(staging)
            if isinstance(full, Report):
                report.extend(full.findings)
        elif installed:
            result.notes.append(
                "kyrgyz_events.validators.validate is not available: rows were checked against the JSON Schema only"
            )
        else:
            result.notes.append(f"schemas from {schema_dir}: rows were checked against their JSON Schema only")
        if report.valid:
            publish(staging, out)
    return result


@REGISTRY.register("1.1.0", "2.0.0")
def scheme_views_and_stated_figures(tables: Tables) -> Tables:
    """1.1.0 -> 2.0.0: the events' looked-up ACLED and PLOVER columns are dropped (their codes broke the
    schemes' rules; code the new views instead, which start empty), casualty_estimates is derived again
    (figures as stated, ``approximate``), and a claim in a contradicts or denies relation that was
    ``asserted`` becomes ``disputed`` (2.0.0: a contradicted claim is not asserted). What no migration can
    do is quote a claim's source and cue: ``cross.attribution_evidence`` names each claim to re-annotate."""
    from kyrgyz_events.derive import STATED_FIGURES_SINCE, casualty_estimates

    out = dict(tables)
    out["events"] = tables["events"].drop(["acled_event_type", "acled_sub_event_type", "plover_event_type"])
    relations = tables["claim_relations"].filter(pl.col("relation").is_in(["contradicts", "denies"]))
    opposed = pl.concat([relations.get_column("claim_id"), relations.get_column("related_claim_id")]).unique()
    claims = tables["claims"].with_columns(
        pl.when(pl.col("claim_id").is_in(opposed.implode()) & (pl.col("factuality") == "asserted"))
        .then(pl.lit("disputed"))
        .otherwise(pl.col("factuality"))
        .alias("factuality")
    )
    out["claims"] = claims
    out["casualty_estimates"] = casualty_estimates(claims, STATED_FIGURES_SINCE)  # the target's rule
    return out
