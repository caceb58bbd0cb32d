"""kyrgyz-events: a versioned, text-anchored event data package of the April 2010 uprising in Kyrgyzstan.

    >>> import kyrgyz_events
    >>> kyrgyz_events.tables()                    # the published tables
    >>> kyrgyz_events.load("events")               # a pandas DataFrame (backend="polars" | "pyarrow")
    >>> kyrgyz_events.path()                       # the package folder, for DuckDB and other tools
    >>> kyrgyz_events.validate("path/to/package")  # a Report; .valid, .findings, .exit_code

Importing this module is light: the loading path needs only pyarrow (and pandas or polars for those
backends); validation imports pandera and jsonschema when first called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION, __version__

# Eager on purpose: a lazily imported `load` would be shadowed by the submodule of the same name.
from kyrgyz_events.load import load, path, tables

if TYPE_CHECKING:
    from kyrgyz_events.validators import validate

__all__ = ["DATASET_VERSION", "SCHEMA_VERSION", "__version__", "load", "path", "tables", "validate"]


def __getattr__(name: str) -> Any:
    if name == "validate":  # imported on first use: validation pulls in pandera and jsonschema
        from kyrgyz_events.validators import validate

        return validate
    raise AttributeError(f"module 'kyrgyz_events' has no attribute {name!r}")
