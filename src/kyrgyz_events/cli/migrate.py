"""``kyrgyz-events migrate PATH --to VERSION``: upgrade a published package to a later schema version,
into a new folder. The input is never modified. Exit 0 migrated and valid, 1 the result is invalid
(nothing written), 2 the input cannot be used (unreadable, unknown version, no migration)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kyrgyz_events._version import SCHEMA_VERSION

EXAMPLES = f"""examples:
  kyrgyz-events migrate dataset --to {SCHEMA_VERSION}                 # writes dataset-{SCHEMA_VERSION}/
  kyrgyz-events migrate old-package --to {SCHEMA_VERSION} --out upgraded
"""


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "migrate",
        help="upgrade a published package to a later schema version",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", type=Path, help="the published package (folder with datapackage.json)")
    p.add_argument(
        "--to", dest="to_version", default=SCHEMA_VERSION, help="target schema version (default: %(default)s)"
    )
    p.add_argument("--out", type=Path, help="new folder to write (default: PATH-VERSION beside PATH); must not exist")
    p.add_argument("--schema-dir", type=Path, help="folder of schema versions (default: the installation's)")
    p.add_argument(
        "--force",
        action="store_true",
        help="migrate a package that fails its own validation (refused by default: it would come out looking valid)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kyrgyz_events.evolution import migrations

    source: Path = args.path
    out: Path = args.out or source.resolve().parent / f"{source.resolve().name}-{args.to_version}"
    try:
        result = migrations.migrate_package(
            source, args.to_version, out, registry=migrations.REGISTRY, schema_dir=args.schema_dir, force=args.force
        )
    except migrations.MigrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a read-only folder, a full disk, …: nothing is written to --out
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: cannot migrate into {out}: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    for step in result.steps:
        print(f"step {step.describe()}")
    for note in result.notes:
        print(f"note: {note}")
    if result.report is not None and not result.report.valid:
        print(result.report.to_text(), file=sys.stderr)
        print(f"error: the migrated package is invalid; nothing was written to {out}", file=sys.stderr)
        return result.exit_code
    print(f"migrated {source} (schema {result.from_version}) to {out} (schema {result.to_version})")
    return 0
