"""CI smoke size of the scale benchmark: 10^4 events synthesised, validated clean, then one injected
corruption reported under the rule and record it breaks. No timing is asserted here (see
scripts/bench_validate.py for the figures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kyrgyz_events.synth import synthesize
from kyrgyz_events.synth.corrupt import set_cell

EVENTS = 10_000


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("smoke") / "pkg"
    result = synthesize(out, EVENTS, seed=1)
    assert result["rows"]["events"] == EVENTS
    assert result["total_rows"] > 6 * EVENTS
    return out


def test_smoke_size_validates_clean(package: Path) -> None:
    from kyrgyz_events.validators import validate

    report = validate(package)
    assert report.findings == [], report.to_text()
    assert report.rows_checked["events.parquet"] == report.rows_checked["events.jsonl"] == EVENTS


def test_smoke_size_reports_an_injected_dangling_reference(package: Path, tmp_path: Path) -> None:
    from kyrgyz_events.validators import validate

    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    before = set_cell(broken, "locations", 123, "parent_location_id", "loc-missing")
    report = validate(broken)
    assert report.exit_code == 1, report.to_text()
    hits = [f for f in report.findings if f.table == "locations" and f.record_id == before["location_id"]]
    assert hits, report.to_text()
    assert {f.field for f in hits} == {"parent_location_id"}, report.to_text()
    assert {f.value for f in hits} == {"loc-missing"}, report.to_text()
    assert all(f.table == "locations" for f in report.findings), report.to_text()
