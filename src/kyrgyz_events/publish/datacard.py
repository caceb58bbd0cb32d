"""The data card (``dataset/README.md``) and ``croissant.json`` of a build.

The card's prose is hand-written in ``dataset/card.template.md``; the build fills its placeholders:
``{{hf_header}}`` (Hugging Face YAML front matter), ``{{versions}}``, ``{{counts}}`` (rows per table) and
``{{coverage}}`` (every body sentence with the records it gave rise to, from annotations/coverage.yaml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION, __version__
from kyrgyz_events.annotations.coverage import coverage_rows
from kyrgyz_events.annotations.read import read_yaml
from kyrgyz_events.contracts.spec import load_specs
from kyrgyz_events.generate.files import dump_json
from kyrgyz_events.publish.card import counts_table, hf_yaml_header
from kyrgyz_events.publish.croissant import croissant

TEMPLATE = "card.template.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def coverage_table(root: Path) -> str:
    entries, _ = read_yaml(root / "annotations" / "coverage.yaml", list)
    lines = ["| # | sentence | records (or why none) |", "|---|---|---|"]
    lines += [f"| {n} | {_cell(s)} | {_cell(r)} |" for n, s, r in coverage_rows(entries or [])]
    return "\n".join(lines)


def render_card(root: Path, rows: dict[str, list[dict[str, Any]]]) -> str:
    template = (root / TEMPLATE).read_text(encoding="utf-8")
    versions = f"dataset {DATASET_VERSION} · schema {SCHEMA_VERSION} · built by kyrgyz-events {__version__}"
    fills = {
        "{{hf_header}}": hf_yaml_header(load_specs(SCHEMA_VERSION)).rstrip("\n"),
        "{{versions}}": versions,
        "{{counts}}": counts_table({t: len(r) for t, r in rows.items()}).rstrip("\n"),
        "{{coverage}}": coverage_table(root),
    }
    for key, value in fills.items():
        template = template.replace(key, value)
    return template


def write_card(stage: Path, root: Path, rows: dict[str, list[dict[str, Any]]], descriptor: dict[str, Any]) -> None:
    (stage / "README.md").write_text(render_card(root, rows), encoding="utf-8", newline="\n")


def write_croissant(stage: Path, descriptor: dict[str, Any]) -> None:
    (stage / "croissant.json").write_text(dump_json(croissant(descriptor, stage)), encoding="utf-8", newline="\n")
