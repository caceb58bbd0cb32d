"""The command reference page (``docs/cli.md``): every command's ``--help``, as the CLI prints it."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager

WIDTH = "100"  # argparse wraps to the terminal: fix the width so the page is the same everywhere


@contextmanager
def _fixed_width() -> Iterator[None]:
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _walk(name: str, parser: argparse.ArgumentParser) -> Iterator[tuple[str, str]]:
    yield name, parser.format_help()
    for sub, child in _subcommands(parser).items():
        yield from _walk(f"{name} {sub}", child)


def cli_markdown(cli_parser: argparse.ArgumentParser, banner: str) -> str:
    """Every command's help, from the CLI's parser (which the caller passes in: this module sits below the CLI)."""
    out = ["# Command reference", "", f"<!-- {banner} -->", ""]
    with _fixed_width():
        for name, text in _walk("kyrgyz-events", cli_parser):
            out += [f"## `{name}`", "", "```text", text.rstrip("\n"), "```", ""]
    return "\n".join(out)
