"""``kyrgyz-events schema``: generate the committed schema files, diff two versions, gate version bumps,
walk the new-version checklist, record a release."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.paths import find_checkout, schema_root

if TYPE_CHECKING:
    from kyrgyz_events.evolution.diff import JsonSchemas

EXAMPLES = """examples:
  kyrgyz-events schema generate            # rewrite schema/<version>/, docs/reference.md, docs/crosswalk.md
  kyrgyz-events schema generate --check    # exit 1 if a committed file differs from the models
  kyrgyz-events schema diff 1.0.0 1.1.0    # every change, its class, backward/forward compatibility
  kyrgyz-events schema diff 1.0.0 models --format json
  kyrgyz-events schema check-bump          # CI gate: model changes need the matching SCHEMA_VERSION bump
  kyrgyz-events schema new-version         # do the mechanical steps of adding SCHEMA_VERSION, name the rest
  kyrgyz-events schema new-version --check # change nothing; exit 1 naming every step still missing
  kyrgyz-events schema release             # record the current version's files as released (immutable)
"""


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "schema",
        help="generate, diff and version the table schemas",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="schema_command", metavar="SUBCOMMAND", required=True)
    root_help = "repository checkout (default: the one this package runs from)"

    g = sub.add_parser("generate", help="write (or --check) the files generated from the models")
    g.add_argument("--check", action="store_true", help="write nothing; exit 1 if a committed file is stale")
    g.add_argument("--root", type=Path, help=root_help)

    d = sub.add_parser("diff", help="list and classify the changes between two schema versions")
    d.add_argument("old", help="a released version (1.0.0), a folder of *.schema.json, or 'models'")
    d.add_argument("new", help="same as OLD")
    d.add_argument("--format", choices=("text", "json"), default="text")

    c = sub.add_parser("check-bump", help="fail if the models changed without the matching version bump")
    c.add_argument("--root", type=Path, help=root_help)

    n = sub.add_parser(
        "new-version",
        help=f"the checklist of adding schema {SCHEMA_VERSION}: do the mechanical steps, name the missing ones",
    )
    n.add_argument("--check", action="store_true", help="change nothing; exit 1 if a step is missing")
    n.add_argument("--root", type=Path, help=root_help)

    r = sub.add_parser("release", help=f"record schema/{SCHEMA_VERSION}/ in schema/releases.json")
    r.add_argument("--root", type=Path, help=root_help)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    commands = {
        "generate": run_generate,
        "diff": run_diff,
        "check-bump": run_check_bump,
        "new-version": run_new_version,
        "release": run_release,
    }
    return commands[args.schema_command](args)


def _root(args: argparse.Namespace) -> Path | None:
    root: Path | None = args.root if args.root is not None else find_checkout()
    if root is None:
        print(
            "error: this is a maintainer command: run it inside a kyrgyz-events checkout, or pass --root DIR",
            file=sys.stderr,
        )
    return root


def _verdict(text: str, ok: bool) -> int:
    """Print a gate's report (to stderr when it fails); its exit code: 0 ok, 1 not."""
    print(text, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def run_generate(args: argparse.Namespace) -> int:
    from kyrgyz_events.generate import REGENERATE_COMMAND, check_generated, write_generated

    root = _root(args)
    if root is None:
        return 2
    from kyrgyz_events.cli import parser

    if args.check:
        stale = check_generated(root, parser())
        for rel in stale:
            print(f"error: {rel} differs from the models; run `{REGENERATE_COMMAND}`", file=sys.stderr)
        print(f"{len(stale)} generated file(s) out of date" if stale else "ok: every generated file is up to date")
        return 1 if stale else 0
    changed = write_generated(root, parser())
    print("\n".join(f"wrote {rel}" for rel in changed) or "every generated file was already up to date")
    return 0


def _schemas(arg: str) -> tuple[JsonSchemas, str]:
    from kyrgyz_events.evolution.diff import load_schema_folder
    from kyrgyz_events.generate.json_schema import all_json_schemas

    if arg == "models":
        return all_json_schemas(SCHEMA_VERSION), f"models ({SCHEMA_VERSION})"
    folder = Path(arg)
    if not folder.is_dir():
        folder = schema_root() / arg
    return load_schema_folder(folder), arg


def run_diff(args: argparse.Namespace) -> int:
    from kyrgyz_events.evolution.diff import SchemaFolderError, diff_versions

    try:
        (old, old_name), (new, new_name) = _schemas(args.old), _schemas(args.new)
        diff = diff_versions(old, new, old_name, new_name)
    except SchemaFolderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(diff.as_dict(), indent=2) if args.format == "json" else diff.to_text())
    return 0


def run_check_bump(args: argparse.Namespace) -> int:
    from kyrgyz_events.evolution.diff import SchemaFolderError
    from kyrgyz_events.evolution.gate import check_bump

    root = _root(args)
    if root is None:
        return 2
    try:
        result = check_bump(root)
    except SchemaFolderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return _verdict(result.to_text(), result.ok)


def run_new_version(args: argparse.Namespace) -> int:
    from kyrgyz_events.evolution.checklist import new_version

    root = _root(args)
    if root is None:
        return 2
    from kyrgyz_events.cli import parser

    result = new_version(root, parser(), apply=not args.check)
    return _verdict(result.to_text(), result.ok)


def run_release(args: argparse.Namespace) -> int:
    from kyrgyz_events.evolution.releases import record_release
    from kyrgyz_events.generate import REGENERATE_COMMAND, check_generated

    root = _root(args)
    if root is None:
        return 2
    from kyrgyz_events.cli import parser

    stale = [rel for rel in check_generated(root, parser()) if rel.startswith(f"schema/{SCHEMA_VERSION}/")]
    if stale:
        print(f"error: {', '.join(stale)} differ from the models; run `{REGENERATE_COMMAND}` first", file=sys.stderr)
        return 1
    try:
        recorded = record_release(root / "schema", SCHEMA_VERSION)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"recorded schema {SCHEMA_VERSION} in schema/releases.json"
        if recorded
        else f"schema {SCHEMA_VERSION} was already recorded with these files"
    )
    return 0
