"""Record rules, the reference way: every record validated on its own with ``jsonschema`` (Draft 2020-12,
with format checking) against ``schema/<version>/<table>.schema.json``. Slow (a Python call per record);
used for small inputs and to prove the rules' SQL (``kyrgyz_events.rules.record``) reports the same findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kyrgyz_events.contracts.record_validator import record_validator
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Findings
from kyrgyz_events.package_io.json_text import json_value
from kyrgyz_events.rules import finding
from kyrgyz_events.validators.ids import record_id


def jsonl_rows(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON Lines file (the file was checked readable before)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parquet_rows(path: Path) -> list[dict[str, Any]]:
    """A Parquet file's rows as the JSON objects its JSON Lines twin would hold (dates as ISO strings)."""
    import pyarrow.parquet as pq

    return [{k: json_value(v) for k, v in r.items()} for r in pq.read_table(path).to_pylist()]


def _field(error: Any) -> str | None:
    path = list(error.absolute_path)
    return str(path[0]) if path else None


def record_findings(rows: list[dict[str, Any]], spec: TableSpec, rel: str, skip: set[str], first: int = 1) -> Findings:
    """record.json_schema findings of every row, one per (record, field). ``skip``: columns that
    record.columns already reported (missing, extra or mistyped), not reported again per record.
    ``first``: the number of the first row (a part of a partitioned table starts after the parts before it)."""
    validator = record_validator(spec.json_schema)
    properties = spec.json_schema["properties"]
    out = Findings()
    for number, row in enumerate(rows, start=first):
        seen: set[str | None] = set()
        rid = record_id(row, spec.primary_key, number)

        def add(field: str | None, message: str, value: Any, rid: str = rid, seen: set[str | None] = seen) -> None:
            if field in skip or field in seen:
                return
            seen.add(field)
            out.items.append(
                finding(
                    "record.json_schema", message, table=spec.name, record_id=rid, field=field, file=rel, value=value
                )
            )

        for error in validator.iter_errors(row):
            if error.validator == "required":
                for name in error.validator_value:
                    if name not in row:
                        add(name, f"{name!r} is a required property", None)
            elif error.validator == "additionalProperties":
                for name in row:
                    if name not in properties:
                        add(name, f"{name!r} is not a column of the table", row[name])
            else:
                field = _field(error)
                add(field, error.message, row.get(field) if field else None)
    return out


def key_union(rows: list[dict[str, Any]]) -> dict[str, None]:
    """Every key that occurs in some row, in first-seen order (the JSON Lines file's columns)."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    return keys
