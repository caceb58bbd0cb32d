"""``kyrgyz-events``: a thin shell over the library. One module per subcommand, each with
``add_parser(subparsers)`` and ``run(args) -> int`` (the exit code).

Start-up is light on purpose: a command module imports only the standard library at its top and its
library code inside ``run``, so ``--help`` and ``--version`` never load polars, pyarrow, pydantic or
jsonschema. A command whose optional dependencies are not installed says which extra to install.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION, __version__

#: Commands for everyone who uses a package (the published one or their own), in the order help lists them.
USER_COMMANDS = ("validate", "view", "export", "migrate", "synth")
#: Commands for maintainers of this repository: they work inside a checkout (found from the current folder).
MAINTAINER_COMMANDS = ("build", "schema")
#: Every subcommand module under kyrgyz_events.cli.
COMMANDS = USER_COMMANDS + MAINTAINER_COMMANDS

#: Third-party module -> the extra of this package that installs it.
EXTRA_FOR_MODULE = {
    "polars": "validate",
    "pydantic": "validate",
    "pydantic_core": "validate",
    "jsonschema": "validate",
    "pandera": "validate",
    "yaml": "validate",
    "pycountry": "validate",
    "pandas": "pandas",
    "duckdb": "duckdb",
    "matplotlib": "figures",
    "pyspark": "spark",
    "py4j": "spark",
    "sqlglot": "spark",
}


def version_text() -> str:
    return f"kyrgyz-events {__version__} (schema {SCHEMA_VERSION}, dataset {DATASET_VERSION})"


def _command_list(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> str:
    helps = {action.dest: action.help or "" for action in sub._choices_actions}
    width = max(len(name) for name in COMMANDS) + 2
    lines = ["commands for users:"]
    lines += [f"  {name:<{width}}{helps[name]}" for name in USER_COMMANDS]
    lines += ["", "commands for maintainers (inside a kyrgyz-events checkout):"]
    lines += [f"  {name:<{width}}{helps[name]}" for name in MAINTAINER_COMMANDS]
    lines += ["", "`kyrgyz-events COMMAND --help` shows a command's options and examples."]
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kyrgyz-events",
        usage="%(prog)s [-h] [--version] COMMAND ...",
        description="Validate, build and evolve the kyrgyz-events data package.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=version_text())
    sub = p.add_subparsers(
        dest="command", metavar="COMMAND", required=True, help=argparse.SUPPRESS, prog="kyrgyz-events"
    )
    for name in COMMANDS:
        importlib.import_module(f"kyrgyz_events.cli.{name}").add_parser(sub)
    p.epilog = _command_list(sub)
    return p


def missing_extra(exc: ImportError) -> str | None:
    """The message for a command that needs an optional dependency that is not installed, else None."""
    top = (exc.name or "").partition(".")[0]
    extra = EXTRA_FOR_MODULE.get(top)
    if extra is None:
        return None
    return f"error: this command needs {top}, which is not installed: pip install 'kyrgyz-events[{extra}]'"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run a subcommand. Bad arguments exit 2 (argparse's convention), and so does a
    command whose optional dependencies are missing."""
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except ImportError as exc:
        message = missing_extra(exc)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`kyrgyz-events validate | head`): stop quietly, as the Python docs advise,
        # pointing stdout at devnull so that the interpreter's final flush raises nothing either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
