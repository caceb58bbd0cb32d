"""``kyrgyz-events view``: the annotated article as a static web page (HTML, CSS, JS, one folder)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kyrgyz_events.view.data import MAX_DOCUMENTS

#: Where the site goes by default: the current folder, never the package (its descriptor lists its files).
DEFAULT_OUT = "kyrgyz-events-view"

EXAMPLE = (
    "example:\n"
    "  kyrgyz-events view                                   # the published package -> ./kyrgyz-events-view/\n"
    "  kyrgyz-events view /tmp/synth --out /tmp/synth-view  # any valid package; open index.html"
)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "view",
        help="write the annotated article, its records, conflicts and timeline as a static web page",
        description=(__doc__ or "")
        + "\n\nThe page needs no server and makes no network request; open index.html in a browser. "
        f"A package of more than {MAX_DOCUMENTS} documents is capped (the page says so).",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "package",
        nargs="?",
        type=Path,
        default=None,
        metavar="PACKAGE",
        help="the package folder (default: the published package)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"folder to write the site into (default: ./{DEFAULT_OUT}; the package itself is never changed)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kyrgyz_events.paths import dataset_root
    from kyrgyz_events.view import write_view

    package: Path = args.package if args.package is not None else dataset_root()
    if not (package / "data" / "documents.parquet").is_file():
        print(f"error: {package} is not a package (no data/documents.parquet)", file=sys.stderr)
        return 2
    out: Path = args.out if args.out is not None else Path.cwd() / DEFAULT_OUT
    try:
        shown = write_view(package, out)
    except OSError as exc:
        print(f"error: cannot write {out}: {exc}", file=sys.stderr)
        return 2
    capped = f" (of {shown['documents_total']})" if shown["documents_total"] > shown["documents"] else ""
    print(f"wrote {out / 'index.html'}: {shown['documents']} document(s){capped}, {shown['evidence']} evidence spans")
    return 0
