"""Validation of a published package (or one table file), every rule at once, errors as data.

    >>> from kyrgyz_events.validators import validate
    >>> report = validate("dataset/package")   # a folder with datapackage.json, the file itself, or a
    >>> report.exit_code                       # single .parquet / .jsonl table file
    0

``fast=True`` (the default) runs the record rules as Polars expressions over whole columns; ``fast=False``
validates each record with ``jsonschema`` (the reference; slow). Both report the same findings. Table,
cross-table and provenance rules always run vectorised. The rules are listed in ``kyrgyz_events.rules``.
A checkout with its annotations is validated by ``kyrgyz_events.validate()`` (``kyrgyz_events.checkout``).
"""

from __future__ import annotations

from pathlib import Path

from kyrgyz_events.findings import Finding, Report
from kyrgyz_events.rules import RULES, Rule

__all__ = ["RULES", "Finding", "Report", "Rule", "validate"]


def validate(
    path: str | Path,
    *,
    fast: bool = True,
    formats: tuple[str, ...] = ("parquet", "jsonl"),
    schema_version: str | None = None,
) -> Report:
    """Validate a package, a datapackage.json, or a single table file. Never raises for bad input: it
    becomes an unusable finding.

    ``formats`` limits which files of each table are read ("parquet", "jsonl"); with both, the twins are
    also compared. Integrity (bytes, sha256) is checked for every file either way.

    ``schema_version`` says which released schema version the input follows. Without it, the version the
    input declares is used; an input that declares none (a file written back by pandas or Polars, a
    descriptor without ``x-schemaVersion``) is checked as the current version, and the missing declaration
    is reported as a finding while every data rule still runs.
    """
    from kyrgyz_events.validators.run import validate_path

    return validate_path(Path(path), fast=fast, formats=formats, schema_version=schema_version)
