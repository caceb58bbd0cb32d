"""The input to validate: locate the package (or single table file), read its descriptor and declared
schema version, find each table's files, and parse them within the limits (Parquet footers, JSON Lines
lines). Anything that cannot be read becomes an unusable finding. (``run`` reads the files for the rules.)"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from kyrgyz_events.contracts.spec import TableSpec, UnknownSchemaVersion, load_specs
from kyrgyz_events.findings import Finding
from kyrgyz_events.package_io.descriptor import DESCRIPTOR, DescriptorError, declared_version, read_descriptor
from kyrgyz_events.package_io.jsonl_typed import read_typed
from kyrgyz_events.package_io.limits import LimitExceeded, parquet_declared, scan_jsonl
from kyrgyz_events.package_io.parts import Part, PartError, is_partitioned, parts
from kyrgyz_events.package_io.release import FORMATS, JSONL_SUFFIX, resource_name
from kyrgyz_events.rules import finding, unusable

META_TABLE = b"kyrgyz_events.table"
META_VERSION = b"kyrgyz_events.schema_version"


class Unusable(Exception):
    """The input cannot be validated at all; carries the finding that says why."""

    def __init__(self, f: Finding) -> None:
        super().__init__(f.message)
        self.finding = f


@dataclass
class Inputs:
    """A package (or a single table file) ready to validate."""

    target: str
    root: Path  # folder that resource paths are relative to
    version: str
    specs: dict[str, TableSpec]  # the tables to validate, in publishing order
    files: dict[str, dict[str, list[Part]]]  # table -> format -> its file, or its parts in table order
    descriptor: dict[str, Any] | None = None
    single_file: bool = False
    findings: list[Finding] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def _specs(version: str, where: str) -> dict[str, TableSpec]:
    try:
        return load_specs(version)
    except UnknownSchemaVersion as e:
        raise Unusable(unusable("package.schema_version", str(e), file=where, value=version)) from e


#: The rule that reports each reason a descriptor cannot be used.
_DESCRIPTOR_RULES = {
    "confined": "package.confined",
    "missing": "package.readable",
    "limits": "package.limits",
    "duplicate_key": "package.duplicate_key",
    "unreadable": "package.readable",
}


def _descriptor(path: Path) -> dict[str, Any]:
    """The descriptor of a package folder or descriptor file; Unusable if it cannot be used."""
    try:
        return read_descriptor(path)
    except DescriptorError as e:
        name = DESCRIPTOR if path.is_dir() else path.name
        raise Unusable(unusable(_DESCRIPTOR_RULES[e.reason], str(e), file=name, field=e.key)) from e


def checked_version(declared: str | None, given: str | None, where: str, **kw: Any) -> tuple[str, list[Finding]]:
    """The schema version to check an input against, and what to report about it: the version the user
    gave (``--schema-version``), else the one the input declares, else the current one. A missing or a
    contradicted declaration is a finding, not the end of the report."""
    from kyrgyz_events._version import SCHEMA_VERSION

    version = given or declared or SCHEMA_VERSION
    if declared is None:
        how = "as given by --schema-version" if given else "the current version; say which with --schema-version"
        return version, [
            finding(
                "package.schema_version",
                f"{where} declares no schema version; checked as {version} ({how})",
                file=where,
                field="x-schemaVersion" if where == "datapackage.json" else "kyrgyz_events.schema_version",
                **kw,
            )
        ]
    if given is not None and given != declared:
        return version, [
            finding(
                "package.schema_version",
                f"{where} declares schema version {declared!r}; checked as {given} as given by --schema-version",
                file=where,
                value=declared,
                **kw,
            )
        ]
    return version, []


def open_package(path: Path, schema_version: str | None = None) -> Inputs:
    """A package folder, or its datapackage.json. Resource paths follow the descriptor."""
    root = (path if path.is_dir() else path.parent).resolve()
    descriptor = _descriptor(path)
    version, about_version = checked_version(declared_version(descriptor), schema_version, DESCRIPTOR)
    specs = _specs(version, "datapackage.json")
    inputs = Inputs(target=str(path), root=root, version=version, specs=specs, files={}, descriptor=descriptor)
    inputs.findings.extend(about_version)
    resources = descriptor.get("resources")
    by_name = {r.get("name"): r for r in resources if isinstance(r, dict)} if isinstance(resources, list) else {}
    located = _located(root, resources if isinstance(resources, list) else [], inputs.findings)
    for table in specs:
        inputs.files[table] = {}
        names = {fmt: resource_name(table, fmt) for fmt in FORMATS}
        described = [fmt for fmt, name in names.items() if _has_path(by_name.get(name))]
        if not described:  # a table may be one file of either format, or both; not none
            inputs.findings += [
                unusable(
                    "package.readable",
                    f"datapackage.json has no resource {name!r} with a path",
                    table=table,
                    file="datapackage.json",
                )
                for name in names.values()
            ]
        for fmt in described:
            name = names[fmt]
            res = by_name[name]
            if name not in located:
                continue
            if fmt == "jsonl" and is_partitioned(res["path"]):
                message = f"resource {name!r}: a JSON Lines table is one file; only Parquet tables may have parts"
                inputs.findings.append(unusable("package.readable", message, table=table, file="datapackage.json"))
                continue
            declared = res.get("x-schemaVersion") if res else None
            if declared != version:
                inputs.findings.append(
                    finding(
                        "package.schema_version",
                        f"resource {name!r} declares schema version {declared!r}, the package {version!r}",
                        table=table,
                        file="datapackage.json",
                        value=declared,
                        unusable=declared not in (None, version) and not _known(declared),
                    )
                )
            if fmt == "parquet" and not _within_limits(located[name], table, inputs):
                continue
            inputs.files[table][fmt] = located[name]
    return inputs


def _within_limits(table_parts: list[Part], table: str, inputs: Inputs) -> bool:
    """package.limits for the footer of each Parquet file of a table (an unreadable footer is reported by
    package.readable when the file is read)."""
    for part in table_parts:
        if part.path.is_file():
            try:
                parquet_declared(part.path)
            except LimitExceeded as e:
                inputs.findings.append(unusable("package.limits", str(e), table=table, file=part.rel))
                return False
            except Exception:
                pass
    return True


#: The rule that reports each reason a part cannot be used.
_PART_RULES = {"confined": "package.confined", "missing": "package.readable", "limits": "package.limits"}


def _located(root: Path, resources: list[Any], findings: list[Finding]) -> dict[Any, list[Part]]:
    """The files of every resource (of any resource) by name: its one file or its parts
    (``package_io.parts``). A path that is not confined, a part that is missing, a folder beyond the
    limits is an unusable finding naming the path, and its resource is left out: nothing of it is opened."""
    out: dict[Any, list[Part]] = {}
    for res in resources:
        if not _has_path(res):
            continue
        name = res.get("name")
        try:
            out[name] = parts(root, res["path"])
        except PartError as e:
            out.pop(name, None)
            rule = _PART_RULES[e.reason]
            findings.append(
                unusable(
                    rule,
                    f"resource {name!r}: {e}" + ("; it was not opened" if rule == "package.confined" else ""),
                    table=_table_of(name),
                    field="path",
                    file="datapackage.json" if rule == "package.confined" else e.rel,
                )
            )
    return out


def _has_path(res: Any) -> bool:
    """Whether a resource has a path: a string, or a list (a multipart resource; ``parts`` checks its items)."""
    return isinstance(res, dict) and isinstance(res.get("path"), (str, list))


def _table_of(name: Any) -> str | None:
    if not isinstance(name, str):
        return None
    return name.removesuffix(JSONL_SUFFIX)


def _known(version: Any) -> bool:
    try:
        load_specs(str(version))
    except UnknownSchemaVersion:
        return False
    return True


def open_file(path: Path, schema_version: str | None = None) -> Inputs:
    """A single .parquet or .jsonl table file: its table and version from the Parquet metadata, or (for
    JSON Lines) from the datapackage.json of the package it sits in; ``schema_version`` overrides both."""
    if not path.is_file():
        raise Unusable(unusable("package.readable", f"{path} does not exist", file=path.name))
    fmt = path.suffix.lstrip(".")
    table, declared = path.stem, None
    if fmt == "parquet":
        meta = _parquet_kv(path, path.name)
        table = meta.get(META_TABLE, table.encode()).decode()
        raw = meta.get(META_VERSION)
        declared = raw.decode() if raw is not None else None
    else:
        for candidate in (path.parent / "datapackage.json", path.parent.parent / "datapackage.json"):
            if candidate.is_file():
                declared = declared_version(_descriptor(candidate))
                break
    version, about_version = checked_version(declared, schema_version, path.name, table=table)
    if fmt == "jsonl" and declared is None:  # a JSON Lines file carries no metadata of its own: none is missing
        about_version = []
    specs = _specs(version, path.name)
    if table not in specs:
        raise Unusable(
            unusable(
                "package.readable",
                f"{path.name}: {table!r} is not a table of schema {version}",
                file=path.name,
                table=table,
            )
        )
    return Inputs(
        target=str(path),
        root=path.parent,
        version=version,
        specs={table: specs[table]},
        files={table: {fmt: [Part(path.name, path)]}},
        single_file=True,
        findings=about_version,
    )


def open_inputs(path: Path, schema_version: str | None = None) -> Inputs:
    """The input to validate; ``schema_version`` is the version the user says it follows (else its own)."""
    if not path.exists():
        raise Unusable(unusable("package.readable", f"{path} does not exist", file=path.name))
    if path.suffix in (".parquet", ".jsonl"):
        return open_file(path, schema_version)
    if path.is_dir() or path.suffix == ".json":
        return open_package(path, schema_version)
    raise Unusable(
        unusable(
            "package.readable",
            f"{path}: expected a package folder, datapackage.json, or a .parquet or .jsonl file",
            file=path.name,
        )
    )


def _parquet_kv(path: Path, rel: str) -> dict[bytes, bytes]:
    try:
        return dict(pq.read_metadata(path).metadata or {})
    except (OSError, ValueError) as e:  # pyarrow raises ArrowInvalid (a ValueError) on a truncated file
        raise Unusable(unusable("package.readable", f"cannot read Parquet file: {e}", file=rel)) from e


def parquet_version_findings(inputs: Inputs, table: str, path: Path) -> list[Finding]:
    """The Parquet file's declared schema version and table must be the package's."""
    rel = inputs.rel(path)
    meta = _parquet_kv(path, rel)
    out: list[Finding] = []
    declared = meta.get(META_VERSION, b"").decode() or None
    if declared is None:
        # Missing metadata (a file written back by pandas or Polars alone) is a finding, not the end of the
        # report: the data rules still run, under the package's version (kyrgyz_events.write_table keeps it).
        out.append(
            finding(
                "package.schema_version",
                f"the Parquet file declares no schema version (its metadata is missing; checked as {inputs.version}; "
                "kyrgyz_events.write_table writes it)",
                table=table,
                file=rel,
                field="kyrgyz_events.schema_version",
            )
        )
    elif declared != inputs.version:
        out.append(
            finding(
                "package.schema_version",
                f"the Parquet file declares schema version {declared!r}, the package {inputs.version!r}",
                table=table,
                file=rel,
                value=declared,
                unusable=not _known(declared),
            )
        )
    named = meta.get(META_TABLE, b"").decode() or None
    if named != table:
        out.append(
            finding(
                "package.schema_version",
                f"the Parquet file says it holds table {named!r}",
                table=table,
                file=rel,
                value=named,
            )
        )
    return out


def read_parquet(path: Path, rel: str) -> pl.DataFrame:
    try:
        return pl.read_parquet(path)
    except Exception as e:  # polars raises several error types on corrupt files
        raise Unusable(unusable("package.readable", f"cannot read Parquet file: {e}", file=rel)) from e


def malformed_line(path: Path, rel: str) -> Finding | None:
    """The first line of a JSON Lines file that is not one JSON object, as an unusable finding."""
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                try:
                    problem = None if isinstance(json.loads(line), dict) else "is not a JSON object"
                except json.JSONDecodeError as e:
                    problem = f"is not valid JSON: {e}"
                if problem is not None:
                    at = {"file": rel, "record_id": f"#{number}", "value": line.rstrip("\r\n")[:80]}
                    return unusable("package.readable", f"line {number} {problem}", **at)
    except (OSError, UnicodeDecodeError) as e:
        return unusable("package.readable", f"cannot read JSON Lines file: {e}", file=rel)
    return None


def read_jsonl(path: Path, rel: str, spec: TableSpec) -> pl.DataFrame:
    """The file's rows: read with the schema's JSON types where that read shows the file is plainly
    well-formed and well-typed (``package_io.jsonl_typed``); else, once its limits have been checked
    (``scan_jsonl``), with the types Polars infers from all of them (columns are whatever keys occur),
    from which the record checks name each value of the wrong type."""
    if not path.is_file():
        raise Unusable(unusable("package.readable", "file does not exist", file=rel))
    if path.stat().st_size == 0:
        return pl.DataFrame()
    typed = read_typed(path, spec)
    if typed is not None:
        return typed
    try:
        scan_jsonl(path)
    except LimitExceeded as e:
        rule = "package.duplicate_key" if e.key is not None else "package.limits"
        line = f"#{e.line}" if e.line is not None else None
        raise Unusable(unusable(rule, str(e), file=rel, record_id=line, field=e.key)) from e
    except ValueError as e:
        raise Unusable(malformed_line(path, rel) or unusable("package.readable", str(e), file=rel)) from e
    except OSError as e:
        raise Unusable(unusable("package.readable", f"cannot read JSON Lines file: {e}", file=rel)) from e
    try:
        return pl.read_ndjson(path, infer_schema_length=None)
    except Exception as e:  # a malformed line: find and name it
        bad = malformed_line(path, rel)
        raise Unusable(bad or unusable("package.readable", f"cannot read JSON Lines file: {e}", file=rel)) from e
