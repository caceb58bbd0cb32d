"""The scheme review (issue 10): two independent codings and their adjudication cover every event, every
disagreement between the codings has a decision with a reason, and the adjudicated coding keeps the
schemes' hard rules; and the published views (schema 2.0.0) say exactly what the adjudicated coding says."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

import kyrgyz_events
from kyrgyz_events.paths import repo_root

ROOT = repo_root()
assert ROOT is not None
REVIEW = ROOT / "dataset" / "review"
EVENT_IDS = [json.loads(line)["event_id"] for line in (kyrgyz_events.path() / "data" / "events.jsonl").open()]

#: ACLED's event types and their sub-event types (ACLED Codebook; the 2019 revision).
ACLED_PAIRS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
        "Other",
    },
}  # fmt: skip
#: PLOVER's 16 event categories (PLOVER manual, draft version 0.8, 2021: "PLOVER conflict--cooperation scores").
PLOVER_TYPES = {
    "ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION", "THREATEN", "DEMAND", "REJECT", "ACCUSE",
    "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
}  # fmt: skip


def coding(folder: str, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((REVIEW / folder / f"{name}.yaml").read_text(encoding="utf-8"))
    return rows


FIRST = {r["event_id"]: r for r in coding("first_coding", "first_coding")}
SECOND = {r["event_id"]: r for r in coding("second_coding", "second_coding")}
FINAL = coding("scheme_adjudication", "adjudicated_coding")


@pytest.mark.parametrize(
    "rows", [list(FIRST), list(SECOND), [r["event_id"] for r in FINAL]], ids=["first", "second", "final"]
)
def test_every_coding_covers_every_event_once(rows: list[str]) -> None:
    assert sorted(rows) == sorted(EVENT_IDS)


def _get(record: dict[str, Any], dotted: str) -> Any:
    node: Any = record
    for part in dotted.split("."):
        node = node[part]
    return node


COMPARED = ["occurred", "acled.coded", "acled.event_type", "acled.sub_event_type", "acled.fatalities",
            "ucdp.coded", "ucdp.type_of_violence", "ucdp.best", "ucdp.low", "ucdp.high",
            "plover.event_type", "plover.mode"]  # fmt: skip


@pytest.mark.parametrize("record", FINAL, ids=[r["event_id"] for r in FINAL])
def test_every_disagreement_has_a_decision_with_a_reason(record: dict[str, Any]) -> None:
    first, second = FIRST[record["event_id"]], SECOND[record["event_id"]]
    decided = {d["field"]: d for d in record["decided"]}
    for field in COMPARED:
        a, b = _get(first, field), _get(second, field)
        if a != b:
            assert field in decided, f"{field}: {a!r} vs {b!r} has no decision"
            assert decided[field]["final"] == _get(record, field)
            assert len(decided[field]["reason"]) > 20
        else:
            assert _get(record, field) == a or field in decided, f"{field}: both coders said {a!r}"


@pytest.mark.parametrize("record", FINAL, ids=[r["event_id"] for r in FINAL])
def test_the_adjudicated_coding_keeps_the_schemes_hard_rules(record: dict[str, Any]) -> None:
    acled, ucdp, plover = record["acled"], record["ucdp"], record["plover"]
    if record["occurred"] is not True:  # ACLED and UCDP code occurrences only
        assert not acled["coded"] and not ucdp["coded"]
    if acled["coded"]:
        assert acled["sub_event_type"] in ACLED_PAIRS[acled["event_type"]]
        assert acled["time_precision"] in (1, 2, 3) and acled["geo_precision"] in (1, 2, 3)
        assert acled["event_type"] != "Protests" or acled["inter1"] == 6  # Protests: non-violent protesters
        low, high = sorted([acled["inter1"], acled["inter2"] or 0])
        assert acled["interaction"] == (int(f"{low}{high}") if low else int(f"{high}0"))
        assert isinstance(acled["fatalities"], int) and acled["fatalities"] >= 0
    else:
        assert acled["event_type"] is None and acled["fatalities"] is None
    if ucdp["coded"]:
        assert ucdp["best"] >= 1 and ucdp["low"] <= ucdp["best"] <= ucdp["high"]
        deaths = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
        assert sum(ucdp[k] for k in deaths) == ucdp["best"]
    if plover["event_type"] is not None:
        assert plover["event_type"] in PLOVER_TYPES
    if record["occurred"] is False and plover["event_type"] is not None:  # a non-occurrence is marked
        assert set(plover["context"] or []) & {"negation", "future", "hypothetical"}


def test_a_merged_acled_event_carries_its_fatalities_on_one_row() -> None:
    groups: dict[str, list[int]] = {}
    for r in FINAL:
        if r["acled"]["coded"] and r["acled"]["merge_group"]:
            groups.setdefault(r["acled"]["merge_group"], []).append(r["acled"]["fatalities"])
    assert groups
    for group, fatalities in groups.items():
        assert sum(1 for f in fatalities if f) <= 1, group


def test_the_agreement_script_reports_every_scheme() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "scheme_agreement.py"), "--json"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    rows = json.loads(done.stdout)
    assert {r["scheme"] for r in rows} == {"ACLED", "UCDP GED", "PLOVER", "all"}
    for r in rows:
        assert 0 <= r["agree"] <= r["records"] and (r["kappa"] is None or -1 <= r["kappa"] <= 1)


def test_the_committed_agreement_table_is_the_scripts_output() -> None:
    """The data card embeds review/agreement.md: it must be the script's current output, not a stale copy."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "scheme_agreement.py")],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert (REVIEW / "agreement.md").read_text(encoding="utf-8") == done.stdout


def _published(table: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (kyrgyz_events.path() / "data" / f"{table}.jsonl").open()]


def test_the_published_views_are_the_adjudicated_coding() -> None:
    """Every code in acled_events, ucdp_events and plover_events is the adjudicated one, every adjudicated
    code is published, and the merged ACLED events have the adjudicated membership."""
    final = {
        r["event_id"]: r for r in yaml.safe_load((REVIEW / "scheme_adjudication" / "adjudicated_coding.yaml").open())
    }
    acled = {e: row for row in _published("acled_events") for e in row["event_ids"]}
    assert set(acled) == {e for e, r in final.items() if r["acled"]["coded"]}
    groups: dict[str, set[str]] = {}
    for event_id, row in acled.items():
        a = final[event_id]["acled"]
        groups.setdefault(a["merge_group"], set()).add(row["acled_event_id"])
        for column in ("event_type", "sub_event_type", "actor1", "inter1", "actor2", "civilian_targeting",
                       "interaction", "time_precision", "geo_precision"):  # fmt: skip
            assert row[column] == a[column], (event_id, column)
        assert row["inter2"] == (a["inter2"] or 0)
    assert all(len(ids) == 1 for ids in groups.values()), groups  # one published row per adjudicated group
    for row in _published("acled_events"):
        assert row["fatalities"] == sum(final[e]["acled"]["fatalities"] for e in row["event_ids"])
    ucdp = {e: row for row in _published("ucdp_events") for e in row["event_ids"]}
    assert set(ucdp) == {e for e, r in final.items() if r["ucdp"]["coded"]}
    for event_id, row in ucdp.items():
        u = final[event_id]["ucdp"]
        for column in (
            "type_of_violence",
            "best",
            "low",
            "high",
            "deaths_a",
            "deaths_b",
            "deaths_civilians",
            "deaths_unknown",
            "event_clarity",
            "date_prec",
        ):
            assert row[column] == u[column], (event_id, column)
    plover = {row["event_id"]: row for row in _published("plover_events")}
    assert set(plover) == {e for e, r in final.items() if r["plover"]["event_type"]}
    for event_id, row in plover.items():
        p = final[event_id]["plover"]
        assert (row["event_type"], row["mode"], row["context"]) == (p["event_type"], p["mode"], p["context"])


def test_no_event_that_did_not_occur_carries_an_acled_or_ucdp_code() -> None:
    factuality = {e["event_id"]: e["factuality"] for e in _published("events")}
    for table in ("acled_events", "ucdp_events"):
        for row in _published(table):
            assert all(factuality[e] in ("asserted", "reported") for e in row["event_ids"]), row
