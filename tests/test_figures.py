"""The data card's figures: drawn from the tables, byte-identical on redraw, shown by the card, optional."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from kyrgyz_events.paths import dataset_root, repo_root
from kyrgyz_events.publish.figures import FIGURES, write_figures
from kyrgyz_events.ranges import estimate_text


def test_figures_are_byte_identical_across_processes(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in write_figures(dataset_root(), tmp_path / "a")]
    code = (
        "from pathlib import Path; from kyrgyz_events.publish.figures import write_figures;"
        f" write_figures(Path({str(dataset_root())!r}), Path({str(tmp_path / 'b')!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert first == [(tmp_path / "b" / name).read_bytes() for name in FIGURES]
    assert first == [(dataset_root() / "figures" / name).read_bytes() for name in FIGURES], "run kyrgyz-events build"


def test_casualty_figure_names_every_claimant_and_figure(tmp_path: Path) -> None:
    svg = (write_figures(dataset_root(), tmp_path)[1]).read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    estimates = pq.read_table(dataset_root() / "data" / "casualty_estimates.parquet").to_pylist()
    claims = {c["claim_id"]: c for c in pq.read_table(dataset_root() / "data" / "claims.parquet").to_pylist()}
    for est in estimates:
        assert f"derived estimate: {estimate_text(est)}" in svg
        assert "101" not in estimate_text(est)  # figures as stated: "over 100" never reads as its bound
        for cid in est["claim_ids"]:
            assert f"“{claims[cid]['value_expression']}”" in svg


def test_timeline_figure_counts_the_dated_events(tmp_path: Path) -> None:
    svg = (write_figures(dataset_root(), tmp_path)[0]).read_text(encoding="utf-8")
    events = pq.read_table(dataset_root() / "data" / "events.parquet", columns=["date_start"]).to_pylist()
    dated = sum(1 for e in events if e["date_start"] is not None)
    assert f"{dated} dated events ({len(events) - dated} undated not shown)" in svg


def test_the_card_and_the_readme_show_the_figures() -> None:
    card = (dataset_root() / "README.md").read_text(encoding="utf-8")
    root = repo_root()
    assert root is not None
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name in FIGURES:
        assert f"](figures/{name})" in card
        assert f"](dataset/package/figures/{name})" in readme


def test_loading_and_viewing_need_no_matplotlib() -> None:
    code = (
        "import sys, kyrgyz_events; from kyrgyz_events.view import write_view; import kyrgyz_events.view.html;"
        " kyrgyz_events.load('events', backend='pyarrow'); assert 'matplotlib' not in sys.modules, 'imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
