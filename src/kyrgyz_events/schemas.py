"""The table schemas of a released version, for your own dataframes and files.

    >>> from kyrgyz_events.schemas import pandera_schema
    >>> pandera_schema("events").validate(my_polars_frame, lazy=True)              # extra: validate
    >>> pandera_schema("events", flavour="pandas").validate(my_pandas_frame, lazy=True)  # extra: pandera-pandas
    >>> arrow_schema("claims")          # the pyarrow.Schema every published file is written with

pandera checks one table at a time (types, nulls, vocabularies, id patterns, lengths, ranges, primary-key
uniqueness); the rules across tables and against the text are ``kyrgyz-events validate``'s. A failing
frame raises ``pandera.errors.SchemaErrors``, whose ``failure_cases`` name the column, the check and the
value.
"""

from __future__ import annotations

from typing import Any, Literal

from kyrgyz_events._version import SCHEMA_VERSION

Flavour = Literal["polars", "pandas"]


def _spec(table: str, schema_version: str) -> Any:
    from kyrgyz_events.contracts.spec import load_specs

    specs = load_specs(schema_version)
    if table not in specs:
        raise ValueError(f"{table!r} is not a table of schema {schema_version}; tables: {', '.join(specs)}")
    return specs[table]


def pandera_schema(table: str, flavour: Flavour = "polars", schema_version: str = SCHEMA_VERSION) -> Any:
    """The pandera ``DataFrameSchema`` of ``table``: ``flavour="polars"`` (``pandera.polars``) or
    ``"pandas"`` (``pandera.pandas``, columns coerced to the pyarrow-backed dtypes ``load`` gives)."""
    try:
        from kyrgyz_events.contracts import pandera_schema as contracts
    except ImportError as exc:
        raise ImportError(
            f"pandera_schema() needs {exc.name}, which is not installed: pip install 'kyrgyz-events[validate]'"
        ) from exc
    spec = _spec(table, schema_version)
    if flavour == "polars":
        return contracts.pandera_schema(spec)
    if flavour == "pandas":
        try:
            return contracts.pandas_schema(spec)
        except ImportError as exc:
            raise ImportError(
                f"pandera_schema(flavour='pandas') needs {exc.name}: pip install 'kyrgyz-events[pandera-pandas]'"
            ) from exc
    raise ValueError(f"unknown flavour {flavour!r}; choose polars or pandas")


def arrow_schema(table: str, schema_version: str = SCHEMA_VERSION) -> Any:
    """The ``pyarrow.Schema`` of ``table``, with its descriptions in the field and schema metadata."""
    from kyrgyz_events.contracts.arrow import arrow_schema as of_spec

    return of_spec(_spec(table, schema_version))


def json_schema(table: str, schema_version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one record of ``table``, as published in ``schema/<version>/``."""
    schema: dict[str, Any] = _spec(table, schema_version).json_schema
    return schema
