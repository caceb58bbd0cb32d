"""kyrgyz-events: a versioned, text-anchored event data package of the April 2010 uprising in Kyrgyzstan.

    >>> import kyrgyz_events
    >>> kyrgyz_events.tables()                    # the published tables
    >>> print(kyrgyz_events.describe())           # what they hold, the licence, the versions
    >>> kyrgyz_events.load("events")              # pandas if installed, else Polars, else pyarrow
    >>> kyrgyz_events.citation()                  # how to cite it ("bibtex", "cff")
    >>> kyrgyz_events.connect()                   # DuckDB, every table a view (extra: duckdb)
    >>> kyrgyz_events.write_table(df, "mine/data/events.parquet", "events")  # your own rows, published layout
    >>> kyrgyz_events.validate("path/to/package") # a Report; .valid, .findings, .exit_code (extra: validate)

Importing this module is light: loading and describing need only pyarrow (pandas or Polars for those
backends); validation imports pandera and jsonschema when first called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION, __version__
from kyrgyz_events.about import citation, describe

# Eager on purpose: a lazily imported `load` would be shadowed by the submodule of the same name.
from kyrgyz_events.load import load, path, tables
from kyrgyz_events.sql import connect
from kyrgyz_events.write import write_table

if TYPE_CHECKING:
    from kyrgyz_events.checkout import validate

__all__ = [
    "DATASET_VERSION",
    "SCHEMA_VERSION",
    "__version__",
    "citation",
    "connect",
    "describe",
    "load",
    "path",
    "tables",
    "validate",
    "write_table",
]


def __getattr__(name: str) -> Any:
    if name == "validate":  # imported on first use: validation pulls in pandera and jsonschema
        from kyrgyz_events.checkout import validate

        return validate
    raise AttributeError(f"module 'kyrgyz_events' has no attribute {name!r}")
