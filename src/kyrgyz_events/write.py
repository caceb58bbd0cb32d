"""Write a table of your own in the published layout: the release's Arrow types, key order and metadata.

    >>> import kyrgyz_events
    >>> events = kyrgyz_events.load("events", backend="polars").filter(...)   # edit with any library
    >>> kyrgyz_events.write_table(events, "mine/data/events.parquet", "events")
    >>> kyrgyz_events.write_table(events, "mine/data/events.jsonl", "events")  # the JSON Lines twin

A frame written back by pandas or Polars alone loses the Parquet metadata that names its table and
schema version (``kyrgyz-events validate`` then reports it); this writer keeps it, so the file is exactly
what ``kyrgyz-events build`` would write for those rows. Needs pyarrow only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyrgyz_events._version import SCHEMA_VERSION


def to_arrow_table(data: Any) -> Any:
    """A ``pyarrow.Table`` from a pyarrow Table, a pandas or Polars DataFrame, or a list of dicts."""
    import pyarrow as pa

    if isinstance(data, pa.Table):
        return data
    if isinstance(data, list):
        return pa.Table.from_pylist(data)
    module = type(data).__module__.partition(".")[0]
    if module == "polars":
        return data.to_arrow()
    if module == "pandas":
        return pa.Table.from_pandas(data, preserve_index=False)
    raise TypeError(
        f"cannot write a {type(data).__name__}: pass a pyarrow Table, a pandas or Polars DataFrame, or rows"
    )


def conform(data: Any, table: str, schema_version: str = SCHEMA_VERSION, dataset_version: str | None = None) -> Any:
    """``data`` as an Arrow table of ``table``'s schema in ``schema_version``: its columns in order, cast to
    the release's types, sorted by primary key, with the schema's metadata. Raises ``ValueError`` naming the
    table and the column for a missing or unknown column or a value that does not fit the column's type."""
    import pyarrow as pa

    from kyrgyz_events.contracts.arrow import arrow_schema
    from kyrgyz_events.contracts.spec import load_specs
    from kyrgyz_events.publish.files import sort_by_key

    specs = load_specs(schema_version)
    if table not in specs:
        raise ValueError(f"{table!r} is not a table of schema {schema_version}; tables: {', '.join(specs)}")
    spec = specs[table]
    schema = arrow_schema(spec, dataset_version)
    arrow = to_arrow_table(data)
    missing = [n for n in schema.names if n not in arrow.column_names]
    unknown = [n for n in arrow.column_names if n not in schema.names]
    if missing or unknown:
        parts = [f"missing column(s) {', '.join(missing)}"] * bool(missing)
        parts += [f"unknown column(s) {', '.join(unknown)}"] * bool(unknown)
        raise ValueError(f"table {table} (schema {schema_version}): {'; '.join(parts)}")
    columns = []
    for field in schema:
        try:
            columns.append(arrow.column(field.name).cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            raise ValueError(f"table {table}, column {field.name}: cannot be written as {field.type}: {exc}") from exc
    try:
        conformed = pa.Table.from_arrays(columns, schema=schema)
    except (pa.ArrowInvalid, ValueError) as exc:  # a null in a required column
        raise ValueError(f"table {table}: {exc}") from exc
    return sort_by_key(conformed, spec)


def write_table(
    data: Any,
    path: str | Path,
    table: str,
    *,
    schema_version: str = SCHEMA_VERSION,
    dataset_version: str | None = None,
) -> Path:
    """Write ``data`` as ``table`` of ``schema_version`` to ``path`` (``.parquet`` or ``.jsonl``), the way
    the build writes it. Returns the path. See :func:`conform` for what is checked; the values themselves
    (ids, vocabularies, references) are for ``kyrgyz-events validate`` to judge."""
    from kyrgyz_events.publish.files import write_jsonl, write_parquet

    target = Path(path)
    if target.suffix not in (".parquet", ".jsonl"):
        raise ValueError(f"{target}: the file name must end in .parquet or .jsonl")
    conformed = conform(data, table, schema_version, dataset_version)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".parquet":
        write_parquet(conformed, target)
    else:
        write_jsonl(conformed, target)
    return target
