"""Rules across tables, as Polars joins: every reference resolves (anti-joins), every record has evidence,
casualty_estimates re-derives from the claims, and the crosswalk columns follow event_type."""

from __future__ import annotations

from enum import Enum

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.derive import casualty_estimates
from kyrgyz_events.findings import Findings
from kyrgyz_events.models.crosswalk import EVENT_TYPE_CROSSWALK
from kyrgyz_events.rules import finding
from kyrgyz_events.validators.ids import RID, with_ids
from kyrgyz_events.validators.records_fast import MAX_PER_CHECK, _plain

Frames = dict[str, pl.DataFrame]
#: evidence.record_table -> (table, id column)
EVIDENCED = {"actors": "actor_id", "locations": "location_id", "events": "event_id", "claims": "claim_id"}
CROSSWALK_COLUMNS = ("acled_event_type", "acled_sub_event_type", "plover_event_type")


def emit_failing(
    out: Findings,
    failing: pl.DataFrame,
    rule: str,
    table: str,
    field: str | None,
    message: str,
    rel: str,
    value_col: str | None = None,
) -> None:
    """Findings for the failing rows of ``table`` (a frame with an RID column), capped and counted."""
    for row in failing.head(MAX_PER_CHECK).iter_rows(named=True):
        out.items.append(
            finding(
                rule,
                message,
                table=table,
                record_id=row[RID],
                field=field,
                file=rel,
                value=_plain(row[value_col]) if value_col else None,
            )
        )
    if failing.height > MAX_PER_CHECK:
        out.omitted[(table, rule)] += failing.height - MAX_PER_CHECK


def references(frames: Frames, specs: dict[str, TableSpec], files: dict[str, str]) -> Findings:
    """cross.reference: each foreign key of each table (anti-join), evidence -> its record, and
    casualty_estimates.claim_ids -> claims."""
    out = Findings()
    for name, spec in specs.items():
        if name not in frames:
            continue
        frame = with_ids(frames[name], spec.primary_key)
        for fk in spec.foreign_keys:
            if fk.table not in frames:
                continue
            label = f"{name}.{','.join(fk.fields)} -> {fk.table}.{','.join(fk.ref_fields)}"
            narrow = frame.select(RID, *fk.fields)
            if len(fk.fields) == 1:  # a hash lookup on one column, not a join of whole rows
                known = frames[fk.table].get_column(fk.ref_fields[0]).unique().implode()
                dangling = narrow.filter(pl.col(fk.fields[0]).is_not_null() & ~pl.col(fk.fields[0]).is_in(known))
            else:
                target = (
                    frames[fk.table]
                    .select([pl.col(r).alias(f) for f, r in zip(fk.fields, fk.ref_fields, strict=True)])
                    .unique()
                )
                dangling = narrow.drop_nulls(list(fk.fields)).join(target, on=list(fk.fields), how="anti")
            emit_failing(
                out,
                dangling,
                "cross.reference",
                name,
                fk.fields[0],
                f"{label}: no such record",
                files[name],
                fk.fields[0],
            )
    if "evidence" in frames:
        evidence = with_ids(frames["evidence"], specs["evidence"].primary_key)
        for table, id_col in EVIDENCED.items():
            if table not in frames:
                continue
            known = frames[table].get_column(id_col).unique().implode()
            dangling = evidence.select(RID, "record_table", "record_id").filter(
                (pl.col("record_table") == table) & ~pl.col("record_id").is_in(known)
            )
            emit_failing(
                out,
                dangling,
                "cross.reference",
                "evidence",
                "record_id",
                f"evidence.record_id -> {table}.{id_col}: no such record",
                files["evidence"],
                "record_id",
            )
    if "casualty_estimates" in frames and "claims" in frames:
        est = with_ids(frames["casualty_estimates"], specs["casualty_estimates"].primary_key)
        claims = frames["claims"].select(pl.col("claim_id").alias("claim_ref")).unique()
        dangling = (
            est.select(RID, pl.col("claim_ids").alias("claim_ref"))
            .explode("claim_ref")
            .drop_nulls("claim_ref")
            .join(claims, on="claim_ref", how="anti")
        )
        emit_failing(
            out,
            dangling,
            "cross.reference",
            "casualty_estimates",
            "claim_ids",
            "casualty_estimates.claim_ids -> claims.claim_id: no such record",
            files["casualty_estimates"],
            "claim_ref",
        )
    return out


def evidence_required(frames: Frames, specs: dict[str, TableSpec], files: dict[str, str]) -> Findings:
    """cross.evidence_required: every actor, location, event and claim has an evidence row."""
    out = Findings()
    if "evidence" not in frames:
        return out
    evidence = frames["evidence"].select("record_table", "record_id")
    for table, id_col in EVIDENCED.items():
        if table not in frames:
            continue
        frame = with_ids(frames[table], specs[table].primary_key).select(RID, id_col)
        supported = evidence.filter(pl.col("record_table") == table).get_column("record_id").implode()
        missing = frame.filter(pl.col(id_col).is_not_null() & ~pl.col(id_col).is_in(supported))
        emit_failing(out, missing, "cross.evidence_required", table, id_col, "record has no evidence", files[table])
    return out


def casualty_derivation(frames: Frames, specs: dict[str, TableSpec], files: dict[str, str]) -> Findings:
    """cross.casualty_derivation: casualty_estimates equals a fresh derivation from the claims."""
    out = Findings()
    if "casualty_estimates" not in frames or "claims" not in frames:
        return out
    key = list(specs["casualty_estimates"].primary_key)
    cols = specs["casualty_estimates"].column_names
    published = frames["casualty_estimates"].select(cols)
    fresh = casualty_estimates(frames["claims"]).select(cols).cast(published.schema)
    both = published.join(fresh, on=key, how="full", suffix="__fresh", coalesce=True, nulls_equal=True)
    both = with_ids(both, tuple(key))
    in_published = pl.col("high_unbounded").is_not_null()
    in_fresh = pl.col("high_unbounded__fresh").is_not_null()
    rel = files["casualty_estimates"]
    emit_failing(
        out,
        both.filter(~in_fresh),
        "cross.casualty_derivation",
        "casualty_estimates",
        None,
        "row does not follow from the claims (no claim about this event and kind)",
        rel,
    )
    emit_failing(
        out,
        both.filter(~in_published),
        "cross.casualty_derivation",
        "casualty_estimates",
        None,
        "row missing: the claims give an estimate for this event and kind",
        rel,
    )
    for col in published.columns:
        if col in key:
            continue
        differ = both.filter(in_published & in_fresh & ~pl.col(col).eq_missing(pl.col(f"{col}__fresh")))
        emit_failing(
            out,
            differ,
            "cross.casualty_derivation",
            "casualty_estimates",
            col,
            f"{col} differs from the derivation from the claims",
            rel,
            col,
        )
    return out


def _value(member: Enum | None) -> str | None:
    return None if member is None else str(member.value)


def crosswalk_mapping() -> pl.DataFrame:
    """event_type -> its ACLED and PLOVER columns, one row per event type."""
    return pl.DataFrame(
        {
            "event_type": [e.value for e in EVENT_TYPE_CROSSWALK],
            **{col: [_value(m[i]) for m in EVENT_TYPE_CROSSWALK.values()] for i, col in enumerate(CROSSWALK_COLUMNS)},
        },
        schema={"event_type": pl.String, **dict.fromkeys(CROSSWALK_COLUMNS, pl.String)},
    )


def crosswalk(frames: Frames, specs: dict[str, TableSpec], files: dict[str, str]) -> Findings:
    """cross.crosswalk: ACLED and PLOVER columns equal the crosswalk of event_type."""
    out = Findings()
    if "events" not in frames:
        return out
    mapping = crosswalk_mapping()
    events = with_ids(frames["events"], specs["events"].primary_key).select(RID, "event_type", *CROSSWALK_COLUMNS)
    joined = events.join(mapping, on="event_type", how="inner", suffix="__map")
    for col in CROSSWALK_COLUMNS:
        differ = joined.filter(~pl.col(col).eq_missing(pl.col(f"{col}__map")))
        emit_failing(
            out,
            differ,
            "cross.crosswalk",
            "events",
            col,
            f"{col} is not the crosswalk of event_type",
            files["events"],
            col,
        )
    return out


def cross_findings(frames: Frames, specs: dict[str, TableSpec], files: dict[str, str]) -> Findings:
    out = Findings()
    for rule in (references, evidence_required, casualty_derivation, crosswalk):
        out.extend(rule(frames, specs, files))
    return out
