"""Gather what the viewer shows from a package folder's Parquet tables (pyarrow only).

A large package (a synthetic one of 10^5 events has 1,000 documents) is capped: the first
:data:`MAX_DOCUMENTS` documents (by ``document_id``) and the records anchored in them or referenced by
them; the page says so. Every table is read with a ``document_id`` / id filter, so the cap also bounds the
memory used. A table the package does not have (``sentences`` before schema 1.1.0) is read as empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kyrgyz_events.package_io.json_text import json_value

#: Documents rendered at most; the others are counted and named as left out on the page.
MAX_DOCUMENTS = 5

#: The record tables an evidence span can support, in the order the viewer lists them.
RECORD_TABLES = ("events", "actors", "locations", "claims")

#: Each record table's id column.
ID_COLUMN = {"events": "event_id", "actors": "actor_id", "locations": "location_id", "claims": "claim_id"}

Row = dict[str, Any]


@dataclass
class ViewData:
    """Everything the page shows, as plain rows (dates as ISO strings)."""

    documents: list[Row]
    documents_total: int
    records: dict[str, dict[str, Row]]  # table -> id -> row
    evidence: list[Row]
    event_actors: list[Row]
    actor_relations: list[Row]
    claim_relations: list[Row]
    casualty_estimates: list[Row]
    sentences: list[Row]
    has_sentences: bool
    missing_tables: list[str] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        return self.documents_total > len(self.documents)


class _Tables:
    """Reads ``data/<table>.parquet`` of one package, filtered, as lists of plain rows."""

    def __init__(self, package_dir: Path) -> None:
        self.data = package_dir / "data"
        self.missing: list[str] = []

    def has(self, table: str) -> bool:
        return (self.data / f"{table}.parquet").is_file()

    def read(self, table: str, column: str | None = None, values: Iterable[str] | None = None) -> list[Row]:
        import pyarrow.parquet as pq

        if not self.has(table):
            self.missing.append(table)
            return []
        if column is None or values is None:
            rows = pq.read_table(self.data / f"{table}.parquet").to_pylist()
        else:
            wanted = sorted(set(values))
            if not wanted:
                return []
            rows = pq.read_table(self.data / f"{table}.parquet", filters=[(column, "in", wanted)]).to_pylist()
        return [{k: json_value(v) for k, v in row.items()} for row in rows]

    def ids(self, table: str, column: str) -> list[str]:
        import pyarrow.parquet as pq

        if not self.has(table):
            return []
        return sorted(
            str(v) for v in pq.read_table(self.data / f"{table}.parquet", columns=[column])[column].to_pylist()
        )


def gather(package_dir: Path, max_documents: int = MAX_DOCUMENTS) -> ViewData:
    """Read the package in ``package_dir`` (``data/<table>.parquet``) into a :class:`ViewData`."""
    t = _Tables(package_dir)
    all_docs = t.ids("documents", "document_id")
    doc_ids = all_docs[:max_documents]
    documents = sorted(t.read("documents", "document_id", doc_ids), key=lambda d: str(d["document_id"]))
    evidence = t.read("evidence", "document_id", doc_ids)
    events = t.read("events", "document_id", doc_ids)
    claims = t.read("claims", "document_id", doc_ids)
    event_ids = {str(e["event_id"]) for e in events}
    event_actors = t.read("event_actors", "event_id", event_ids)

    anchored: dict[str, set[str]] = {table: set() for table in RECORD_TABLES}
    for ev in evidence:
        if ev["record_table"] in anchored:
            anchored[str(ev["record_table"])].add(str(ev["record_id"]))
    actor_ids = anchored["actors"] | {str(a["actor_id"]) for a in event_actors}
    actor_ids |= {str(c[k]) for c in claims for k in ("claimant_actor_id", "reported_via_actor_id") if c.get(k)}
    actor_relations = t.read("actor_relations", "actor_id", actor_ids)
    actor_ids |= {str(r["related_actor_id"]) for r in actor_relations}
    actors = t.read("actors", "actor_id", actor_ids)

    location_ids = anchored["locations"] | {str(e["location_id"]) for e in events if e.get("location_id")}
    locations: dict[str, Row] = {}
    pending = set(location_ids)
    while pending:  # follow parent_location_id up to the roots
        rows = t.read("locations", "location_id", pending)
        for row in rows:
            locations[str(row["location_id"])] = row
        pending = {str(r["parent_location_id"]) for r in rows if r.get("parent_location_id")} - set(locations)

    claim_ids = {str(c["claim_id"]) for c in claims}
    relations = t.read("claim_relations", "claim_id", claim_ids)
    relations += [r for r in t.read("claim_relations", "related_claim_id", claim_ids) if r not in relations]
    estimates = t.read("casualty_estimates", "event_id", event_ids)
    has_sentences = t.has("sentences")
    sentences = t.read("sentences", "document_id", doc_ids)  # [] and named missing before schema 1.1.0

    def by_id(rows: list[Row], table: str) -> dict[str, Row]:
        column = ID_COLUMN[table]
        return {str(r[column]): r for r in sorted(rows, key=lambda r: str(r[column]))}

    return ViewData(
        documents=documents,
        documents_total=len(all_docs),
        records={
            "events": by_id(events, "events"),
            "actors": by_id(actors, "actors"),
            "locations": by_id(list(locations.values()), "locations"),
            "claims": by_id(claims, "claims"),
        },
        evidence=sorted(evidence, key=lambda e: (str(e["document_id"]), e["start"], -e["end"], str(e["evidence_id"]))),
        event_actors=sorted(event_actors, key=lambda r: (str(r["event_id"]), str(r["actor_id"]), str(r["role"]))),
        actor_relations=sorted(actor_relations, key=lambda r: (str(r["actor_id"]), str(r["related_actor_id"]))),
        claim_relations=sorted(relations, key=lambda r: (str(r["claim_id"]), str(r["related_claim_id"]))),
        casualty_estimates=sorted(estimates, key=lambda r: (str(r["event_id"]), str(r["quantity_kind"]))),
        sentences=sorted(sentences, key=lambda s: (str(s["document_id"]), s["position"])),
        has_sentences=has_sentences,
        missing_tables=sorted(set(t.missing)),
    )
