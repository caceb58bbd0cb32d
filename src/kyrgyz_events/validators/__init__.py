"""Validation of a published package (or one table file), every rule at once, errors as data.

    >>> from kyrgyz_events.validators import validate
    >>> report = validate("dataset/package")   # a folder with datapackage.json, the file itself, or a
    >>> report.exit_code                       # single .parquet / .jsonl table file
    0

Every rule is defined once in ``kyrgyz_events.rules``; a rule on rows is SQL, which the embedded engine
(Polars SQL, the default) or Spark (``engine="spark"``, the ``spark`` extra) runs. ``fast=False`` checks
the records one by one with ``jsonschema`` instead (the reference; slow). All report the same findings.
A checkout with its annotations is validated by ``kyrgyz_events.validate()`` (``kyrgyz_events.checkout``).
"""

from __future__ import annotations

from pathlib import Path

from kyrgyz_events.findings import Finding, Report
from kyrgyz_events.rules import RULES, Rule

ENGINES = ("polars", "spark")

__all__ = ["RULES", "Finding", "Report", "Rule", "validate"]


def validate(
    path: str | Path,
    *,
    fast: bool = True,
    formats: tuple[str, ...] = ("parquet", "jsonl"),
    schema_version: str | None = None,
    engine: str = "polars",
    master: str | None = None,
) -> Report:
    """Validate a package, a datapackage.json, or a single table file. Never raises for bad input: it
    becomes an unusable finding.

    ``formats`` limits which files of each table are read ("parquet", "jsonl"); with both, the twins are
    also compared. Integrity (bytes, sha256) is checked for every file either way.

    ``schema_version`` says which released schema version the input follows. Without it, the version the
    input declares is used; an input that declares none (a file written back by pandas or Polars, a
    descriptor without ``x-schemaVersion``) is checked as the current version, and the missing declaration
    is reported as a finding while every data rule still runs.

    ``engine``: "polars" (embedded, the default) or "spark", on a Spark session at ``master`` (default
    ``local[2]``; needs the ``spark`` extra and Java 17).
    """
    from kyrgyz_events.validators.run import Options, validate_path

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    options = Options(fast=fast, formats=formats, engine=engine, master=master)
    return validate_path(Path(path), options, schema_version)
