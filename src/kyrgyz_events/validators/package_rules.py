"""Package rules: the descriptor against the vendored Data Package v2 profile, every file's bytes and
sha256 against the descriptor, and each Parquet file against its JSON Lines twin."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Finding, Findings
from kyrgyz_events.package_io.confine import Outside, confine
from kyrgyz_events.package_io.descriptor import FILES_KEY
from kyrgyz_events.package_io.files import file_digest, package_files
from kyrgyz_events.package_io.parts import PartError, is_partitioned, parts, parts_digest, table_path, written_paths
from kyrgyz_events.package_io.release import FORMATS, PROFILE, release_fields
from kyrgyz_events.rules import finding
from kyrgyz_events.rules.rule import RID, ROW
from kyrgyz_events.validators.ids import with_ids
from kyrgyz_events.validators.records import MAX_PER_CHECK

_HASH = "__row_hash"


@cache
def profile() -> dict[str, Any]:
    """The vendored Data Package v2.0 profile, with the Table Schema v2 ``list`` field type added."""
    folder = resources.files("kyrgyz_events.validators") / "profiles"
    base: dict[str, Any] = json.loads((folder / "datapackage-2.0.json").read_text(encoding="utf-8"))
    list_field = json.loads((folder / "list-field.json").read_text(encoding="utf-8"))
    list_field.pop("$comment", None)
    schema = copy.deepcopy(base)
    fields = schema["properties"]["resources"]["items"]["properties"]["schema"]["properties"]["fields"]
    fields["items"]["oneOf"].append(list_field)
    return schema


@cache
def _profile_validator() -> Any:
    from jsonschema import Draft7Validator, FormatChecker

    return Draft7Validator(profile(), format_checker=FormatChecker())


def profile_findings(descriptor: dict[str, Any]) -> list[Finding]:
    """package.profile: every error of datapackage.json against the Data Package v2 profile."""
    validator = _profile_validator()
    out: list[Finding] = []
    for error in sorted(validator.iter_errors(descriptor), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        table = None
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "resources" and isinstance(path[1], int):
            res = descriptor["resources"][path[1]]
            table = res.get("name") if isinstance(res, dict) else None
        out.append(finding("package.profile", error.message, table=table, field=where, file="datapackage.json"))
    return out


def release_findings(descriptor: dict[str, Any], specs: dict[str, TableSpec]) -> list[Finding]:
    """package.release: the descriptor says what the release of its schema version defines: the profile
    URL, and for every table file its type, format, media type, encoding, description, embedded Table
    Schema and JSON Schema URL (the schema version itself is package.schema_version's)."""
    out: list[Finding] = []
    if descriptor.get("$schema") != PROFILE:
        out.append(
            finding(
                "package.release",
                f"$schema is {descriptor.get('$schema')!r}, the release defines {PROFILE!r}",
                field="$schema",
                file="datapackage.json",
            )
        )
    resources = descriptor.get("resources")
    by_name = {r.get("name"): r for r in resources if isinstance(r, dict)} if isinstance(resources, list) else {}
    for table, spec in specs.items():
        for fmt in FORMATS:
            expected = release_fields(spec, fmt)
            res = by_name.get(expected["name"])
            if res is None:  # reported by package.readable
                continue
            for key, value in expected.items():
                if key in ("name", "x-schemaVersion") or res.get(key) == value:
                    continue
                shown = "differs" if key in ("schema", "description") else f"is {res.get(key)!r}, not {value!r}"
                out.append(
                    finding(
                        "package.release",
                        f"resource {expected['name']!r}: {key} {shown}: not what schema {spec.version} defines",
                        table=table,
                        field=key,
                        file="datapackage.json",
                    )
                )
    return out


def integrity_findings(
    descriptor: dict[str, Any], root: Path, formats: tuple[str, ...] = ("parquet", "jsonl")
) -> list[Finding]:
    """package.file_integrity: bytes and sha256 of every resource equal the file's, whichever ``formats``
    are read (missing files are reported by package.readable, paths outside the package by
    package.confined)."""
    out: list[Finding] = []
    for res in descriptor.get("resources", []):
        if not isinstance(res, dict) or not isinstance(res.get("path"), (str, list)):
            continue
        try:
            table_parts = parts(root, res["path"])
        except PartError:  # reported when the package was opened; never opened here
            continue
        if not all(p.path.is_file() for p in table_parts):
            continue
        # a partitioned table: its parts' total size, and the sha256 of their bytes in table order
        size, digest = parts_digest(p.path for p in table_parts)
        name = res.get("name")
        where = table_path([p.rel for p in table_parts])
        if res.get("bytes") != size:
            out.append(
                finding(
                    "package.file_integrity",
                    f"descriptor says {res.get('bytes')} bytes, the file has {size}",
                    table=name,
                    field="bytes",
                    file=where,
                    value=size,
                )
            )
        if str(res.get("hash", "")).lower() != digest:
            out.append(
                finding(
                    "package.file_integrity",
                    f"descriptor says {res.get('hash')}, the file is {digest}",
                    table=name,
                    field="hash",
                    file=where,
                    value=digest,
                )
            )
    return out


def missing_file_findings(descriptor: dict[str, Any], root: Path) -> list[Finding]:
    """package.file_integrity: every non-tabular resource (an export file) names a file that exists. (A
    missing table file is reported by package.readable, which reads it; nothing reads these.)"""
    out: list[Finding] = []
    for res in descriptor.get("resources", []):
        if not isinstance(res, dict) or res.get("type") == "table" or not isinstance(res.get("path"), str):
            continue
        try:
            confine(root, res["path"])
        except Outside:  # reported by package.confined; never opened here
            continue
        if not (root / res["path"]).is_file():
            message = f"resource {res.get('name')!r}: {res['path']} does not exist"
            out.append(finding("package.file_integrity", message, field="path", file=res["path"]))
    return out


def listed_findings(descriptor: dict[str, Any], root: Path) -> list[Finding]:
    """package.files_listed: every file under the package folder is datapackage.json, a resource, or an
    ``x-files`` entry whose bytes and sha256 equal the file's (croissant.json, the data card, …)."""
    out: list[Finding] = []
    resources = {rel for r in descriptor.get("resources", []) for rel in _described(root, r)}
    entries = descriptor.get(FILES_KEY, [])
    if not isinstance(entries, list):
        entries = []
        out.append(
            finding("package.files_listed", f"{FILES_KEY} is not a list", field=FILES_KEY, file="datapackage.json")
        )
    listed: set[str] = set()
    for entry in entries:
        rel = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(rel, str):
            out.append(finding("package.files_listed", f"an {FILES_KEY} entry has no path", field=FILES_KEY))
            continue
        listed.add(rel)
        try:
            path = confine(root, rel, missing_ok=False)
        except Outside as e:
            out.append(finding("package.files_listed", f"{FILES_KEY} path {rel!r} {e}", field=FILES_KEY, file=rel))
            continue
        size, digest = file_digest(path)
        if entry.get("bytes") != size or str(entry.get("hash", "")).lower() != digest:
            out.append(
                finding(
                    "package.files_listed",
                    f"datapackage.json lists {entry.get('bytes')} bytes, {entry.get('hash')}; "
                    f"the file has {size} bytes, {digest}",
                    field="hash",
                    file=rel,
                    value=digest,
                )
            )
    for rel in package_files(root):
        if rel != "datapackage.json" and rel not in resources and rel not in listed:
            out.append(
                finding(
                    "package.files_listed",
                    f"{rel} is in the package folder but datapackage.json neither describes nor lists it",
                    file=rel,
                )
            )
    return out


def _described(root: Path, res: Any) -> list[str]:
    """The files a resource describes: its path, or each of its parts."""
    if not isinstance(res, dict) or not isinstance(res.get("path"), (str, list)):
        return []
    if not is_partitioned(res["path"]):
        return [res["path"]]
    try:
        return [p.rel for p in parts(root, res["path"])]
    except PartError:  # reported when the package was opened
        return written_paths(res["path"])


def croissant_findings(descriptor: dict[str, Any], root: Path, specs: dict[str, TableSpec]) -> list[Finding]:
    """package.croissant: a croissant.json in the package says what the descriptor and the Parquet files
    yield (``package_io.croissant``); every top-level key that differs is a finding. Skipped (other rules
    report why) when a Parquet resource is not a table of the schema or its file is not confined."""
    from kyrgyz_events.package_io.croissant import croissant
    from kyrgyz_events.package_io.limits import MAX_DESCRIPTOR_BYTES, LimitExceeded, check_size, loads_strict

    try:
        path = confine(root, "croissant.json", missing_ok=False)
    except Outside:
        return []  # absent (not every package has one), or reported by package.files_listed
    names = [r.get("name") for r in descriptor.get("resources", []) if isinstance(r, dict)]
    tables = [
        r.get("name") for r in descriptor.get("resources", []) if isinstance(r, dict) and r.get("format") == "parquet"
    ]
    split = [
        r.get("name")
        for r in descriptor.get("resources", [])
        if isinstance(r, dict) and r.get("format") == "parquet" and is_partitioned(r.get("path"))
    ]
    if split:
        message = f"croissant.json describes one Parquet file per table; {', '.join(map(str, split))} have parts"
        return [finding("package.croissant", message, file="croissant.json")]
    try:
        if any(t not in specs for t in tables) or len(set(names)) != len(names):
            return []
        for t in tables:
            confine(root, f"data/{t}.parquet", missing_ok=False)
        expected = croissant(descriptor, root)
    except (Outside, KeyError, TypeError, OSError, ValueError):
        return []
    try:
        check_size(path, MAX_DESCRIPTOR_BYTES, "croissant.json")
        actual = loads_strict(path.read_text(encoding="utf-8"))
    except (LimitExceeded, RecursionError, OSError, ValueError) as e:
        return [finding("package.croissant", f"cannot read croissant.json: {e}", file="croissant.json")]
    if not isinstance(actual, dict):
        return [finding("package.croissant", "croissant.json is not a JSON object", file="croissant.json")]
    return [
        finding(
            "package.croissant",
            f"croissant.json {key!r} is not what datapackage.json and the Parquet files yield",
            field=key,
            file="croissant.json",
        )
        for key in sorted(expected.keys() | actual.keys())
        if expected.get(key) != actual.get(key)
    ]


def twin_findings(parquet: pl.LazyFrame, jsonl: pl.LazyFrame, spec: TableSpec, rel: str) -> Findings:
    """package.twin_agreement: the two files of a table hold the same rows (as multisets, compared on
    every column). Rows only in one file are reported under their record id (and row number).

    Rows are compared by a hash of all their values (lists included; collisions are astronomically
    unlikely): one hash column per file, joined; record ids are made only for the rows that differ."""
    out = Findings()
    cols = spec.column_names
    row_hash = pl.struct(cols).hash().alias(_HASH)
    hp, hj = pl.collect_all([parquet.select(row_hash), jsonl.select(row_hash)])
    for frame, hashes, other, where in (
        (jsonl, hj, hp, "in the JSON Lines file but not in the Parquet file"),
        (parquet, hp, hj, "in the Parquet file but not in the JSON Lines file"),
    ):
        rows = hashes.with_row_index(ROW, offset=1).join(other, on=_HASH, how="anti").get_column(ROW)
        if rows.is_empty():
            continue
        shown = (
            frame.select(spec.primary_key)
            .with_row_index(ROW, offset=1)
            .filter(pl.col(ROW).is_in(rows.head(MAX_PER_CHECK).implode()))
        )
        for rid in with_ids(shown.collect(), spec.primary_key).get_column(RID).to_list():
            out.items.append(
                finding("package.twin_agreement", f"row {where}", table=spec.name, record_id=rid, file=rel)
            )
        if rows.len() > MAX_PER_CHECK:
            out.omitted[(spec.name, "package.twin_agreement")] += rows.len() - MAX_PER_CHECK
    if not out.items and hp.height != hj.height:
        out.items.append(
            finding(
                "package.twin_agreement",
                f"{hp.height} Parquet rows, {hj.height} JSON Lines rows (duplicated rows)",
                table=spec.name,
                file=rel,
            )
        )
    return out
