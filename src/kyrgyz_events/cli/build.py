"""``kyrgyz-events build``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kyrgyz_events.paths import find_checkout

EXAMPLE = "example:\n  kyrgyz-events build                 # dataset/annotations -> dataset/data, datapackage.json"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="compile the annotations, validate, and publish the package atomically",
        description=__doc__ + "\n\nNothing is published unless every rule passes.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--dataset",
        type=Path,
        default=None,
        help="the dataset folder (default: that of the checkout holding the current folder)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kyrgyz_events.build import build

    root = args.dataset
    if root is None:
        repo = find_checkout()
        if repo is None:
            print(
                "error: build is a maintainer command: run it inside a kyrgyz-events checkout"
                " (the folder with pyproject.toml, schema/ and dataset/annotations/), or pass --dataset DIR",
                file=sys.stderr,
            )
            return 2
        root = repo / "dataset"
    report = build(root)
    if report.valid:
        print(f"built {root}: {report.summary()}")
    else:
        print(report.to_text())
        print("nothing was published; the previous package is unchanged")
    return report.exit_code
