"""``kyrgyz-events validate [PATH]``: validate a published package (or one table file) with every rule."""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXAMPLES = """\
examples:
  kyrgyz-events validate                         # this repository's package and annotations
  kyrgyz-events validate path/to/package         # a folder holding datapackage.json
  kyrgyz-events validate data/events.parquet     # one table file: its record and table rules
  kyrgyz-events validate dataset --format json --limit 50
  kyrgyz-events validate mine/events.parquet --schema-version 1.0.0   # a file of your own, an older release
  kyrgyz-events validate big/package --engine spark --table-format parquet          # Spark local[2]
  kyrgyz-events validate big/package --engine spark --master spark://host:7077      # a Spark cluster

exit codes: 0 valid, 1 invalid data, 2 unusable input (missing or unreadable file, truncated Parquet,
malformed JSON line, unknown schema version, bad arguments)
"""


QUIET = "draw no progress bar (none is drawn in CI or when standard error is not a terminal)"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "validate",
        help="validate a package: every rule, every error at once",
        description="Validate a published kyrgyz-events package (or one of its table files) against the schema "
        "version it declares: record, table, cross-table, provenance and package rules.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "path",
        nargs="?",
        help="package folder, datapackage.json, or a .parquet/.jsonl file "
        "(default: this repository's published package and annotations)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument(
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help="show at most N findings per table and rule (text) or N in all (json); all are counted",
    )
    p.add_argument(
        "--schema-version",
        metavar="VERSION",
        help="the released schema version the input follows (default: the version it declares; "
        "an input that declares none is checked as the current version, and that is reported)",
    )
    p.add_argument(
        "--table-format",
        choices=("parquet", "jsonl"),
        help="read only this file of each table (default: both, and the two are compared)",
    )
    p.add_argument(
        "--engine",
        choices=("polars", "spark"),
        default="polars",
        help="what runs the rules: polars, embedded (default), or spark (extra: spark; needs Java 17)",
    )
    p.add_argument("--master", metavar="URL", help="the Spark master (default: local[2]); with --engine spark")
    p.add_argument(
        "--reference", action="store_true", help="check records one by one with jsonschema (slow) instead of in SQL"
    )
    p.add_argument("--quiet", action="store_true", help=QUIET)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kyrgyz_events.checkout import validate
    from kyrgyz_events.findings import dumps
    from kyrgyz_events.progress import shown, wanted

    if args.master and args.engine != "spark":
        print("kyrgyz-events validate: --master needs --engine spark", file=sys.stderr)
        return 2
    formats = (args.table_format,) if args.table_format else ("parquet", "jsonl")
    with shown(wanted(args.quiet)):
        report = validate(
            args.path,
            fast=not args.reference,
            formats=formats,
            schema_version=args.schema_version,
            engine=args.engine,
            master=args.master,
        )
    if args.format == "json":
        print(dumps(report.as_dict(limit=args.limit), ensure_ascii=False, indent=2))
    else:
        print(report.to_text(limit=args.limit))
    return report.exit_code
