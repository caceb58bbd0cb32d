"""``kyrgyz-events export``: the evidence of a package as W3C Web Annotation (JSON-LD) or brat standoff."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

FORMATS = ("webanno", "brat")  # kept equal to kyrgyz_events.export.FORMATS by a test; no import here

EXAMPLES = """\
examples:
  kyrgyz-events export --format webanno --out out/           # out/evidence.jsonld (this package's)
  kyrgyz-events export path/to/package --format brat --out brat/data/kyrgyz-events
                                                             # <document>.txt, .ann, annotation.conf, visual.conf

exit codes: 0 written, 1 the package's evidence does not quote its documents, 2 unusable input (no package
there, unreadable table file, unknown format, folder that cannot be written)
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write the evidence as W3C Web Annotation (JSON-LD) or brat standoff",
        description=(__doc__ or "")
        + "\n\nEvery span of the article that supports a record, with the record it supports: offsets in Unicode "
        "code points, end exclusive, as in the evidence table. The published package ships both under export/.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "package",
        nargs="?",
        type=Path,
        help="package folder or its datapackage.json (default: the package shipped with kyrgyz-events)",
    )
    p.add_argument("--format", choices=FORMATS, required=True, help="webanno (JSON-LD) or brat (standoff)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into (created if needed)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kyrgyz_events.export import ExportError, read_package, write_format
    from kyrgyz_events.load import path

    package = args.package if args.package is not None else path()
    try:
        rows, metadata = read_package(package)
    except ExportError as exc:  # no package there, or one whose tables cannot be read
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        written = write_format(args.out, args.format, rows, metadata)
    except ExportError as exc:  # evidence that does not quote its document
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    files = "file" if len(written) == 1 else "files"
    print(f"wrote {len(written)} {files} to {args.out}: {', '.join(e.path for e in written)}")
    return 0
