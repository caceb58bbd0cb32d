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
    from kyrgyz_events.contracts.spec import load_specs
    from kyrgyz_events.package_io.conform import conform as conform_table

    specs = load_specs(schema_version)
    if table not in specs:
        raise ValueError(f"{table!r} is not a table of schema {schema_version}; tables: {', '.join(specs)}")
    return conform_table(to_arrow_table(data), specs[table], dataset_version)


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
