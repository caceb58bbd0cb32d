"""The CI gate: a change to the models must come with the version bump its class requires.

Compares what the models generate now with the latest released schema folder (``schema/releases.json``)
and with ``SCHEMA_VERSION``; also checks that no released folder changed and that the changelog has an
entry for the current version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.evolution.diff import JsonSchemas, SchemaDiff, SchemaFolderError, diff_versions, load_schema_folder
from kyrgyz_events.evolution.releases import read_releases, release_problems
from kyrgyz_events.generate.json_schema import all_json_schemas
from kyrgyz_events.schema_versions import Level, bump_level, bumped

VERSION_FILE = "src/kyrgyz_events/_version.py"
CHANGELOG = "schema/CHANGELOG.md"


@dataclass
class GateResult:
    released: str | None
    version: str
    diff: SchemaDiff | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_text(self) -> str:
        lines = [*(f"error: {p}" for p in self.problems)]
        if self.diff is not None and self.diff.changes:
            lines.append(self.diff.to_text())
        if self.ok:
            lines.append(f"ok: SCHEMA_VERSION {self.version} matches the models (latest release {self.released})")
        return "\n".join(lines)


def check_bump(root: Path, current: JsonSchemas | None = None, version: str = SCHEMA_VERSION) -> GateResult:
    """Check the repository at ``root``; ``current`` defaults to the models' JSON Schemas."""
    schema_dir = root / "schema"
    releases = read_releases(schema_dir)
    result = GateResult(released=None, version=version)
    if not releases:
        result.problems.append(f"{schema_dir}/releases.json records no release; run `kyrgyz-events schema release`")
        return result
    result.problems.extend(release_problems(schema_dir))
    latest = result.released = list(releases)[-1]
    current = current if current is not None else all_json_schemas(version)
    try:
        released = load_schema_folder(schema_dir / latest)
    except SchemaFolderError as exc:
        result.problems.append(f"cannot read released schema {latest}: {exc}")
        return result
    diff = result.diff = diff_versions(released, current, latest, f"models ({version})")
    needed = diff.level
    try:
        actual = bump_level(latest, version)
    except ValueError:
        result.problems.append(f"SCHEMA_VERSION {version} in {VERSION_FILE} is older than released {latest}")
        return result
    why = "; ".join(f"{c.kind} {c.where} ({c.level.name})" for c in diff.changes)
    if actual is Level.NONE and needed is not Level.NONE:
        result.problems.append(
            f"the models changed since schema {latest} was released but SCHEMA_VERSION is still {latest}: "
            f'a {needed.name} bump is needed: set SCHEMA_VERSION = "{bumped(latest, needed)}" in {VERSION_FILE}, '
            f"run `kyrgyz-events schema generate` and add the version to {CHANGELOG}. Changes: {why}"
        )
    elif actual is not Level.NONE and needed is Level.NONE:
        result.problems.append(
            f"SCHEMA_VERSION {version} is a {actual.name} bump from {latest}, but the models did not change: "
            f'set SCHEMA_VERSION back to "{latest}" in {VERSION_FILE}'
        )
    elif actual is needed and version != bumped(latest, needed):
        result.problems.append(
            f"SCHEMA_VERSION {version} skips a version: a {needed.name} bump from {latest} is "
            f'{bumped(latest, needed)}; set SCHEMA_VERSION = "{bumped(latest, needed)}" in {VERSION_FILE}'
        )
    elif actual is not Level.NONE and version != bumped(latest, needed):
        result.problems.append(
            f"SCHEMA_VERSION {version} is a {actual.name} bump from {latest}, but the changes need a {needed.name} "
            f'bump: set SCHEMA_VERSION = "{bumped(latest, needed)}" in {VERSION_FILE}. Changes: {why}'
        )
    if actual is not Level.NONE and not in_changelog(root / CHANGELOG, version):
        result.problems.append(f"{CHANGELOG} has no '## {version}' entry: say what changed and what a user must do")
    return result


def in_changelog(path: Path, version: str) -> bool:
    """Whether the changelog at ``path`` has a ``## <version>`` heading (outside comments)."""
    if not path.is_file():
        return False
    pattern = re.compile(rf"^##\s+\[?{re.escape(version)}\]?(\s|$)", re.MULTILINE)
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # not in comments
    return pattern.search(text) is not None


__all__ = ["GateResult", "check_bump", "in_changelog"]
