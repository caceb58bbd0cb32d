"""The fault corpus: one corruption each, and exactly the findings (rule, table, record id, field) it must
produce. Targets are picked from the package's own rows, so the corpus runs on any valid package."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from faults.editor import PackageEditor
from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.contracts.spec import ForeignKey
from kyrgyz_events.package_io.files import file_digest

Key = tuple[str, str | None, str | None, str | None]  # rule, table, record id, field
CASUALTY = ("killed", "wounded")


@dataclass(frozen=True)
class Case:
    name: str
    apply: Callable[[PackageEditor], set[Key]]
    exit_code: int = 1


def _first(frame: pl.DataFrame, where: pl.Expr | None = None) -> dict[str, Any]:
    rows = frame.filter(where) if where is not None else frame
    assert rows.height, "the package has no row this corruption needs"
    return rows.row(0, named=True)


def _set(frame: pl.DataFrame, key: dict[str, Any], pk: tuple[str, ...], **values: Any) -> pl.DataFrame:
    match = pl.all_horizontal(pl.col(k) == key[k] for k in pk)
    return frame.with_columns(
        pl.when(match).then(pl.lit(v, dtype=frame.schema[c])).otherwise(pl.col(c)).alias(c) for c, v in values.items()
    )


def _edit_row(e: PackageEditor, table: str, where: pl.Expr | None = None, **values: Any) -> dict[str, Any]:
    """Set columns of the first matching row (both files); return the edited row."""
    frame = e.frame(table)
    row = _first(frame, where)
    pk = e.specs[table].primary_key
    e.write(table, _set(frame, row, pk, **values))
    return {**row, **values}


def _has_sentences(e: PackageEditor) -> bool:
    return "sentences" in e.specs


def _uncited_after(e: PackageEditor, removed: pl.DataFrame) -> set[Key]:
    """cross.sentence_records keys of the sentences that list a record whose last span in them is removed."""
    if not _has_sentences(e):
        return set()
    kept = e.frame("evidence").join(removed.select("evidence_id"), on="evidence_id", how="anti")
    gone = removed.select("sentence_id", "record_id").join(
        kept.select("sentence_id", "record_id"), on=["sentence_id", "record_id"], how="anti"
    )
    return {("cross.sentence_records", "sentences", sid, "record_ids") for sid in gone.get_column("sentence_id")}


# --- table and record corruptions ------------------------------------------------------------------


def duplicate_id(e: PackageEditor) -> set[Key]:
    frame = e.frame("actors")
    e.write("actors", pl.concat([frame, frame.head(1)]))
    return {("table.unique_id", "actors", frame.row(0, named=True)["actor_id"], "actor_id")}


def _dangling_value(value: str) -> str:
    return value.split("-", 1)[0] + "-no-such-record"


def _fk_case(table: str, fk: ForeignKey) -> Case:
    field = fk.fields[0]

    def apply(e: PackageEditor) -> set[Key]:
        frame = e.frame(table)
        where = pl.col(field).is_not_null()
        if table == "claims":  # keep casualty_estimates derivable: not a casualty claim
            where &= ~pl.col("quantity_kind").is_in(CASUALTY).fill_null(False)
        if table == "sentences":  # a document's last sentence: the others keep their numbering 1..n-1
            where &= (pl.col("position") == pl.col("position").max().over("document_id")) & (pl.col("position") > 1)
        row = _first(frame, where)
        new = _dangling_value(row[field])
        edited = _edit_row(
            e, table, pl.all_horizontal(pl.col(k) == row[k] for k in e.specs[table].primary_key), **{field: new}
        )
        expected: set[Key] = {("cross.reference", table, e.rid(table, edited), field)}
        if table == "casualty_estimates":  # the row no longer follows from the claims, and one is missing
            expected |= {
                ("cross.casualty_derivation", table, e.rid(table, edited), None),
                ("cross.casualty_derivation", table, e.rid(table, row), None),
            }
        if table == "evidence" and field == "document_id" and _has_sentences(e):
            # its sentence is in another document now
            expected.add(("cross.evidence_sentence", "evidence", row["evidence_id"], "sentence_id"))
        if table == "evidence" and field == "sentence_id":  # the span moves out of its sentence's citations
            expected.add(("cross.sentence_records", "sentences", new, "record_ids"))
            expected |= _uncited_after(e, frame.filter(pl.col("evidence_id") == row["evidence_id"]))
        if table == "sentences":  # the sentence is alone in an unknown document, its spans in another
            expected.add(("table.sentence_order", "sentences", row["sentence_id"], "position"))
            spans = e.frame("evidence").filter(pl.col("sentence_id") == row["sentence_id"])
            expected |= {("cross.evidence_sentence", "evidence", eid, "sentence_id") for eid in spans["evidence_id"]}
        return expected

    return Case(f"dangling-{table}.{field}", apply)


def dangling_evidence_record(e: PackageEditor) -> set[Key]:
    evidence = e.frame("evidence")
    many = evidence.group_by("record_id").len().filter(pl.col("len") > 1).get_column("record_id")
    row = _first(evidence, pl.col("record_id").is_in(many.implode()))
    new = _dangling_value(row["record_id"])
    expected: set[Key] = {("cross.reference", "evidence", row["evidence_id"], "record_id")}
    if _has_sentences(e):  # the sentence now cites a record it does not list
        expected.add(("cross.sentence_records", "sentences", row["sentence_id"], "record_ids"))
    _edit_row(e, "evidence", pl.col("evidence_id") == row["evidence_id"], record_id=new)
    return expected


def dangling_casualty_claim(e: PackageEditor) -> set[Key]:
    est = e.frame("casualty_estimates")
    row = _first(est)
    ids = sorted([*row["claim_ids"][1:], "clm-no-such-record"])
    pk = e.specs["casualty_estimates"].primary_key
    e.write("casualty_estimates", _set(est, row, pk, claim_ids=ids))
    rid = e.rid("casualty_estimates", row)
    return {
        ("cross.reference", "casualty_estimates", rid, "claim_ids"),
        ("cross.casualty_derivation", "casualty_estimates", rid, "claim_ids"),
    }


def _evidence_row(e: PackageEditor) -> tuple[dict[str, Any], str, int, int]:
    """An evidence row well inside its document's body, with the document text and body bounds."""
    docs = e.frame("documents")
    ev = e.frame("evidence").join(docs.select("document_id", "text", "body_start", "body_end"), on="document_id")
    row = _first(ev, (pl.col("start") > pl.col("body_start") + 40) & (pl.col("end") < pl.col("body_end") - 40))
    return row, row["text"], row["body_start"], row["body_end"]


def offset_shifted(e: PackageEditor) -> set[Key]:
    row, _, _, _ = _evidence_row(e)
    _edit_row(e, "evidence", pl.col("evidence_id") == row["evidence_id"], start=row["start"] + 1, end=row["end"] + 1)
    rid = row["evidence_id"]
    return {
        ("provenance.exact", "evidence", rid, "exact"),
        ("provenance.context", "evidence", rid, "prefix"),
        ("provenance.context", "evidence", rid, "suffix"),
    }


def span_outside_body(e: PackageEditor) -> set[Key]:
    row, text, body_start, body_end = _evidence_row(e)
    if body_start >= 2:  # quote the page furniture before the body, else after it
        start, end = 0, min(body_start, 10)
    else:
        assert len(text) - body_end >= 2, "the document has no text outside its body"
        start, end = body_end, min(len(text), body_end + 10)
    _edit_row(
        e,
        "evidence",
        pl.col("evidence_id") == row["evidence_id"],
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(start - 32, 0) : start],
        suffix=text[end : end + 32],
    )
    expected: set[Key] = {("provenance.in_body", "evidence", row["evidence_id"], "end")}
    if _has_sentences(e):  # and it no longer starts in the sentence it names
        expected.add(("cross.evidence_sentence", "evidence", row["evidence_id"], "sentence_id"))
    return expected


def quote_edited(e: PackageEditor) -> set[Key]:
    row, _, _, _ = _evidence_row(e)
    exact = row["exact"][:-1] + ("X" if row["exact"][-1] != "X" else "Y")
    _edit_row(e, "evidence", pl.col("evidence_id") == row["evidence_id"], exact=exact)
    return {("provenance.exact", "evidence", row["evidence_id"], "exact")}


def span_order(e: PackageEditor) -> set[Key]:
    row, _, _, _ = _evidence_row(e)
    _edit_row(e, "evidence", pl.col("evidence_id") == row["evidence_id"], end=row["start"])
    return {("table.span_order", "evidence", row["evidence_id"], "end")}


def date_end_before_start(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("events"), pl.col("date_start").is_not_null())
    _edit_row(e, "events", pl.col("event_id") == row["event_id"], date_end=row["date_start"] - dt.timedelta(days=1))
    return {("table.date_order", "events", row["event_id"], "date_end")}


def date_precision_wrong(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("events"), pl.col("date_precision") == "day")
    _edit_row(e, "events", pl.col("event_id") == row["event_id"], date_precision="week")
    return {("table.date_precision", "events", row["event_id"], "date_precision")}


_BOTH_BOUNDS = (
    pl.col("value_min").is_not_null() & pl.col("value_max").is_not_null() & ~pl.col("quantity_kind").is_in(CASUALTY)
)


def value_min_above_max(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("claims").sort(pl.col("value_qualifier") != "range"), _BOTH_BOUNDS)
    _edit_row(e, "claims", pl.col("claim_id") == row["claim_id"], value_min=row["value_max"] + 1)
    expected: set[Key] = {("table.value_range", "claims", row["claim_id"], "value_min")}
    if row["value_qualifier"] in ("exact", "approximately"):  # these also require value_min = value_max
        expected.add(("table.qualifier_bounds", "claims", row["claim_id"], "value_qualifier"))
    return expected


def qualifier_mismatch(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("claims"), _BOTH_BOUNDS)
    _edit_row(e, "claims", pl.col("claim_id") == row["claim_id"], value_qualifier="at_least")
    return {("table.qualifier_bounds", "claims", row["claim_id"], "value_qualifier")}


def unknown_enum(e: PackageEditor) -> set[Key]:
    row = _edit_row(e, "actors", actor_type="alien")
    return {("record.json_schema", "actors", row["actor_id"], "actor_type")}


def id_with_trailing_newline(e: PackageEditor) -> set[Key]:
    """JSON Schema's ``$`` (ECMA-262) matches only at the end: ``"evd-x\n"`` breaks ``^evd-...$`` (Python's
    ``re`` and Java's ``$`` would let it through)."""
    row = _first(e.frame("evidence"))
    _edit_row(e, "evidence", pl.col("evidence_id") == row["evidence_id"], evidence_id=row["evidence_id"] + "\n")
    return {("record.json_schema", "evidence", row["evidence_id"] + "\n", "evidence_id")}


def latitude_out_of_range(e: PackageEditor) -> set[Key]:
    row = _edit_row(e, "locations", latitude=95.0)
    return {("record.json_schema", "locations", row["location_id"], "latitude")}


def _cycle(table: str, id_col: str, parent_col: str) -> Callable[[PackageEditor], set[Key]]:
    def apply(e: PackageEditor) -> set[Key]:
        child = _first(e.frame(table), pl.col(parent_col).is_not_null())
        parent = child[parent_col]
        _edit_row(e, table, pl.col(id_col) == parent, **{parent_col: child[id_col]})
        return {
            ("table.parent_cycle", table, child[id_col], parent_col),
            ("table.parent_cycle", table, parent, parent_col),
        }

    return apply


def _self_relation(table: str, a: str, b: str) -> Callable[[PackageEditor], set[Key]]:
    def apply(e: PackageEditor) -> set[Key]:
        row = _edit_row(e, table, None, **{b: _first(e.frame(table))[a]})
        return {("table.no_self_relation", table, e.rid(table, row), b)}

    return apply


def missing_column(e: PackageEditor) -> set[Key]:
    e.write("events", e.frame("events").drop("summary"))
    return {("record.columns", "events", None, "summary")}


def wrong_type_parquet(e: PackageEditor) -> set[Key]:
    frame = e.frame("locations").with_columns(pl.col("latitude").cast(pl.String))
    e.write("locations", frame, jsonl=False, raw=True)
    return {("record.columns", "locations", None, "latitude")}


def wrong_type_jsonl(e: PackageEditor) -> set[Key]:
    rid: list[str] = []

    def edit(rows: list[dict[str, Any]]) -> None:
        row = next(r for r in rows if r["latitude"] is not None)
        row["latitude"] = "north"
        rid.append(row["location_id"])

    e.edit_json_rows("locations", edit)
    return {
        ("record.json_schema", "locations", rid[0], "latitude"),
        ("package.twin_agreement", "locations", rid[0], None),
    }


def twin_disagreement(e: PackageEditor) -> set[Key]:
    rid: list[str] = []

    def edit(rows: list[dict[str, Any]]) -> None:
        rows[0]["name"] = rows[0]["name"] + " (edited)"
        rid.append(rows[0]["actor_id"])

    e.edit_json_rows("actors", edit)
    return {("package.twin_agreement", "actors", rid[0], None)}


def wrong_sha256(e: PackageEditor) -> set[Key]:
    e.resource("events")["hash"] = "sha256:" + "0" * 64
    e.save()
    return {("package.file_integrity", "events", None, "hash")}


def truncated_parquet(e: PackageEditor) -> set[Key]:
    path = e.path("events", "parquet")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    e.refresh()
    return {("package.readable", "events", None, None)}


def malformed_json_line(e: PackageEditor) -> set[Key]:
    lines = e.jsonl_lines("events")
    lines.insert(1, lines[1][:-5])
    e.write_lines("events", lines)
    return {("package.readable", "events", "#2", None)}


def json_line_too_deep(e: PackageEditor) -> set[Key]:
    """A record nested past MAX_JSON_DEPTH (a real one of 1,000 levels is in tests/test_hostile_inputs.py)."""
    lines = e.jsonl_lines("events")
    lines[1] = lines[1][:-1] + ', "x": ' + "[" * 40 + "]" * 40 + "}"
    e.write_lines("events", lines)
    return {("package.limits", "events", "#2", None)}


def json_duplicate_key(e: PackageEditor) -> set[Key]:
    """Polars would keep the first value, json.loads the last: the record is refused."""
    lines = e.jsonl_lines("events")
    lines[1] = lines[1][:-1] + ', "event_id": "evt-other"}'
    e.write_lines("events", lines)
    return {("package.duplicate_key", "events", "#2", "event_id")}


def unknown_schema_version(e: PackageEditor) -> set[Key]:
    e.descriptor["x-schemaVersion"] = "99.0.0"
    e.save()
    return {("package.schema_version", None, None, None)}


def event_without_evidence(e: PackageEditor) -> set[Key]:
    evidence = e.frame("evidence")
    row = _first(evidence, pl.col("record_table") == "events")
    removed = evidence.filter(pl.col("record_id") == row["record_id"])
    expected = {("cross.evidence_required", "events", row["record_id"], "event_id")} | _uncited_after(e, removed)
    e.write("evidence", evidence.filter(pl.col("record_id") != row["record_id"]))
    return expected


def casualty_edited(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("casualty_estimates"), pl.col("low").is_not_null())
    pk = e.specs["casualty_estimates"].primary_key
    e.write("casualty_estimates", _set(e.frame("casualty_estimates"), row, pk, low=row["low"] + 1))
    return {("cross.casualty_derivation", "casualty_estimates", e.rid("casualty_estimates", row), "low")}


# --- the scheme views and the claims' attribution (schema 2.0.0) -----------------------------------------


def _views_listing(e: PackageEditor, event_id: str) -> set[tuple[str, str]]:
    """(table, record id) of the acled_events and ucdp_events rows that stand for ``event_id``."""
    out = set()
    for table in ("acled_events", "ucdp_events"):
        for row in e.frame(table).filter(pl.col("event_ids").list.contains(event_id)).iter_rows(named=True):
            out.add((table, e.rid(table, row)))
    return out


def acled_event_not_occurred(e: PackageEditor) -> set[Key]:
    """An event ACLED codes is said to be only predicted: ACLED and UCDP code occurrences only."""
    event_id = _first(e.frame("acled_events"))["event_ids"][0]
    _edit_row(e, "events", pl.col("event_id") == event_id, factuality="predicted")
    return {("scheme.occurred", t, rid, "event_ids") for t, rid in _views_listing(e, event_id)}


def acled_event_undated(e: PackageEditor) -> set[Key]:
    """An undated event added to an ACLED event: below ACLED's precision, and its date cannot be derived."""
    coded = set(e.frame("acled_events").get_column("event_ids").explode().to_list())
    undated = _first(e.frame("events"), pl.col("date_start").is_null() & ~pl.col("event_id").is_in(list(coded)))
    row = _first(e.frame("acled_events"))
    ids = sorted([*row["event_ids"], undated["event_id"]])
    frame = e.frame("acled_events")
    e.write("acled_events", frame.with_columns(
        pl.when(pl.col("acled_event_id") == row["acled_event_id"]).then(pl.lit(ids)).otherwise(pl.col("event_ids"))
        .alias("event_ids")))  # fmt: skip
    rid = e.rid("acled_events", row)
    keys = {
        ("scheme.precision", "acled_events", rid, "event_ids"),
        ("cross.scheme_derivation", "acled_events", rid, "event_ids"),
    }
    if undated["factuality"] not in ("asserted", "reported"):
        keys.add(("scheme.occurred", "acled_events", rid, "event_ids"))
    return keys  # fmt: skip


def acled_pair_broken(e: PackageEditor) -> set[Key]:
    row = _edit_row(e, "acled_events", pl.col("event_type") == "Riots", sub_event_type="Peaceful protest")
    return {("scheme.acled_sub_event_type", "acled_events", row["acled_event_id"], "sub_event_type")}


def acled_protests_for_riot(e: PackageEditor) -> set[Key]:
    """A crowd that storms and burns coded as Protests (the old lookup's fault): ACLED says Riots."""
    row = _edit_row(e, "acled_events", pl.col("inter1") == 5, event_type="Protests", sub_event_type="Peaceful protest")
    rid = row["acled_event_id"]
    return {("scheme.acled_peaceful_protest", "acled_events", rid, "event_ids"),
            ("scheme.acled_demonstrators", "acled_events", rid, "inter1")}  # fmt: skip


def acled_inter2_without_actor2(e: PackageEditor) -> set[Key]:
    row = _edit_row(e, "acled_events", pl.col("actor2").is_null(), inter2=1)
    rid = row["acled_event_id"]
    return {("scheme.acled_actor2", "acled_events", rid, "inter2"),
            ("cross.scheme_derivation", "acled_events", rid, "interaction")}  # fmt: skip


def acled_civilian_targeting_without_civilians(e: PackageEditor) -> set[Key]:
    where = (pl.col("inter1") != 7) & (pl.col("inter2") != 7)
    row = _edit_row(e, "acled_events", where, civilian_targeting="Civilian targeting")
    return {("scheme.acled_civilian_targeting", "acled_events", row["acled_event_id"], "civilian_targeting")}


def acled_fatalities_edited(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("acled_events"))
    _edit_row(e, "acled_events", pl.col("acled_event_id") == row["acled_event_id"], fatalities=row["fatalities"] + 1)
    return {("cross.scheme_derivation", "acled_events", row["acled_event_id"], "fatalities")}


def ucdp_best_above_high(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("ucdp_events"))
    best = row["high"] + 1
    unknown = row["deaths_unknown"] + best - row["best"]
    _edit_row(e, "ucdp_events", pl.col("ucdp_event_id") == row["ucdp_event_id"], best=best, deaths_unknown=unknown)
    return {("scheme.ucdp_deaths", "ucdp_events", row["ucdp_event_id"], "best")}


def plover_mode_of_another_category(e: PackageEditor) -> set[Key]:
    row = _edit_row(e, "plover_events", pl.col("event_type") == "PROTEST", mode="arrest")
    return {("scheme.plover_mode", "plover_events", row["event_id"], "mode")}


def plover_denied_without_negation(e: PackageEditor) -> set[Key]:
    """A PLOVER record of an event the text denies must say so (the negation context)."""
    listed = set(e.frame("acled_events").get_column("event_ids").explode().to_list())
    listed |= set(e.frame("ucdp_events").get_column("event_ids").explode().to_list())
    row = _first(
        e.frame("plover_events"), ~pl.col("event_id").is_in(list(listed)) & ~pl.col("context").list.contains("negation")
    )
    _edit_row(e, "events", pl.col("event_id") == row["event_id"], factuality="denied")
    return {("scheme.plover_context", "plover_events", row["event_id"], "context")}  # fmt: skip


def event_in_two_acled_events(e: PackageEditor) -> set[Key]:
    """One of our events listed by a second ACLED event: it would be counted twice."""
    frame = e.frame("acled_events")
    first = _first(frame)
    twin = {**first, "acled_event_id": first["acled_event_id"] + "-copy"}
    e.write("acled_events", pl.concat([frame, pl.DataFrame([twin], schema=frame.schema)]))
    ids = (first["acled_event_id"], twin["acled_event_id"])
    return {("scheme.one_row_per_event", "acled_events", rid, "event_ids") for rid in ids}


def plover_context_not_in_the_manual(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("plover_events"))
    frame = e.frame("plover_events")
    e.write("plover_events", frame.with_columns(
        pl.when(pl.col("event_id") == row["event_id"]).then(pl.lit(["rampage"])).otherwise(pl.col("context"))
        .alias("context")))  # fmt: skip
    return {("record.json_schema", "plover_events", row["event_id"], "context")}


def claim_cue_not_in_evidence(e: PackageEditor) -> set[Key]:
    row = _edit_row(e, "claims", pl.col("cue").is_not_null(), cue="whispered to nobody")
    return {("cross.attribution_evidence", "claims", row["claim_id"], "cue")}


def contradicted_claim_asserted(e: PackageEditor) -> set[Key]:
    claim_id = _first(e.frame("claim_relations"), pl.col("relation") == "contradicts")["claim_id"]
    _edit_row(e, "claims", pl.col("claim_id") == claim_id, factuality="asserted")
    return {("cross.contradicted_not_asserted", "claims", claim_id, "factuality")}


SCHEME_CASES = [
    Case("acled-event-not-occurred", acled_event_not_occurred),
    Case("acled-event-undated", acled_event_undated),
    Case("acled-sub-event-type-of-another-type", acled_pair_broken),
    Case("acled-protests-for-a-riot", acled_protests_for_riot),
    Case("acled-inter2-without-actor2", acled_inter2_without_actor2),
    Case("acled-civilian-targeting-without-civilians", acled_civilian_targeting_without_civilians),
    Case("acled-fatalities-edited", acled_fatalities_edited),
    Case("ucdp-best-above-high", ucdp_best_above_high),
    Case("plover-mode-of-another-category", plover_mode_of_another_category),
    Case("plover-denied-without-negation", plover_denied_without_negation),
    Case("event-in-two-acled-events", event_in_two_acled_events),
    Case("plover-context-not-in-the-manual", plover_context_not_in_the_manual),
    Case("claim-cue-not-in-evidence", claim_cue_not_in_evidence),
    Case("contradicted-claim-asserted", contradicted_claim_asserted),
]


def text_hash_edited(e: PackageEditor) -> set[Key]:
    row = _edit_row(e, "documents", None, text_sha256="0" * 64)
    return {("provenance.text_sha256", "documents", row["document_id"], "text_sha256")}


def profile_broken(e: PackageEditor) -> set[Key]:
    e.resource("actors")["path"] = "../outside/actors.parquet"
    e.save()
    index = [r["name"] for r in e.descriptor["resources"]].index("actors")
    return {
        ("package.profile", "actors", None, f"resources/{index}/path"),
        ("package.confined", "actors", None, "path"),
        ("package.files_listed", None, None, None),  # data/actors.parquet is no longer described
    }


def embedded_schema_altered(e: PackageEditor) -> set[Key]:
    """The descriptor's Table Schema loosened (a constraint dropped): the data still validates against it."""
    field = next(f for f in e.resource("events")["schema"]["fields"] if f.get("constraints"))
    field.pop("constraints")
    e.save()
    return {("package.release", "events", None, "schema")}


def resource_format_altered(e: PackageEditor) -> set[Key]:
    e.resource("events-jsonl")["format"] = "csv"
    e.save()
    return {("package.release", "events", None, "format")}


def json_schema_url_altered(e: PackageEditor) -> set[Key]:
    e.resource("actors")["x-jsonSchema"] = "https://example.org/loose.schema.json"
    e.save()
    return {("package.release", "actors", None, "x-jsonSchema")}


def profile_url_altered(e: PackageEditor) -> set[Key]:
    e.descriptor["$schema"] = "https://example.org/profiles/anything.json"
    e.save()
    return {("package.release", None, None, "$schema")}


def unlisted_file(e: PackageEditor) -> set[Key]:
    """A file in the package folder that the descriptor neither describes nor lists goes unchecked."""
    (e.root / "notes.md").write_text("added after the build\n", encoding="utf-8")
    return {("package.files_listed", None, None, None)}


def listed_file_edited(e: PackageEditor) -> set[Key]:
    """A listed file (like croissant.json or the card) changed after the build."""
    (e.root / "card.md").write_text("as built\n", encoding="utf-8")
    size, digest = file_digest(e.root / "card.md")
    e.descriptor.setdefault("x-files", []).append({"path": "card.md", "bytes": size, "hash": digest})
    e.save()
    (e.root / "card.md").write_text("edited later\n", encoding="utf-8")
    return {("package.files_listed", None, None, "hash")}


def hive_folder_disagrees(e: PackageEditor) -> set[Key]:
    """A partitioned table (events in hive folders by date_precision) whose first folder names a value
    its rows do not hold: each of them is a finding, whatever the engine (the embedded reader checks)."""
    first = e.split("events", by="date_precision")[0]
    rows = pl.read_parquet(e.root / first)
    folder = (e.root / first).parent
    folder.rename(folder.with_name("date_precision=fortnight"))
    e.refresh()
    return {("package.partitions", "events", rid, "date_precision") for rid in rows["event_id"]}


def croissant_laundered(e: PackageEditor) -> set[Key]:
    """croissant.json rewritten, and its x-files entry updated to match: its content still disagrees."""
    from kyrgyz_events.package_io.croissant import croissant

    doc = croissant(e.descriptor, e.root)
    doc["recordSet"] = doc["recordSet"][1:]  # a table silently dropped
    (e.root / "croissant.json").write_text(json.dumps(doc), encoding="utf-8")
    size, digest = file_digest(e.root / "croissant.json")
    listed = [x for x in e.descriptor.get("x-files", []) if x["path"] != "croissant.json"]
    e.descriptor["x-files"] = [*listed, {"path": "croissant.json", "bytes": size, "hash": digest}]
    e.save()
    return {("package.croissant", None, None, "recordSet")}


def symlink_out_of_package(e: PackageEditor) -> set[Key]:
    """A data file that is a symbolic link to a file outside the package (never opened, never described)."""
    outside = e.root.parent / "outside-secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    path = e.path("events", "jsonl")
    path.unlink()
    path.symlink_to(outside)
    return {("package.confined", "events", None, "path")}


# --- sentences (schema 1.1.0+) ---------------------------------------------------------------------


def sentence_text_edited(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("sentences"))
    _edit_row(e, "sentences", pl.col("sentence_id") == row["sentence_id"], exact=row["exact"][:-1] + "?")
    return {("provenance.sentence_text", "sentences", row["sentence_id"], "exact")}


def sentence_position_wrong(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("sentences"))
    _edit_row(e, "sentences", pl.col("sentence_id") == row["sentence_id"], position=row["position"] + 100)
    return {("table.sentence_order", "sentences", row["sentence_id"], "position")}


def evidence_in_wrong_sentence(e: PackageEditor) -> set[Key]:
    sentences = e.frame("sentences")
    evidence = e.frame("evidence")
    row = _first(evidence, pl.col("sentence_id").is_not_null())
    other = _first(
        sentences,
        (pl.col("document_id") == row["document_id"])
        & (pl.col("sentence_id") != row["sentence_id"])
        & ~pl.col("record_ids").list.contains(row["record_id"]),
    )
    _edit_row(e, "evidence", pl.col("evidence_id") == row["evidence_id"], sentence_id=other["sentence_id"])
    return (
        {("cross.evidence_sentence", "evidence", row["evidence_id"], "sentence_id")}
        | {("cross.sentence_records", "sentences", other["sentence_id"], "record_ids")}
        | _uncited_after(e, evidence.filter(pl.col("evidence_id") == row["evidence_id"]))
    )


def sentence_record_unlisted(e: PackageEditor) -> set[Key]:
    row = _first(e.frame("sentences"), pl.col("record_ids").list.len() > 0)
    _edit_row(e, "sentences", pl.col("sentence_id") == row["sentence_id"], record_ids=row["record_ids"][1:])
    return {("cross.sentence_records", "sentences", row["sentence_id"], "record_ids")}


SENTENCE_CASES = [
    Case("sentence-text-edited", sentence_text_edited),
    Case("sentence-position-wrong", sentence_position_wrong),
    Case("evidence-in-wrong-sentence", evidence_in_wrong_sentence),
    Case("sentence-record-unlisted", sentence_record_unlisted),
]


def fk_cases(specs: dict[str, Any]) -> list[Case]:
    return [_fk_case(name, fk) for name, spec in specs.items() for fk in spec.foreign_keys]


BASE_CASES = [
    Case("duplicate-id", duplicate_id),
    Case("dangling-evidence.record_id", dangling_evidence_record),
    Case("dangling-casualty_estimates.claim_ids", dangling_casualty_claim),
    Case("offset-shifted-by-one", offset_shifted),
    Case("span-outside-body", span_outside_body),
    Case("quote-edited", quote_edited),
    Case("end-not-after-start", span_order),
    Case("date-end-before-start", date_end_before_start),
    Case("date-precision-wrong", date_precision_wrong),
    Case("value-min-above-max", value_min_above_max),
    Case("qualifier-mismatch", qualifier_mismatch),
    Case("unknown-enum-value", unknown_enum),
    Case("id-with-trailing-newline", id_with_trailing_newline),
    Case("latitude-out-of-range", latitude_out_of_range),
    Case("parent-cycle-events", _cycle("events", "event_id", "parent_event_id")),
    Case("parent-cycle-locations", _cycle("locations", "location_id", "parent_location_id")),
    Case("self-relation-actors", _self_relation("actor_relations", "actor_id", "related_actor_id")),
    Case("self-relation-claims", _self_relation("claim_relations", "claim_id", "related_claim_id")),
    Case("missing-required-column", missing_column),
    Case("wrong-type-parquet", wrong_type_parquet),
    Case("wrong-type-jsonl", wrong_type_jsonl),
    Case("parquet-json-disagreement", twin_disagreement),
    Case("wrong-sha256", wrong_sha256),
    Case("truncated-parquet", truncated_parquet, exit_code=2),
    Case("malformed-json-line", malformed_json_line, exit_code=2),
    Case("json-line-too-deep", json_line_too_deep, exit_code=2),
    Case("json-duplicate-key", json_duplicate_key, exit_code=2),
    Case("unknown-schema-version", unknown_schema_version, exit_code=2),
    Case("event-without-evidence", event_without_evidence),
    Case("casualty-estimates-edited", casualty_edited),
    Case("text-sha256-edited", text_hash_edited),
    Case("descriptor-against-profile", profile_broken, exit_code=2),
    Case("symlink-out-of-package", symlink_out_of_package, exit_code=2),
    Case("embedded-schema-altered", embedded_schema_altered),
    Case("unlisted-file", unlisted_file),
    Case("listed-file-edited", listed_file_edited),
    Case("croissant-laundered", croissant_laundered),
    Case("resource-format-altered", resource_format_altered),
    Case("json-schema-url-altered", json_schema_url_altered),
    Case("profile-url-altered", profile_url_altered),
    Case("hive-folder-disagrees", hive_folder_disagrees),
]

_SPECS = load_specs(SCHEMA_VERSION)
CASES = (
    BASE_CASES
    + fk_cases(_SPECS)
    + (SENTENCE_CASES if "sentences" in _SPECS else [])
    + (SCHEME_CASES if "acled_events" in _SPECS else [])
)
#: Every case: both record paths (vectorised and jsonschema) see all of them.

__all__ = ["BASE_CASES", "CASES", "SCHEME_CASES", "SENTENCE_CASES", "Case", "Key", "fk_cases"]
