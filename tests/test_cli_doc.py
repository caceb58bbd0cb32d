"""docs/cli.md documents every command, and every command's help shows an example."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyrgyz_events.cli import COMMANDS, parser
from kyrgyz_events.generate.cli_doc import _subcommands, _walk

DOC = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
HELP = dict(_walk("kyrgyz-events", parser()))


def test_every_command_is_listed() -> None:
    assert set(_subcommands(parser())) == set(COMMANDS)
    assert len(HELP) > len(COMMANDS)  # the schema subcommands are walked too


@pytest.mark.parametrize("name", sorted(HELP), ids=sorted(HELP))
def test_every_command_is_documented(name: str) -> None:
    assert f"## `{name}`" in DOC, f"{name} is missing from docs/cli.md; run `kyrgyz-events schema generate`"


@pytest.mark.parametrize("name", [f"kyrgyz-events {c}" for c in COMMANDS], ids=list(COMMANDS))
def test_every_command_help_shows_an_example(name: str) -> None:
    assert "example" in HELP[name].lower(), f"`{name} --help` shows no example"
