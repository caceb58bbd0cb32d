"""``kyrgyz-events build``: annotations -> validated, published package, atomically.

Reads ``dataset/sources/`` and ``dataset/annotations/``, compiles and derives every table, writes the
package into a staging folder, validates it with every rule, and only then publishes it as
``dataset/package/`` (``OUTPUTS``: ``data/``, ``export/`` (the evidence as W3C Web Annotation and brat
standoff), ``datapackage.json``, ``croissant.json``, the ``README.md`` card with its ``figures/``
(matplotlib: the ``figures`` extra), the static viewer ``view/`` and the ``reference.md`` and
``crosswalk.md`` pages) in one atomic exchange (``publish/atomic.py``). A failure or a kill at any point
leaves the published package as it was, or (a kill after the exchange) the new one, never a mixture.
Builds of one dataset folder are serialised by a lock; the leftovers of a killed build are removed by the
next one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.annotations import compile_annotations
from kyrgyz_events.contracts.spec import load_specs
from kyrgyz_events.export import EXPORT_DIR, ExportError, write_exports
from kyrgyz_events.findings import Report
from kyrgyz_events.package_io.atomic import PACKAGE, locked, recover, staged
from kyrgyz_events.publish.croissant import write_croissant
from kyrgyz_events.publish.datacard import write_card
from kyrgyz_events.publish.figures import write_figures
from kyrgyz_events.publish.metadata import package_metadata
from kyrgyz_events.publish.package import seal, write_package
from kyrgyz_events.rules import finding
from kyrgyz_events.view import write_view

#: What a build publishes into the package folder (``dataset/package/``), swapped in together. The
#: extension point: a new output is a name here that the build writes into the staging folder.
OUTPUTS = [
    "data",
    EXPORT_DIR,
    "datapackage.json",
    "croissant.json",
    "README.md",
    "reference.md",
    "crosswalk.md",
    "figures",
    "view",
]
#: Generated pages the package carries, so that the card's links work wherever the package goes (the wheel).
PAGES = {"reference.md": "docs/reference.md", "crosswalk.md": "docs/crosswalk.md"}


class _Invalid(Exception):
    """Raised inside the staging block to abandon the staged outputs."""


def write_pages(stage: Path) -> None:
    """The column reference and the crosswalk, the same bytes as their committed copies in ``docs/``."""
    from kyrgyz_events.generate import package_pages

    files = package_pages()
    for name, generated in PAGES.items():
        (stage / name).write_text(files[generated], encoding="utf-8", newline="\n")


def package_folder(root: Path) -> Path:
    """The published package of the dataset folder ``root``."""
    return root / PACKAGE


def build(root: Path, *, wait: float = 60.0, log: Callable[[str], None] | None = None) -> Report:
    """Build the package of ``root`` (the dataset folder) into ``root/package``. The report says what was
    wrong, if anything. Waits up to ``wait`` seconds for another build of ``root`` to finish, else raises
    ``publish.atomic.BuildLocked``; ``log`` receives what was cleaned up after a killed build."""
    with locked(root, timeout=wait):
        for note in recover(root):
            if log is not None:
                log(note)
        return _build(root)


def _build(root: Path) -> Report:
    from kyrgyz_events.validators import validate

    report = Report(target=str(package_folder(root)), schema_version=SCHEMA_VERSION)
    rows, findings = compile_annotations(root)
    report.extend(findings)
    if not report.valid:
        return report
    specs = load_specs(SCHEMA_VERSION)
    published = str(rows["documents"][0]["published_date"])
    metadata = package_metadata(published)
    try:
        with staged(root, OUTPUTS) as stage:
            try:
                exports = write_exports(stage, rows, metadata)
            except ExportError as e:  # the tables are still written and validated, to say what is wrong
                report.add(finding("provenance.exact", f"the evidence cannot be exported: {e}", table="evidence"))
                exports = []
            descriptor = write_package(stage, specs, rows, metadata, exports)
            write_croissant(stage, descriptor)
            write_card(stage, root, rows)
            write_pages(stage)
            write_figures(stage, stage / "figures")
            write_view(stage, stage / "view")
            seal(stage, descriptor)  # last: lists every other published file with its bytes and hash
            staged_report = validate(stage)
            report.extend(staged_report.findings)
            report.rows_checked = staged_report.rows_checked
            if not staged_report.valid or not report.valid:
                raise _Invalid
    except _Invalid:
        pass
    return report
