"""``kyrgyz-events build``: annotations -> validated, published package, atomically.

Reads ``dataset/sources/`` and ``dataset/annotations/``, compiles and derives every table, writes the
package into a staging folder, validates it with every rule, and only then swaps it in for
``dataset/data/``, ``dataset/export/`` (the evidence as W3C Web Annotation and brat standoff),
``dataset/datapackage.json``, ``dataset/croissant.json``, ``dataset/README.md``, the data
card's figures (``dataset/figures/``, drawn with matplotlib: the ``figures`` extra) and the static viewer
(``dataset/view/``, see :mod:`kyrgyz_events.view`).
A failure at any point leaves the published files as they were.
"""

from __future__ import annotations

from pathlib import Path

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.annotations import compile_annotations
from kyrgyz_events.contracts.spec import load_specs
from kyrgyz_events.export import EXPORT_DIR, ExportError, write_exports
from kyrgyz_events.publish.atomic import staged
from kyrgyz_events.publish.datacard import write_card, write_croissant
from kyrgyz_events.publish.figures import write_figures
from kyrgyz_events.publish.metadata import package_metadata
from kyrgyz_events.publish.package import write_package
from kyrgyz_events.validators.report import Report
from kyrgyz_events.validators.rules import finding
from kyrgyz_events.view import write_view

#: What a build publishes into the dataset folder, swapped in together.
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


def build(root: Path) -> Report:
    """Build the package in ``root`` (the dataset folder). The report says what was wrong, if anything."""
    from kyrgyz_events.validators import validate

    report = Report(target=str(root), schema_version=SCHEMA_VERSION)
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
            write_card(stage, root, rows, descriptor)
            write_pages(stage)
            write_figures(stage, stage / "figures")
            write_view(stage, stage / "view")
            staged_report = validate(stage)
            report.extend(staged_report.findings)
            report.rows_checked = staged_report.rows_checked
            if not staged_report.valid or not report.valid:
                raise _Invalid
    except _Invalid:
        pass
    return report
