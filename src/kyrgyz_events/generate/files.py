"""The list of generated files and their content, and the drift check."""

from __future__ import annotations

import argparse
from pathlib import Path

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.about import citation_cff
from kyrgyz_events.generate.cli_doc import cli_markdown
from kyrgyz_events.generate.crosswalk_doc import crosswalk_markdown
from kyrgyz_events.generate.json_schema import all_json_schemas
from kyrgyz_events.generate.reference import reference_markdown
from kyrgyz_events.package_io.json_text import dump_json

REGENERATE_COMMAND = "kyrgyz-events schema generate"

DO_NOT_EDIT = f"Generated from src/kyrgyz_events/models by `{REGENERATE_COMMAND}` — do not edit."


def _folder_readme(version: str) -> str:
    return (
        f"# Schema {version} — generated, do not edit\n\n{DO_NOT_EDIT}\n\n"
        "One JSON Schema (2020-12) per table, each describing one record of the table. `tables.json` lists "
        "the tables in publishing order. `examples/` is hand-written, not generated: valid and invalid "
        "records per table, each invalid case with one defect named in its file name. A released version's "
        "folder never changes; see `schema/CHANGELOG.md`.\n"
    )


def package_pages() -> dict[str, str]:
    """The generated pages the published package carries too: ``docs/<name>`` -> content."""
    schemas = all_json_schemas(SCHEMA_VERSION)
    return {
        "docs/reference.md": reference_markdown(schemas, DO_NOT_EDIT),
        "docs/crosswalk.md": crosswalk_markdown(DO_NOT_EDIT),
    }


def generated_files(cli_parser: argparse.ArgumentParser) -> dict[str, str]:
    """Relative path -> content of every file generated from the models (and, for ``docs/cli.md``, from
    ``cli_parser``, the CLI's parser: passed in, so that this layer never imports the CLI above it)."""
    schemas = all_json_schemas(SCHEMA_VERSION)
    folder = f"schema/{SCHEMA_VERSION}"
    files = {f"{folder}/{table}.schema.json": dump_json(s) for table, s in schemas.items()}
    files[f"{folder}/tables.json"] = dump_json({"schemaVersion": SCHEMA_VERSION, "tables": list(schemas)})
    files[f"{folder}/README.md"] = _folder_readme(SCHEMA_VERSION)
    files.update(package_pages())
    files["CITATION.cff"] = citation_cff()
    files["docs/cli.md"] = cli_markdown(
        cli_parser, DO_NOT_EDIT.replace("src/kyrgyz_events/models", "the CLI's argument parsers")
    )
    return files


def write_generated(root: Path, cli_parser: argparse.ArgumentParser) -> list[str]:
    """Write every generated file under ``root``; return the paths that changed."""
    changed = []
    for rel, content in generated_files(cli_parser).items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
            changed.append(rel)
    return changed


def check_generated(root: Path, cli_parser: argparse.ArgumentParser) -> list[str]:
    """Paths whose committed content differs from a fresh generation (missing files included)."""
    return [
        rel
        for rel, content in generated_files(cli_parser).items()
        if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != content
    ]
