"""``kyrgyz-events``: a thin shell over the library. One module per subcommand, each with
``add_parser(subparsers)`` and ``run(args) -> int`` (the exit code)."""

from __future__ import annotations

import argparse
import importlib
import sys

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION, __version__

#: Subcommand modules under kyrgyz_events.cli, in the order ``--help`` lists them.
COMMANDS = ("validate", "build", "export", "synth", "schema", "migrate")


def version_text() -> str:
    return f"kyrgyz-events {__version__} (schema {SCHEMA_VERSION}, dataset {DATASET_VERSION})"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kyrgyz-events",
        description="Validate, build and evolve the kyrgyz-events data package.",
    )
    p.add_argument("--version", action="version", version=version_text())
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"kyrgyz_events.cli.{name}").add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run a subcommand. Bad arguments exit 2 (argparse's convention)."""
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
