"""Agreement between the two independent scheme codings (dataset/review/first_coding, second_coding),
before adjudication: per scheme, the share of records on which the coders agree and Cohen's kappa.

    python scripts/scheme_agreement.py            # a Markdown table
    python scripts/scheme_agreement.py --json     # the same figures as JSON

Records are matched by event_id; a field is compared as a categorical value (null is a category: "the
scheme does not code this"). Sub-types, modes and figures are compared only where both coders coded the
record in that scheme, and the table says on how many records.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REVIEW = Path(__file__).resolve().parent.parent / "dataset" / "review"
Record = dict[str, Any]


def load(name: str) -> dict[str, Record]:
    rows = yaml.safe_load((REVIEW / name / f"{name}.yaml").read_text(encoding="utf-8"))
    return {r["event_id"]: r for r in rows}


def kappa(pairs: list[tuple[Any, Any]]) -> float | None:
    """Cohen's kappa of two coders' categorical values; None where it is undefined (one category only)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(json.dumps(a) for a, _ in pairs), Counter(json.dumps(b) for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def measure(first: dict[str, Record], second: dict[str, Record]) -> list[dict[str, Any]]:
    ids = sorted(first)
    both = {
        scheme: [
            i
            for i in ids
            if first[i][scheme].get("coded", first[i][scheme].get("event_type") is not None)
            and second[i][scheme].get("coded", second[i][scheme].get("event_type") is not None)
        ]
        for scheme in ("acled", "ucdp", "plover")
    }
    fields: list[tuple[str, str, list[str], Callable[[Record], Any]]] = [
        ("ACLED", "coded at all", ids, lambda r: r["acled"]["coded"]),
        (
            "ACLED",
            "event type (null = not coded)",
            ids,
            lambda r: r["acled"]["event_type"] if r["acled"]["coded"] else None,
        ),
        (
            "ACLED",
            "event type and sub-event type",
            both["acled"],
            lambda r: (r["acled"]["event_type"], r["acled"]["sub_event_type"]),
        ),
        ("ACLED", "interaction code", both["acled"], lambda r: r["acled"]["interaction"]),
        ("ACLED", "fatalities", both["acled"], lambda r: r["acled"]["fatalities"]),
        ("UCDP GED", "coded at all", ids, lambda r: r["ucdp"]["coded"]),
        (
            "UCDP GED",
            "type of violence (null = not coded)",
            ids,
            lambda r: r["ucdp"]["type_of_violence"] if r["ucdp"]["coded"] else None,
        ),
        (
            "UCDP GED",
            "best, low, high",
            both["ucdp"],
            lambda r: (r["ucdp"]["best"], r["ucdp"]["low"], r["ucdp"]["high"]),
        ),
        ("PLOVER", "event type (null = not a PLOVER event)", ids, lambda r: r["plover"]["event_type"]),
        ("PLOVER", "event type and mode", both["plover"], lambda r: (r["plover"]["event_type"], r["plover"]["mode"])),
        ("all", "occurred (true / false / uncertain)", ids, lambda r: str(r["occurred"]).lower()),
    ]
    out = []
    for scheme, what, on, value in fields:
        pairs = [(value(first[i]), value(second[i])) for i in on]
        agree = sum(a == b for a, b in pairs)
        k = kappa(pairs)
        out.append(
            {
                "scheme": scheme,
                "field": what,
                "records": len(pairs),
                "agree": agree,
                "share": round(agree / len(pairs), 3) if pairs else None,
                "kappa": None if k is None else round(k, 3),
            }
        )
    return out


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| scheme | field | records | agree | share | Cohen's kappa |", "|---|---|---|---|---|---|"]
    for r in rows:
        share = "—" if r["share"] is None else f"{r['share']:.0%}"
        k = "—" if r["kappa"] is None else f"{r['kappa']:.2f}"
        lines.append(f"| {r['scheme']} | {r['field']} | {r['records']} | {r['agree']} | {share} | {k} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    args = p.parse_args(argv)
    first, second = load("first_coding"), load("second_coding")
    if set(first) != set(second):
        print(f"error: the codings cover different records: {sorted(set(first) ^ set(second))}", file=sys.stderr)
        return 1
    rows = measure(first, second)
    print(json.dumps(rows, indent=2) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
