"""``kyrgyz-events build``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kyrgyz_events.paths import find_checkout

EXAMPLE = "example:\n  kyrgyz-events build                 # dataset/annotations -> dataset/package/"


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
    p.add_argument(
        "--wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for another build of the same folder to finish (default: 60)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kyrgyz_events.build import build
    from kyrgyz_events.package_io.atomic import BuildLocked

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
    try:
        report = build(root, wait=args.wait, log=lambda note: print(f"note: {note}", file=sys.stderr))
    except BuildLocked as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # a read-only folder, a full disk, …: the published package is unchanged
        where = f" ({e.filename})" if e.filename else ""
        print(f"error: cannot build {root}: {e.strerror or e}{where}", file=sys.stderr)
        print("nothing was published; the previous package is unchanged", file=sys.stderr)
        return 2
    if report.valid:
        print(f"built {report.target}: {report.summary()}")
    else:
        print(report.to_text())
        print("nothing was published; the previous package is unchanged")
    return report.exit_code
