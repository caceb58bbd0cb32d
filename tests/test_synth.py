"""The synthetic package generator: deterministic, proportionate, and valid by every rule.

The invariants are checked here directly from the files (independently of the validators), and the
package is then run through ``kyrgyz_events.validators.validate``, which must find nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.cli import main
from kyrgyz_events.contracts.spec import load_specs
from kyrgyz_events.derive import casualty_estimates
from kyrgyz_events.models import QUOTE_CONTEXT
from kyrgyz_events.synth import Layout, synthesize

EVENTS = 1_000
TABLES = list(load_specs(SCHEMA_VERSION))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "pkg"
    synthesize(out, EVENTS, seed=7)
    return out


def _files(root: Path) -> dict[str, bytes]:
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    assert len(files) == 2 * len(TABLES) + 1, sorted(files)
    return files


def _read(root: Path, table: str) -> pl.DataFrame:
    return pl.read_parquet(root / "data" / f"{table}.parquet")


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synthesize(a, 500, seed=3)
    synthesize(b, 500, seed=3)
    synthesize(c, 500, seed=4)
    assert _files(a) == _files(b)
    assert _files(a)["data/events.parquet"] != _files(c)["data/events.parquet"]


#: The scheme views (2.0.0), which synth writes empty: a scheme code is a coder's judgement, not a draw.
SCHEME_VIEWS = ("acled_events", "ucdp_events", "plover_events")


def test_layout_matches_real_package(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    assert descriptor["x-schemaVersion"] == SCHEMA_VERSION
    names = [r["name"] for r in descriptor["resources"]]
    assert names == TABLES + [f"{t}-jsonl" for t in TABLES]
    for res in descriptor["resources"]:
        data = (package / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    for table in TABLES:
        kv = pq.read_schema(package / "data" / f"{table}.parquet").metadata
        assert kv[b"kyrgyz_events.table"] == table.encode()
        assert kv[b"kyrgyz_events.schema_version"] == SCHEMA_VERSION.encode()
        lines = (package / "data" / f"{table}.jsonl").read_text("utf-8").splitlines()
        parquet = _read(package, table)
        if table in SCHEME_VIEWS:  # synthetic events are not coded in any scheme: the views are empty
            assert len(lines) == parquet.height == 0, table
            continue
        assert len(lines) == parquet.height > 0, table
        assert list(json.loads(lines[0])) == parquet.columns == list(load_specs(SCHEMA_VERSION)[table].column_names)


@pytest.mark.parametrize("events", [1_000, 4_000])
def test_row_counts_are_proportional(tmp_path: Path, events: int) -> None:
    result = synthesize(tmp_path / "p", events)
    rows = result["rows"]
    layout = Layout.for_events(events)
    assert rows["events"] == rows["claims"] == events
    assert rows["documents"] == layout.documents == events // 100
    assert rows["actors"] == events // 10
    assert rows["locations"] == events // 20
    assert rows["event_actors"] == events * 3 // 2
    assert rows["claim_relations"] == events // 10
    assert rows["evidence"] == layout.evidence
    assert 0 < rows["casualty_estimates"] < events // 2
    assert result["total_rows"] == sum(rows.values())


def test_evidence_spans_index_into_the_texts(package: Path) -> None:
    docs = _read(package, "documents")
    for row in docs.iter_rows(named=True):
        assert row["text_sha256"] == hashlib.sha256(row["text"].encode("utf-8")).hexdigest()
        assert 0 <= row["body_start"] < row["body_end"] <= len(row["text"])
    texts = {r["document_id"]: r for r in docs.iter_rows(named=True)}
    evidence = _read(package, "evidence")
    assert any(not s.isascii() for s in evidence["exact"])  # code points, not bytes, are exercised
    for e in evidence.iter_rows(named=True):
        doc = texts[e["document_id"]]
        text, start, end = doc["text"], e["start"], e["end"]
        assert text[start:end] == e["exact"], e["evidence_id"]
        assert text[max(0, start - QUOTE_CONTEXT) : start] == e["prefix"], e["evidence_id"]
        assert text[end : end + QUOTE_CONTEXT] == e["suffix"], e["evidence_id"]
        assert doc["body_start"] <= start < end <= doc["body_end"], e["evidence_id"]


def test_every_record_has_evidence_and_every_reference_resolves(package: Path) -> None:
    evidence = _read(package, "evidence")
    for table, key in (
        ("actors", "actor_id"),
        ("locations", "location_id"),
        ("events", "event_id"),
        ("claims", "claim_id"),
    ):
        cited = set(evidence.filter(pl.col("record_table") == table)["record_id"])
        assert set(_read(package, table)[key]) == cited, table
    for spec in load_specs(SCHEMA_VERSION).values():
        if spec.name in SCHEME_VIEWS:
            continue
        frame = _read(package, spec.name)
        assert frame.select(spec.primary_key).is_duplicated().sum() == 0, spec.name
        for fk in spec.foreign_keys:
            refs = set(_read(package, fk.table)[fk.ref_fields[0]])
            values = set(frame[fk.fields[0]].drop_nulls())
            assert values and values <= refs, (spec.name, fk.fields)


def test_hierarchies_point_backwards_so_never_cycle(package: Path) -> None:
    for table, key, parent in (
        ("events", "event_id", "parent_event_id"),
        ("locations", "location_id", "parent_location_id"),
    ):
        frame = _read(package, table).filter(pl.col(parent).is_not_null())
        assert frame.height > 0
        assert (frame[parent] < frame[key]).all(), table
    for table, a, b in (
        ("claim_relations", "claim_id", "related_claim_id"),
        ("actor_relations", "actor_id", "related_actor_id"),
    ):
        frame = _read(package, table)
        assert frame.height > 0 and (frame[a] != frame[b]).all(), table


def test_dates_agree_with_their_precision(package: Path) -> None:
    ev = _read(package, "events").with_columns(days=(pl.col("date_end") - pl.col("date_start")).dt.total_days())
    by = {p: ev.filter(pl.col("date_precision") == p) for p in ("day", "days", "week", "month", "year", "unknown")}
    assert all(f.height > 0 for f in by.values()), {p: f.height for p, f in by.items()}
    assert (by["day"]["days"] == 0).all()
    assert by["days"]["days"].is_between(1, 6).all()
    assert (by["week"]["days"] == 6).all()
    month = by["month"]
    assert (month["date_start"].dt.day() == 1).all() and (month["date_end"] == month["date_start"].dt.month_end()).all()
    year = by["year"]
    assert (year["date_start"].dt.ordinal_day() == 1).all()
    assert ((year["date_end"].dt.month() == 12) & (year["date_end"].dt.day() == 31)).all()
    assert by["unknown"]["date_start"].is_null().all() and by["unknown"]["date_end"].is_null().all()
    assert ev.filter(pl.col("date_precision") != "unknown")["days"].min() >= 0  # type: ignore[operator]


def test_quantities_agree_with_their_qualifier(package: Path) -> None:
    claims = _read(package, "claims").filter(pl.col("claim_type") == "quantity")
    q = {v: claims.filter(pl.col("value_qualifier") == v) for v in claims["value_qualifier"].unique()}
    assert len(q) == 7
    for v in ("exact", "approximately"):
        assert (q[v]["value_min"] == q[v]["value_max"]).all()
    for v in ("at_least", "more_than"):
        assert q[v]["value_min"].is_not_null().all() and q[v]["value_max"].is_null().all()
    for v in ("up_to", "at_most"):
        assert q[v]["value_min"].is_null().all() and q[v]["value_max"].is_not_null().all()
    assert (q["range"]["value_min"] <= q["range"]["value_max"]).all()
    others = _read(package, "claims").filter(pl.col("claim_type") != "quantity")
    assert (
        others.select(pl.col("quantity_kind", "value_min", "value_max", "value_qualifier").null_count()).row(0)
        == (others.height,) * 4
    )


def test_casualty_estimates_equal_a_fresh_derivation(package: Path) -> None:
    published = _read(package, "casualty_estimates")
    assert published.height > 0
    assert (published["claim_ids"].list.len() == 2).any()
    assert published.equals(casualty_estimates(_read(package, "claims")))


def test_synthetic_package_validates_clean(package: Path) -> None:
    validators = pytest.importorskip("kyrgyz_events.validators")
    report = validators.validate(package)
    assert report.findings == [], report.to_text()
    assert report.exit_code == 0
    assert sum(report.rows_checked.values()) > 0


def test_cli_writes_a_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "--events", "200", "--out", str(tmp_path / "cli"), "--seed", "1"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert (tmp_path / "cli" / "datapackage.json").is_file()


@pytest.mark.parametrize("argv", [["--events", "0"], ["--events", "x"], ["--events", "10", "--seed", "-1"], []])
def test_cli_rejects_bad_arguments(tmp_path: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["synth", "--out", str(tmp_path / "x"), *argv] if argv else ["synth"])
    assert exc.value.code == 2
    assert not (tmp_path / "x").exists()
