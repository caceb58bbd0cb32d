"""The fast path for a Parquet package: every rule first counted lazily (``gates``) in one parallel plan over
the files, reading each file about once and never holding a whole large table; only a rule whose count is
above zero is then run by its own function on the tables it needs, which materialises the findings. So a
clean package costs about a read, and a faulty one reports exactly what the eager path reports.

Returns ``False`` (and adds nothing) when the package needs the eager path's handling: an unreadable file,
an unusable schema version, a Parquet file polars cannot decode.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from kyrgyz_events.contracts.pandera_schema import polars_type
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Findings, Report
from kyrgyz_events.validators import gates
from kyrgyz_events.validators.cross_rules import casualty_derivation, crosswalk, evidence_required, references
from kyrgyz_events.validators.provenance import spans, text_sha256
from kyrgyz_events.validators.records_fast import column_checks_of, run_checks, structure
from kyrgyz_events.validators.sentence_rules import sentence_findings
from kyrgyz_events.validators.source import Inputs, Unusable, parquet_version_findings
from kyrgyz_events.validators.table_rules import table_findings


def _conformed(path: Path, spec: TableSpec, skip: set[str]) -> pl.LazyFrame:
    """The schema's columns with the schema's types; a missing or mistyped column is all null."""
    return pl.scan_parquet(path).select(
        pl.lit(None, polars_type(c)).alias(c.name) if c.name in skip else pl.col(c.name) for c in spec.columns
    )


class _Frames(dict[str, pl.DataFrame]):
    """Whole tables, read only when a rule with a failing row needs them."""

    def __init__(self, lfs: dict[str, pl.LazyFrame]) -> None:
        super().__init__()
        self.lfs = lfs

    def subset(self, names: set[str]) -> dict[str, pl.DataFrame]:
        for name in names:
            if name not in self and name in self.lfs:
                self[name] = self.lfs[name].collect()
        return {n: self[n] for n in self.lfs if n in names}


def run_parquet(inputs: Inputs, report: Report) -> bool:
    """Every rule on the Parquet files of ``inputs`` (a package); ``False`` if the eager path must run."""
    # streaming (the default) bounds memory on large inputs; KYRGYZ_EVENTS_ENGINE=in-memory to compare
    engine: gates.Engine = "in-memory" if os.environ.get("KYRGYZ_EVENTS_ENGINE") == "in-memory" else "streaming"
    found = Findings()
    lfs: dict[str, pl.LazyFrame] = {}
    skips: dict[str, set[str]] = {}
    files: dict[str, str] = {}
    try:
        for table, spec in inputs.specs.items():
            path = inputs.files[table].get("parquet")
            if path is None:
                continue
            files[table] = rel = inputs.rel(path)
            found.extend(parquet_version_findings(inputs, table, path))
            columns, skips[table] = structure(spec, dict(pl.read_parquet_schema(path)), rel, typed=True)
            found.extend(columns)
            lfs[table] = _conformed(path, spec, skips[table])
    except (Unusable, OSError, pl.exceptions.PolarsError):
        return False
    if any(f.unusable for f in found.items):
        return False
    try:
        documents = lfs["documents"].collect() if "documents" in lfs else None
        plan = gates.Gates()
        plan.add(*(gates.row_query(lf, inputs.specs[t], skips[t], documents) for t, lf in lfs.items()))
        plan.add(*(gates.unique_query(lf, inputs.specs[t]) for t, lf in lfs.items()))
        for query in gates.reference_queries(lfs, inputs.specs) + gates.evidence_required_queries(lfs):
            plan.add(query)
        plan.add(*gates.crosswalk_query(lfs))
        dirty, rows = plan.dirty(engine)
        dirty |= {f"table:{t}" for t in gates.parent_cycle_tables(lfs)}
        if gates.casualty_differs(lfs, inputs.specs):
            dirty.add("casualty")
    except pl.exceptions.PolarsError:
        return False
    report.extend(found)
    for table, n in rows.items():
        report.rows_checked[f"{table}.parquet"] = n
    _materialise(inputs, report, dirty, lfs, skips, files, documents)
    return True


def _materialise(
    inputs: Inputs,
    report: Report,
    dirty: set[str],
    lfs: dict[str, pl.LazyFrame],
    skips: dict[str, set[str]],
    files: dict[str, str],
    documents: pl.DataFrame | None,
) -> None:
    """Findings of the rules whose gate counted a failing row, by the rules' own functions."""
    frames = _Frames(lfs)
    if documents is not None:
        frames["documents"] = documents
    specs = inputs.specs
    for table, spec in specs.items():
        if f"record:{table}" in dirty:
            frame = frames.subset({table})[table]
            report.extend(
                run_checks(frame, spec, column_checks_of(spec, skips[table]), "record.json_schema", files[table])
            )
    for table, spec in specs.items():
        if f"table:{table}" in dirty:
            report.extend(table_findings(frames.subset({table})[table], spec, files[table]))
    referenced = {t for g in dirty if g.startswith("refs:") for t in g[5:].split(",")}
    if referenced:
        report.extend(references(frames.subset(referenced), specs, files))
    required = {g[6:] for g in dirty if g.startswith("evreq:")}
    if required:
        report.extend(evidence_required(frames.subset(required | {"evidence"}), specs, files))
    if "casualty" in dirty:
        report.extend(casualty_derivation(frames.subset({"claims", "casualty_estimates"}), specs, files))
    if "crosswalk" in dirty:
        report.extend(crosswalk(frames.subset({"events"}), specs, files))
    report.extend(sentence_findings(lfs, specs, files))  # failing rows only: no gate needed
    if documents is not None:
        report.extend(text_sha256(documents, specs["documents"], files["documents"]))
        if "spans" in dirty and "evidence" in lfs:
            report.extend(
                spans(frames.subset({"evidence"})["evidence"], documents, specs["evidence"], files["evidence"])
            )
