"""Validating a checkout of this repository: its published package and its annotations.

An application task, beside ``build``: it uses the validators and the annotation compiler, which know
nothing of each other (``kyrgyz_events.validators`` checks a package; ``kyrgyz_events.annotations``
compiles YAML). ``kyrgyz_events.validate`` and ``kyrgyz-events validate`` with no path land here.
"""

from __future__ import annotations

from pathlib import Path

from kyrgyz_events.findings import Finding, Report
from kyrgyz_events.rules import unusable


def validate(
    path: str | Path | None = None,
    *,
    fast: bool = True,
    formats: tuple[str, ...] = ("parquet", "jsonl"),
    schema_version: str | None = None,
    engine: str = "polars",
    master: str | None = None,
) -> Report:
    """Validate a package, a datapackage.json or one table file (see ``kyrgyz_events.validators.validate``);
    with no path, this checkout's published package and its annotations (:func:`validate_checkout`)."""
    if path is None:
        return validate_checkout(fast=fast, formats=formats, engine=engine, master=master)
    from kyrgyz_events.validators import validate as validate_package

    return validate_package(
        path, fast=fast, formats=formats, schema_version=schema_version, engine=engine, master=master
    )


def validate_checkout(
    *,
    fast: bool = True,
    formats: tuple[str, ...] = ("parquet", "jsonl"),
    engine: str = "polars",
    master: str | None = None,
) -> Report:
    """The published package and, in a checkout where the annotation compiler is installed, the annotations."""
    from kyrgyz_events.paths import dataset_folder, dataset_root
    from kyrgyz_events.validators import validate as validate_package

    report = validate_package(dataset_root(), fast=fast, formats=formats, engine=engine, master=master)
    folder = dataset_folder()
    if folder is not None:
        report.extend(annotation_findings(folder))
    return report


def annotation_findings(root: Path) -> list[Finding]:
    """Findings of compiling ``root/annotations`` (YAML and pydantic errors name the file and record)."""
    try:
        from kyrgyz_events.annotations import compile_annotations
    except ImportError:
        return []
    if not (root / "annotations").is_dir():
        return []
    try:
        _rows, findings = compile_annotations(root)
    except Exception as e:
        return [
            unusable("package.readable", f"cannot compile annotations: {type(e).__name__}: {e}", file="annotations")
        ]
    return list(findings)
