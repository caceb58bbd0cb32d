"""Errors as data, the kernel under every part that checks something (the validators, the annotation
compiler, the migrations): a finding names its rule, file, table, record, field and value; a report holds
them. The rules themselves are listed in :mod:`kyrgyz_events.rules`."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

#: How a composite primary key is written as one record id in a finding ("evt-a|act-b").
KEY_SEPARATOR = "|"


def record_id(row: dict[str, Any], primary_key: tuple[str, ...], number: int | None = None) -> str | None:
    """The record id a finding names for one row: its primary-key values, joined by :data:`KEY_SEPARATOR`;
    where a key part is missing, ``#<number>`` (the 1-based row or line), or None without a number. The
    vectorised validators compute the same id as a Polars expression (``validators.ids``)."""
    parts = [row.get(k) if isinstance(row, dict) else None for k in primary_key]
    if any(p is None for p in parts):
        return f"#{number}" if number is not None else None
    return KEY_SEPARATOR.join(str(p) for p in parts)


@dataclass(frozen=True)
class Finding:
    """One broken rule on one record (or file). ``unusable`` marks input that could not be read at all."""

    rule: str
    message: str
    table: str | None = None
    record_id: str | None = None
    field: str | None = None
    value: Any = None
    file: str | None = None
    unusable: bool = False

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["value"] = _jsonable(self.value)
        return d


def _jsonable(value: Any) -> Any:
    """``value`` as strict JSON can hold it: NaN and the infinities become the strings "NaN",
    "Infinity", "-Infinity" (strict JSON has no such numbers); anything else unencodable its repr."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return repr(value)
    return value


def dumps(data: Any, **kw: Any) -> str:
    """Strict JSON text of a report (``allow_nan=False``: never NaN or Infinity)."""
    return json.dumps(_jsonable(data), allow_nan=False, **kw)


@dataclass
class Findings:
    """Findings of one check run, plus how many more failing rows were counted but not materialised."""

    items: list[Finding] = field(default_factory=list)
    omitted: Counter[tuple[str | None, str]] = field(default_factory=Counter)

    def extend(self, other: Findings | list[Finding]) -> None:
        if isinstance(other, Findings):
            self.items.extend(other.items)
            self.omitted.update(other.omitted)
        else:
            self.items.extend(other)


@dataclass
class Report:
    """All findings of one validation run, plus what was checked."""

    target: str
    schema_version: str | None = None
    findings: list[Finding] = field(default_factory=list)
    rows_checked: dict[str, int] = field(default_factory=dict)
    #: Failing rows counted but not materialised as findings (very large inputs), per (table, rule).
    omitted: Counter[tuple[str | None, str]] = field(default_factory=Counter)

    @property
    def unusable(self) -> bool:
        return any(f.unusable for f in self.findings)

    @property
    def valid(self) -> bool:
        return not self.findings and not self.omitted

    @property
    def finding_count(self) -> int:
        """Every failure, shown or only counted."""
        return len(self.findings) + sum(self.omitted.values())

    @property
    def exit_code(self) -> int:
        """0 valid, 1 invalid data, 2 unusable input."""
        return 2 if self.unusable else (0 if self.valid else 1)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: list[Finding] | Findings) -> None:
        if isinstance(findings, Findings):
            self.findings.extend(findings.items)
            self.omitted.update(findings.omitted)
        else:
            self.findings.extend(findings)

    def by_rule(self) -> Counter[tuple[str | None, str]]:
        return Counter((f.table, f.rule) for f in self.findings) + self.omitted

    def as_dict(self, limit: int | None = None) -> dict[str, Any]:
        shown = self.findings if limit is None else self.findings[:limit]
        return {
            "target": self.target,
            "schema_version": self.schema_version,
            "valid": self.valid,
            "exit_code": self.exit_code,
            "finding_count": self.finding_count,
            "counts": [{"table": t, "rule": r, "count": n} for (t, r), n in sorted(self.by_rule().items(), key=str)],
            "rows_checked": self.rows_checked,
            "findings": [f.as_dict() for f in shown],
        }

    def summary(self) -> str:
        rows = sum(self.rows_checked.values())
        if self.valid:
            return f"valid: {self.target} (schema {self.schema_version}, {rows} rows checked)"
        kind = "unusable input" if self.unusable else "invalid"
        return f"{kind}: {self.target}: {self.finding_count} finding(s) in {len(self.by_rule())} rule(s)"

    def to_text(self, limit: int = 20) -> str:
        """Human report grouped by table and rule; at most ``limit`` findings shown per group."""
        lines: list[str] = []
        groups: dict[tuple[str | None, str], list[Finding]] = {}
        for f in self.findings:
            groups.setdefault((f.table, f.rule), []).append(f)
        for key in self.omitted:
            groups.setdefault(key, [])
        for (table, rule), items in sorted(groups.items(), key=str):
            lines.append(f"{table or '(package)'} / {rule}: {len(items) + self.omitted[(table, rule)]}")
            for f in items[:limit]:
                where = ", ".join(
                    p for p in (f.file, f.record_id and f"id={f.record_id}", f.field and f"field={f.field}") if p
                )
                value = "" if f.value is None else f" (value: {_jsonable(f.value)!r})"
                lines.append(f"  - {where}: {f.message}{value}")
            more = len(items) - min(len(items), limit) + self.omitted[(table, rule)]
            if more:
                lines.append(f"  … and {more} more")
        lines.append(self.summary())
        return "\n".join(lines)
