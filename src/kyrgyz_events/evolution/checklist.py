"""The new-schema-version checklist (``docs/versioning.md``): every step a maintainer must take to add a
schema version, each checked against the checkout, the mechanical ones done on request.

``new_version(root, cli_parser, apply=True)`` walks the steps in order for ``SCHEMA_VERSION`` (the version
being added, set in ``_version.py``; when it is the latest release, the checklist says whether that release
is complete). A mechanical step that is missing is done (``apply``) when what it needs is in place; any
other missing step is named with what to do. Releasing the folder, which can never be undone, waits until
every other step is done.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION
from kyrgyz_events.evolution.gate import CHANGELOG, VERSION_FILE, check_bump, in_changelog
from kyrgyz_events.evolution.releases import folder_digests, read_releases, record_release
from kyrgyz_events.package_io.descriptor import DescriptorError, declared_version, read_descriptor
from kyrgyz_events.schema_versions import parse_version, version_folders

DATASET_CHANGELOG = "dataset/CHANGELOG.md"
PACKAGE = "dataset/package"
RELEASES = "dataset/releases"
MAKE_EXAMPLES = "scripts/make_examples.py"


@dataclass
class Step:
    """One step of the checklist and what the walk found: ``ok`` (already so), ``done`` (done just now,
    mechanically) or ``missing`` (``detail`` says what to do)."""

    name: str
    status: str
    detail: str = ""


@dataclass
class Checklist:
    version: str
    previous: str | None
    steps: list[Step] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.status != "missing" for s in self.steps)

    @property
    def missing(self) -> list[str]:
        return [s.name for s in self.steps if s.status == "missing"]

    def to_text(self) -> str:
        since = f" (after {self.previous})" if self.previous else ""
        lines = [f"schema {self.version}{since}: the new-version checklist (docs/versioning.md)"]
        for number, s in enumerate(self.steps, start=1):
            lines.append(f"{number:>2}. {s.status:<7} {s.name}" + (f": {s.detail}" if s.detail else ""))
        lines.append("ok: every step is done" if self.ok else f"{len(self.missing)} step(s) missing")
        return "\n".join(lines)


@dataclass
class _Walk:
    root: Path
    version: str
    previous: str | None
    apply: bool
    cli_parser: argparse.ArgumentParser
    dataset_version: str

    @property
    def folder(self) -> Path:
        return self.root / "schema" / self.version


def _version_bump(w: _Walk) -> Step:
    problems = [p for p in check_bump(w.root, version=w.version).problems if CHANGELOG not in p]
    return Step("version", "missing", "; ".join(problems)) if problems else Step("version", "ok")


def _changelog(w: _Walk) -> Step:
    if in_changelog(w.root / CHANGELOG, w.version):
        return Step("schema changelog", "ok")
    return Step(
        "schema changelog", "missing", f"add '## {w.version} — YYYY-MM-DD' to {CHANGELOG}: the class, each change"
    )


def _generated(w: _Walk) -> Step:
    from kyrgyz_events.generate import REGENERATE_COMMAND, check_generated, write_generated

    stale = check_generated(w.root, w.cli_parser)
    if not stale:
        return Step("generated files", "ok")
    if w.apply:
        write_generated(w.root, w.cli_parser)
        return Step("generated files", "done", f"wrote {', '.join(stale)}")
    return Step("generated files", "missing", f"{', '.join(stale)} differ from the models; run `{REGENERATE_COMMAND}`")


def _tables(folder: Path) -> list[str]:
    tables: list[str] = json.loads((folder / "tables.json").read_text(encoding="utf-8"))["tables"]
    return tables


def _examples(w: _Walk) -> Step:
    examples = w.folder / "examples"
    done = ""
    if not examples.is_dir() and w.previous is not None and w.apply and (w.folder / "tables.json").is_file():
        shutil.copytree(w.root / "schema" / w.previous / "examples", examples)
        done = f"copied schema/{w.previous}/examples/; "
    if not (w.folder / "tables.json").is_file():
        return Step("examples", "missing", f"generate schema/{w.version}/ first")
    lacking = [t for t in _tables(w.folder) if not any((examples / t).glob("valid-*.json"))]
    wrong = _disagreeing_cases(w.folder)
    todo = [f"write valid-*.json cases for {', '.join(lacking)}"] * bool(lacking)
    todo += [f"adapt the cases the schema now judges otherwise: {', '.join(wrong)}"] * bool(wrong)
    if todo:
        how = (
            f"copy schema/{w.previous}/examples/ to schema/{w.version}/examples/, then "
            if not examples.is_dir()
            else ""
        )
        return Step("examples", "missing", done + how + "; ".join(todo))
    return Step("examples", "done" if done else "ok", done.rstrip("; "))


def _disagreeing_cases(folder: Path) -> list[str]:
    """The valid example cases the version's JSON Schema rejects (the invalid ones are derived)."""
    from jsonschema import Draft202012Validator, FormatChecker

    wrong = []
    for table in _tables(folder):
        schema = json.loads((folder / f"{table}.schema.json").read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        for path in sorted((folder / "examples" / table).glob("valid-*.json")):
            if not validator.is_valid(json.loads(path.read_text(encoding="utf-8")).get("data")):
                wrong.append(f"{table}/{path.name}")
    return wrong


def _invalid_examples(w: _Walk) -> Step:
    script = w.root / MAKE_EXAMPLES
    if not script.is_file():
        return Step("invalid examples", "missing", f"{MAKE_EXAMPLES} is missing")
    check = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    if check.returncode == 0:
        return Step("invalid examples", "ok")
    how = f"run python {MAKE_EXAMPLES} (derives them from the valid cases)"
    if not w.apply:
        return Step("invalid examples", "missing", how)
    made = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        why = (made.stderr.strip().splitlines() or ["failed"])[-1]
        return Step("invalid examples", "missing", f"{how}; it failed: {why}")
    return Step("invalid examples", "done", f"regenerated by python {MAKE_EXAMPLES}")


def _synth(w: _Walk) -> Step:
    from kyrgyz_events.synth import synthesize
    from kyrgyz_events.validators import validate

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "synthetic"
        try:
            synthesize(out, events=20, seed=0)
        except Exception as exc:  # any failure of the generator is the step's finding
            return Step("synth", "missing", f"kyrgyz-events synth fails ({exc}); update src/kyrgyz_events/synth/")
        report = validate(out)
    if report.valid and report.schema_version == w.version:
        return Step("synth", "ok")
    first = "; ".join(f"{f.rule}: {f.message}" for f in report.findings[:2])
    return Step(
        "synth",
        "missing",
        f"a synthetic package is not a valid {w.version} package ({first}); update src/kyrgyz_events/synth/",
    )


def _migration(w: _Walk) -> Step:
    from kyrgyz_events.evolution.migrations import REGISTRY, MigrationError, plan

    if w.previous is None:
        return Step("migration", "ok", "no earlier version")
    try:
        plan(REGISTRY, w.previous, w.version, w.root / "schema")
    except MigrationError as exc:
        return Step("migration", "missing", f"{exc}: register one in kyrgyz_events.evolution.migrations.REGISTRY")
    return Step("migration", "ok")


def _package_version(folder: Path) -> tuple[str | None, str | None]:
    """(schema version, dataset version) the package in ``folder`` declares; Nones if it cannot be read."""
    try:
        descriptor = read_descriptor(folder)
    except DescriptorError:
        return None, None
    version = descriptor.get("version")
    return declared_version(descriptor), version if isinstance(version, str) else None


def _frozen(w: _Walk) -> Step:
    if w.previous is None:
        return Step("old release frozen", "ok", "no earlier version")
    frozen = w.root / RELEASES / w.previous
    readme = w.root / RELEASES / "README.md"
    listed = readme.is_file() and f"`{w.previous}/`" in readme.read_text(encoding="utf-8")
    if _package_version(frozen)[0] == w.previous and listed:
        return Step("old release frozen", "ok")
    published = w.root / PACKAGE
    schema_of, dataset_of = _package_version(published)
    if w.apply and schema_of == w.previous and not frozen.exists():
        shutil.copytree(published, frozen)
        if not listed and readme.is_file():
            upgrade = f"kyrgyz-events migrate {RELEASES}/{w.previous} --to {w.version} --out DIR"
            row = f"| `{w.previous}/` | {dataset_of} | {w.previous} | `{upgrade}` |\n"
            readme.write_text(readme.read_text(encoding="utf-8").rstrip("\n") + "\n" + row, encoding="utf-8")
        return Step(
            "old release frozen", "done", f"copied {PACKAGE}/ (schema {w.previous}) to {RELEASES}/{w.previous}/"
        )
    return Step(
        "old release frozen",
        "missing",
        f"put the package last published under schema {w.previous} in {RELEASES}/{w.previous}/ (before rebuilding "
        f"{PACKAGE}/, or from git) and list it in {RELEASES}/README.md",
    )


def _rebuilt(w: _Walk) -> Step:
    if _package_version(w.root / PACKAGE)[0] == w.version:
        return Step("dataset rebuilt", "ok")
    return Step(
        "dataset rebuilt",
        "missing",
        f"update dataset/annotations/ for the change, then `kyrgyz-events build` ({PACKAGE}/ must declare {w.version})",
    )


def _dataset_version(w: _Walk) -> Step:
    todo = []
    if w.previous is not None:
        before = _package_version(w.root / RELEASES / w.previous)[1]
        if before is not None and parse_version(w.dataset_version) <= parse_version(before):
            todo.append(
                f"set DATASET_VERSION in {VERSION_FILE} above {before}, the dataset version of the {w.previous} release"
            )
    if not in_changelog(w.root / DATASET_CHANGELOG, w.dataset_version):
        todo.append(f"add '## {w.dataset_version}' to {DATASET_CHANGELOG}")
    return Step("dataset version", "missing", "; ".join(todo)) if todo else Step("dataset version", "ok")


def _released(w: _Walk, before: list[Step]) -> Step:
    recorded = read_releases(w.root / "schema").get(w.version)
    if recorded is not None:
        if w.folder.is_dir() and recorded == folder_digests(w.folder):
            return Step("released", "ok")
        return Step(
            "released", "missing", f"schema/{w.version}/ changed after its release; a released folder never changes"
        )
    waiting = [s.name for s in before if s.status == "missing"]
    if waiting:
        return Step(
            "released",
            "missing",
            f"`kyrgyz-events schema release`, once every step above is done ({', '.join(waiting)} not yet)",
        )
    if w.apply:
        record_release(w.root / "schema", w.version)
        return Step("released", "done", f"recorded schema/{w.version}/ in schema/releases.json")
    return Step("released", "missing", "run `kyrgyz-events schema release`")


#: The steps, in the order a maintainer takes them (docs/versioning.md numbers them the same way).
STEPS: tuple[Callable[[_Walk], Step], ...] = (
    _version_bump,
    _changelog,
    _generated,
    _examples,
    _invalid_examples,
    _synth,
    _migration,
    _frozen,
    _rebuilt,
    _dataset_version,
)


def new_version(
    root: Path,
    cli_parser: argparse.ArgumentParser,
    *,
    apply: bool = True,
    version: str = SCHEMA_VERSION,
    dataset_version: str = DATASET_VERSION,
) -> Checklist:
    """Walk the checklist of adding schema ``version`` in the checkout ``root``; with ``apply``, do each
    missing mechanical step that can be done (see the module docstring)."""
    earlier = [v for v in version_folders(root / "schema") if parse_version(v) < parse_version(version)]
    walk = _Walk(root, version, earlier[-1] if earlier else None, apply, cli_parser, dataset_version)
    result = Checklist(version, walk.previous)
    for step in STEPS:
        result.steps.append(step(walk))
    result.steps.append(_released(walk, result.steps))
    return result
