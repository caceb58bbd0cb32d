"""The data card of a build: ``dataset/package/README.md``.

The card's prose is hand-written in ``dataset/card.template.md``; the build fills its placeholders:
``{{hf_header}}`` (Hugging Face YAML front matter), ``{{versions}}``, ``{{counts}}`` (rows per table) and
``{{coverage}}`` (every body sentence with the records it gave rise to, from annotations/coverage.yaml),
``{{numbers}}``, ``{{actors}}`` and ``{{places}}`` (each with its first source quote), ``{{schemes}}``
(each event in the ACLED, UCDP and PLOVER views, or why a scheme does not code it, from
annotations/not_coded.yaml) and ``{{agreement}}`` (the two independent codings' agreement before
adjudication, ``dataset/review/agreement.md``, written by ``scripts/scheme_agreement.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION, __version__
from kyrgyz_events.annotations.coverage import coverage_rows
from kyrgyz_events.annotations.not_coded import read_reasons
from kyrgyz_events.annotations.read import read_yaml
from kyrgyz_events.contracts.spec import TableSpec, load_specs
from kyrgyz_events.publish.card_header import hf_yaml_header
from kyrgyz_events.ranges import claim_text

TEMPLATE = "card.template.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def coverage_table(root: Path) -> str:
    entries, _ = read_yaml(root / "annotations" / "coverage.yaml", list)
    lines = ["| # | sentence | records (or why none) |", "|---|---|---|"]
    lines += [f"| {n} | {_cell(s)} | {_cell(r)} |" for n, s, r in coverage_rows(entries or [])]
    return "\n".join(lines)


def _first_quotes(rows: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """The first evidence quote of every record, by record id."""
    quotes: dict[str, str] = {}
    for ev in sorted(rows["evidence"], key=lambda e: (e["record_id"], e["start"])):
        quotes.setdefault(str(ev["record_id"]), str(ev["exact"]))
    return quotes


def lookup_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Markdown tables that let a reader find each number, actor and place with its source quote."""
    quotes = _first_quotes(rows)
    names = {str(a["actor_id"]): str(a["name"]) for a in rows["actors"]}
    numbers = ["| claim | who says | number | kind | quote |", "|---|---|---|---|---|"]
    numbers += [
        f"| `{c['claim_id']}` | {_cell(names.get(str(c['claimant_actor_id']), '—'))} | {claim_text(c)} | "
        f"{c['quantity_kind']} | “{_cell(quotes.get(str(c['claim_id']), ''))}” |"
        for c in rows["claims"]
        if c["quantity_kind"] is not None
    ]
    actors = ["| actor | type | name | quote |", "|---|---|---|---|"]
    actors += [
        f"| `{a['actor_id']}` | {a['actor_type']} | {_cell(str(a['name']))} | "
        f"“{_cell(quotes.get(str(a['actor_id']), ''))}” |"
        for a in rows["actors"]
    ]
    places = ["| location | type | in | precision | quote |", "|---|---|---|---|---|"]
    places += [
        f"| `{loc['location_id']}` | {loc['location_type']} | {loc['parent_location_id'] or '—'} | "
        f"{loc['geo_precision'] or '—'} | “{_cell(quotes.get(str(loc['location_id']), ''))}” |"
        for loc in rows["locations"]
    ]
    return {"{{numbers}}": "\n".join(numbers), "{{actors}}": "\n".join(actors), "{{places}}": "\n".join(places)}


AGREEMENT = Path("review") / "agreement.md"


def agreement_table(root: Path) -> str:
    """The second-coding agreement table of the dataset folder, or a sentence saying there is none."""
    path = root / AGREEMENT
    if not path.is_file():
        return f"(This dataset folder has no `{AGREEMENT.as_posix()}`: no second coding was measured.)"
    return path.read_text(encoding="utf-8").rstrip("\n")


def _first_sentence(text: str, limit: int = 180) -> str:
    text = " ".join(text.split())
    cut = text.find(". ")
    text = text[: cut + 1] if 0 < cut < limit else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def schemes_table(root: Path, rows: dict[str, list[dict[str, Any]]]) -> str:
    """Every event with its code in each scheme's view, or the first sentence of why it has none."""
    reasons = read_reasons(root / "annotations")
    acled = {e: r for r in rows["acled_events"] for e in r["event_ids"]}
    ucdp = {e: r for r in rows["ucdp_events"] for e in r["event_ids"]}
    plover = {str(r["event_id"]): r for r in rows["plover_events"]}
    lines = ["| event | factuality | ACLED | UCDP GED | PLOVER |", "|---|---|---|---|---|"]
    for ev in rows["events"]:
        eid = str(ev["event_id"])

        def why(scheme: str, eid: str = eid) -> str:
            return f"not coded: {_cell(_first_sentence(reasons[scheme].get(eid, '')))}"

        a, u = acled.get(eid), ucdp.get(eid)
        a_code = f"{a['event_type']} / {a['sub_event_type']} (`{a['acled_event_id']}`)" if a else why("acled")
        u_code = f"type {u['type_of_violence']}, best {u['best']} (`{u['ucdp_event_id']}`)" if u else why("ucdp")
        p = plover.get(eid)
        if p is not None:
            mode = f" / {p['mode']}" if p["mode"] else ""
            context = f" [{', '.join(p['context'])}]" if p["context"] else ""
            pl_code = f"{p['event_type']}{mode}{context}"
        else:
            pl_code = why("plover")
        lines.append(f"| `{eid}` | {ev['factuality']} | {a_code} | {u_code} | {pl_code} |")
    return "\n".join(lines)


def counts_table(counts: Mapping[str, int], specs: Mapping[str, TableSpec] | None = None) -> str:
    """A Markdown table of rows per table (and each table's description when ``specs`` is given)."""
    lines = ["| Table | Rows | Description |", "|---|---:|---|"] if specs else ["| Table | Rows |", "|---|---:|"]
    for table, rows in counts.items():
        if specs:
            description = specs[table].description.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{table}` | {rows:,} | {description} |")
        else:
            lines.append(f"| `{table}` | {rows:,} |")
    return "\n".join(lines) + "\n"


def render_card(root: Path, rows: dict[str, list[dict[str, Any]]]) -> str:
    template = (root / TEMPLATE).read_text(encoding="utf-8")
    versions = f"dataset {DATASET_VERSION} · schema {SCHEMA_VERSION} · built by kyrgyz-events {__version__}"
    fills = {
        "{{hf_header}}": hf_yaml_header(load_specs(SCHEMA_VERSION)).rstrip("\n"),
        "{{versions}}": versions,
        "{{counts}}": counts_table({t: len(r) for t, r in rows.items()}).rstrip("\n"),
        "{{coverage}}": coverage_table(root),
        "{{schemes}}": schemes_table(root, rows) if "acled_events" in rows else "",
        "{{agreement}}": agreement_table(root),
        **lookup_tables(rows),
    }
    for key, value in fills.items():
        template = template.replace(key, value)
    return template


def write_card(stage: Path, root: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    (stage / "README.md").write_text(render_card(root, rows), encoding="utf-8", newline="\n")
