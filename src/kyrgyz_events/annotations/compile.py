"""Compile ``dataset/annotations/*.yaml`` into rows of every table, collecting every problem as a finding.

Annotators write quotes, never offsets; this module finds the offsets, fills derived columns (text hash,
casualty estimates, the scheme views' derived columns), and validates each record with its pydantic model.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import polars as pl
from pydantic import ValidationError

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION
from kyrgyz_events.annotations.anchor import QuoteError, Span, locate, selector, whole_mentions
from kyrgyz_events.annotations.coverage import check_coverage, sentence_of, sentence_rows
from kyrgyz_events.annotations.not_coded import FILE as NOT_CODED
from kyrgyz_events.annotations.not_coded import SCHEME_OF, scheme_reasons
from kyrgyz_events.annotations.read import read_yaml
from kyrgyz_events.contracts.spec import load_spec
from kyrgyz_events.derive import casualty_estimates
from kyrgyz_events.findings import Finding
from kyrgyz_events.findings import record_id as findings_record_id
from kyrgyz_events.models import TABLES, TableModel
from kyrgyz_events.package_io.confine import Outside, confine
from kyrgyz_events.package_io.conform import to_arrow
from kyrgyz_events.package_io.limits import MAX_SOURCE_BYTES, LimitExceeded, check_size
from kyrgyz_events.rules import finding
from kyrgyz_events.scheme_views import DERIVED_COLUMNS, derive_view

#: The scheme views, each annotated in ``<table>.yaml``; ``not_coded.yaml`` says why the other events are not.
SCHEME_VIEWS = tuple(SCHEME_OF)

Rows = dict[str, list[dict[str, Any]]]

#: Keys of an annotation entry that are not columns of its table.
NESTED = ("evidence", "actors")
#: Columns the build fills; an annotator who writes one gets a finding.
DERIVED = {
    "documents": ("text", "text_sha256", "body_start", "body_end"),
    **{view: DERIVED_COLUMNS[view] for view in SCHEME_VIEWS},
    "evidence": ("sentence_id",),
}


def record_id(table: str, row: dict[str, Any]) -> str | None:
    """The id a finding names (``findings.record_id``); None where the entry lacks a key part."""
    return findings_record_id(row, tuple(TABLES[table].primary_key))


class _Compiler:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []
        self.rows: Rows = {t: [] for t in TABLES}
        self.text = ""
        self.body = (0, 0)
        self.document_id = ""

    def find(self, rule: str, message: str, file: str, table: str | None = None, **kw: Any) -> None:
        self.findings.append(finding(rule, message, table=table, file=f"annotations/{file}", **kw))

    def load(self, name: str, expect: type) -> Any:
        content, problems = read_yaml(self.root / "annotations" / name, expect)
        self.findings.extend(problems)
        return content

    def validated(
        self, table: str, file: str, row: dict[str, Any], derived: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        """The row (plus the build's ``derived`` values) as its model dumps it, or None (with findings)."""
        model: type[TableModel] = TABLES[table]
        for col in DERIVED.get(table, ()):
            if col in row:
                self.find(
                    "annotations.derived_column",
                    f"`{col}` is derived by the build; remove it",
                    file,
                    table,
                    record_id=record_id(table, row),
                    field=col,
                )
                row = {k: v for k, v in row.items() if k != col}
        full = {name: None for name, f in model.model_fields.items() if not f.is_required() or _nullable(f)}
        full.update(row)
        full.update(derived or {})
        try:
            return model.model_validate(full).model_dump(mode="python")
        except ValidationError as exc:
            for err in exc.errors():
                self.find(
                    "record.model",
                    err["msg"],
                    file,
                    table,
                    record_id=record_id(table, row),
                    field=".".join(str(p) for p in err["loc"]) or None,
                    value=err.get("input"),
                )
            return None

    def document(self) -> None:
        entry = self.load("document.yaml", dict)
        if entry is None:
            return
        entry = dict(entry)
        starts, ends = entry.pop("body_starts_with", None), entry.pop("body_ends_with", None)
        named = str(entry.get("source_file", ""))
        try:
            source = confine(self.root / "sources", named, missing_ok=False)
        except Outside as exc:
            self.find(
                "annotations.readable",
                f"source_file {named!r} {exc}; it must name a file inside sources/",
                "document.yaml",
                "documents",
                field="source_file",
                unusable=True,
            )
            return
        try:
            check_size(source, MAX_SOURCE_BYTES, f"source {source.name}")
            raw = source.read_bytes()
            self.text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError, LimitExceeded) as exc:
            self.find(
                "annotations.readable",
                f"cannot read source {source.name}: {exc}",
                "document.yaml",
                "documents",
                field="source_file",
                unusable=True,
            )
            return
        digest = hashlib.sha256(raw).hexdigest()
        try:  # the recorded hash, if there is one (confined like the source)
            recorded: Path | None = confine(self.root / "sources", f"{named}.sha256", missing_ok=False)
        except Outside:
            recorded = None
        if recorded is not None and (recorded.read_text("utf-8").split() or [""])[0] != digest:
            self.find(
                "provenance.text_sha256",
                f"{source.name} does not match {recorded.name}",
                "document.yaml",
                "documents",
                field="text",
                value=digest,
            )
        try:
            start = locate(self.text, (0, len(self.text)), starts).start
            end = locate(self.text, (0, len(self.text)), ends).end
        except QuoteError as exc:
            self.find("annotations.quote", str(exc), "document.yaml", "documents", field="body_starts_with")
            return
        self.body = (start, end)
        derived = {"text": self.text, "text_sha256": digest, "body_start": start, "body_end": end}
        row = self.validated("documents", "document.yaml", entry, derived)
        if row is not None:
            self.document_id = row["document_id"]
            self.rows["documents"].append(row)

    def entities(self, file: str, table: str) -> None:
        entries = self.load(file, list) or []
        for n, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                self.find("annotations.readable", f"entry {n} is not a mapping", file, table)
                continue
            row = {k: v for k, v in entry.items() if k not in NESTED}
            if "document_id" in TABLES[table].model_fields:
                row.setdefault("document_id", self.document_id)
            record = self.validated(table, file, row)
            rid = record_id(table, row)
            if table == "events":
                for i, link in enumerate(self.listed(entry, "actors", file, table, rid), 1):
                    if not isinstance(link, dict):
                        self.find(
                            "annotations.readable",
                            f"actors entry {i} must be a mapping {{actor_id, role}}, not {type(link).__name__} "
                            f"{link!r}",
                            file,
                            table,
                            record_id=rid,
                            field="actors",
                            value=link,
                        )
                        continue
                    linked = self.validated("event_actors", file, {"event_id": rid, **link})
                    if linked is not None:
                        self.rows["event_actors"].append(linked)
            if record is not None:
                self.rows[table].append(record)
                if table == "actors":
                    self.aliases(file, rid, record.get("aliases") or [])
            self.evidence(file, table, rid, self.listed(entry, "evidence", file, table, rid))

    def aliases(self, file: str, rid: str | None, aliases: list[str]) -> None:
        """annotations.alias_mention: each alias stands in the body as a whole mention."""
        for alias in aliases:
            if not whole_mentions(self.text, self.body, alias):
                where = (
                    "is not in the article body"
                    if alias not in self.text[slice(*self.body)]
                    else ("occurs in the article body only as a piece of a longer word or number")
                )
                self.find(
                    "annotations.alias_mention",
                    f"alias {alias!r} {where}; quote it in YAML if it holds a comma",
                    file,
                    "actors",
                    record_id=rid,
                    field="aliases",
                    value=alias,
                )

    def listed(self, entry: dict[str, Any], key: str, file: str, table: str, rid: str | None) -> list[Any]:
        """``entry[key]`` when it is a list (absent or null: empty); anything else is a finding."""
        value = entry.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.find(
            "annotations.readable",
            f"`{key}` must be a list, not {type(value).__name__} {value!r}",
            file,
            table,
            record_id=rid,
            field=key,
            value=value,
        )
        return []

    def evidence(self, file: str, table: str, rid: str | None, quotes: list[Any]) -> None:
        for i, quote in enumerate(quotes, 1):
            try:
                span: Span = locate(self.text, self.body, quote)
            except QuoteError as exc:
                self.find("annotations.quote", str(exc), file, table, record_id=rid, field="evidence", value=quote)
                continue
            row = {
                "evidence_id": f"evd-{rid}-{i}",
                "document_id": self.document_id,
                "record_table": table,
                "record_id": rid,
                **selector(self.text, span),
            }
            record = self.validated("evidence", file, row)
            if record is not None:
                self.rows["evidence"].append(record)

    def links(self, file: str, table: str) -> None:
        for n, entry in enumerate(self.load(file, list) or [], 1):
            if not isinstance(entry, dict):
                self.find("annotations.readable", f"entry {n} is not a mapping", file, table)
                continue
            record = self.validated(table, file, dict(entry))
            if record is not None:
                self.rows[table].append(record)

    def schemes(self) -> None:
        """The scheme views: annotated rows with their derived columns; every event coded or not_coded."""
        not_coded = self.load(NOT_CODED, dict)
        for table in SCHEME_VIEWS:
            file = f"{table}.yaml"
            entries = [e for e in (self.load(file, list) or []) if isinstance(e, dict)]
            annotated = [{"document_id": self.document_id, **entry} for entry in entries]
            for typed, (row, problem) in zip(annotated, derive_view(table, annotated, self.rows), strict=True):
                if problem is not None:
                    self.find("cross.scheme_derivation", str(problem), file, table,
                              record_id=record_id(table, row), field=problem.column)  # fmt: skip
                    continue
                entry = {k: v for k, v in row.items() if k not in DERIVED_COLUMNS[table]}
                derived = {k: row[k] for k in DERIVED_COLUMNS[table]}
                entry.update({k: typed[k] for k in DERIVED_COLUMNS[table] if k in typed})  # reported as typed
                record = self.validated(table, file, entry, derived)
                if record is not None:
                    self.rows[table].append(record)
            self.decided(table, entries, not_coded)

    def decided(self, table: str, entries: list[dict[str, Any]], not_coded: Any) -> None:
        """annotations.scheme_decided: each event is coded in ``table`` or listed, with a reason, as not."""
        file, scheme = NOT_CODED, SCHEME_OF[table]
        coded: set[str] = set()
        for entry in entries:
            ids = entry.get("event_ids", [entry.get("event_id")])
            coded.update(str(i) for i in ids or [] if i is not None)
        reasons, malformed = scheme_reasons(not_coded, scheme)
        for item in malformed:
            self.find("annotations.scheme_decided", f"{scheme}: an entry needs event_id and reason: {item!r}",
                      file, table, value=item)  # fmt: skip
        for event in self.rows["events"]:
            eid = str(event["event_id"])
            if eid in coded and eid in reasons:
                self.find("annotations.scheme_decided", f"{scheme}: the event is both coded and not coded",
                          file, table, record_id=eid, field="event_ids")  # fmt: skip
            elif eid not in coded and eid not in reasons:
                self.find("annotations.scheme_decided",
                          f"{scheme}: the event is neither coded in {table}.yaml nor listed with a reason",
                          file, table, record_id=eid, field="event_ids")  # fmt: skip

    def sentences(self, coverage: list[dict[str, Any]]) -> None:
        """The sentences table from the coverage review, and each evidence span's sentence."""
        for row in sentence_rows(coverage, self.rows["documents"][0]):
            record = self.validated("sentences", "coverage.yaml", row)
            if record is not None:
                self.rows["sentences"].append(record)
        starts = [int(s["start"]) for s in self.rows["sentences"]]
        ends = [int(s["end"]) for s in self.rows["sentences"]]
        ids = [str(s["sentence_id"]) for s in self.rows["sentences"]]
        for ev in self.rows["evidence"]:
            ev["sentence_id"] = sentence_of(starts, ends, ids, int(ev["start"]))

    def derive(self) -> None:
        claims = to_arrow(load_spec(SCHEMA_VERSION, "claims"), self.rows["claims"], DATASET_VERSION)
        estimates = casualty_estimates(pl.from_arrow(claims), SCHEMA_VERSION)  # type: ignore[arg-type]
        self.rows["casualty_estimates"] = estimates.to_dicts()


def _nullable(field: Any) -> bool:
    return type(None) in getattr(field.annotation, "__args__", ())


def compile_annotations(root: Path) -> tuple[Rows, list[Finding]]:
    """Rows of every table compiled from ``root/annotations`` and ``root/sources``, and every finding."""
    c = _Compiler(root)
    c.document()
    if not c.rows["documents"]:
        return c.rows, c.findings
    c.entities("actors.yaml", "actors")
    c.entities("locations.yaml", "locations")
    c.entities("events.yaml", "events")
    c.entities("claims.yaml", "claims")
    c.links("actor_relations.yaml", "actor_relations")
    c.links("claim_relations.yaml", "claim_relations")
    c.derive()
    c.schemes()
    coverage = c.load("coverage.yaml", list)
    if coverage is not None:
        problems = check_coverage(coverage, c.text, c.body, c.rows)
        c.findings.extend(problems)
        if not problems:
            c.sentences(coverage)
    return c.rows, c.findings
