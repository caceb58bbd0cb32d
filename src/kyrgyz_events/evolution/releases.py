"""``schema/releases.json``: the sha256 of every file of every released schema folder.

A released folder never changes. ``kyrgyz-events schema release`` records a version when it is released;
``kyrgyz-events schema check-bump`` fails if a recorded folder's files no longer match.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from kyrgyz_events.package_io.json_text import dump_json
from kyrgyz_events.schema_versions import version_key

RELEASES_FILE = "releases.json"
_COMMENT = (
    "Released schema versions and the sha256 of each file under their folder (examples included). Written by "
    "`kyrgyz-events schema release`; checked by `kyrgyz-events schema check-bump`. A released folder never changes."
)


def folder_digests(folder: Path) -> dict[str, str]:
    """Relative path -> "sha256:<hex>" for every file under ``folder`` (examples included), sorted."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return {p.relative_to(folder).as_posix(): "sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def read_releases(schema_dir: Path) -> dict[str, dict[str, str]]:
    """Released version -> {file name: digest}, oldest first; empty when nothing is recorded."""
    path = schema_dir / RELEASES_FILE
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    releases: dict[str, dict[str, str]] = data.get("releases", {})
    return {v: releases[v] for v in sorted(releases, key=version_key)}


def write_releases(schema_dir: Path, releases: dict[str, dict[str, str]]) -> None:
    ordered = {v: releases[v] for v in sorted(releases, key=version_key)}
    text = dump_json({"$comment": _COMMENT, "releases": ordered})
    (schema_dir / RELEASES_FILE).write_text(text, encoding="utf-8", newline="\n")


def record_release(schema_dir: Path, version: str) -> bool:
    """Record ``schema_dir/<version>``'s digests; False if it was already recorded with the same files.

    Raises ValueError if the folder is missing or was recorded before with different files.
    """
    folder = schema_dir / version
    if not folder.is_dir():
        raise ValueError(f"{folder}: no such schema folder (run `kyrgyz-events schema generate` first)")
    releases = read_releases(schema_dir)
    digests = folder_digests(folder)
    if version in releases:
        if releases[version] != digests:
            raise ValueError(f"schema {version} was released with other files; a released folder never changes")
        return False
    releases[version] = digests
    write_releases(schema_dir, releases)
    return True


def release_problems(schema_dir: Path) -> list[str]:
    """One message per released file that changed, vanished or appeared since its release."""
    problems = []
    for version, recorded in read_releases(schema_dir).items():
        folder = schema_dir / version
        if not folder.is_dir():
            problems.append(f"schema/{version}/ was released but is missing")
            continue
        current = folder_digests(folder)
        for name in sorted(set(recorded) | set(current)):
            where = f"schema/{version}/{name}"
            if name not in current:
                problems.append(f"{where} was released but is missing")
            elif name not in recorded:
                problems.append(f"{where} was added after schema {version} was released")
            elif current[name] != recorded[name]:
                problems.append(f"{where} changed after schema {version} was released ({recorded[name]} recorded)")
    return problems
