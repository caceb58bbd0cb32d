"""Schema version numbers (MAJOR.MINOR.PATCH): their order, the class of a change between two of them, and
the version folders of a schema directory."""

from __future__ import annotations

import re
from enum import IntEnum
from pathlib import Path
from typing import NamedTuple

_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class Level(IntEnum):
    """The class of a schema change (Frictionless data-package-version recipe); NONE for no change."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


class Version(NamedTuple):
    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def parse_version(text: str) -> Version:
    """``"1.10.0"`` -> Version(1, 10, 0); a ValueError naming the text if it is not MAJOR.MINOR.PATCH."""
    m = _SEMVER.match(text)
    if m is None:
        raise ValueError(f"not a schema version (MAJOR.MINOR.PATCH): {text!r}")
    return Version(int(m[1]), int(m[2]), int(m[3]))


def version_key(text: str) -> Version:
    """Sort key for version strings (numeric, so 10.0.0 sorts after 9.0.0)."""
    return parse_version(text)


def bumped(version: str, level: Level) -> str:
    """The version after a ``level`` bump of ``version`` (NONE: the same version)."""
    v = parse_version(version)
    if level is Level.MAJOR:
        return str(Version(v.major + 1, 0, 0))
    if level is Level.MINOR:
        return str(Version(v.major, v.minor + 1, 0))
    if level is Level.PATCH:
        return str(Version(v.major, v.minor, v.patch + 1))
    return str(v)


def bump_level(old: str, new: str) -> Level:
    """The class of the bump from ``old`` to ``new`` (NONE when equal). ``new`` must not be older."""
    a, b = parse_version(old), parse_version(new)
    if b < a:
        raise ValueError(f"{new} is older than {old}")
    if b.major != a.major:
        return Level.MAJOR
    if b.minor != a.minor:
        return Level.MINOR
    return Level.PATCH if b.patch != a.patch else Level.NONE


def version_folders(schema_dir: Path) -> list[str]:
    """The schema versions of ``schema_dir``, oldest first: every folder named MAJOR.MINOR.PATCH that holds
    a ``tables.json`` (the list of its tables, which every generated version folder has)."""
    found = []
    for folder in schema_dir.iterdir() if schema_dir.is_dir() else []:
        try:
            parse_version(folder.name)
        except ValueError:
            continue
        if (folder / "tables.json").is_file():
            found.append(folder.name)
    return sorted(found, key=version_key)
