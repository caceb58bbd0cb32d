"""Load the published tables shipped with the package, offline, as pandas, Polars or Arrow tables.

    >>> import kyrgyz_events
    >>> kyrgyz_events.tables()                        # ['documents', 'actors', ..., 'casualty_estimates']
    >>> events = kyrgyz_events.load("events")         # pandas if installed, else Polars, else pyarrow
    >>> events = kyrgyz_events.load("events", backend="polars")
    >>> kyrgyz_events.path() / "data" / "events.parquet"   # for DuckDB and other tools
    >>> kyrgyz_events.load.table_files("events")     # its file, or its parts in a partitioned package

The files are read from the package folder (:func:`path`): the repository's ``dataset/package/`` in a
checkout,
else the copy the wheel ships as ``kyrgyz_events/_dataset``. Nothing is fetched. Loading needs pyarrow
alone (a plain ``pip install kyrgyz-events``); pandas and Polars come with the extras of those names. It
never imports the validation stack (pandera, jsonschema, pydantic).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from kyrgyz_events.package_io.descriptor import read_descriptor
from kyrgyz_events.package_io.parts import parts
from kyrgyz_events.paths import dataset_root

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

Backend = Literal["auto", "pandas", "polars", "pyarrow"]
#: The backends, in the order ``backend="auto"`` tries them.
BACKENDS: tuple[str, ...] = ("pandas", "polars", "pyarrow")
#: The extra of this package that installs each dataframe library.
EXTRAS = {"pandas": "pandas", "polars": "polars"}


class MissingBackend(ImportError):
    """A backend was asked for whose library is not installed; the message names the extra to install."""


def path() -> Path:
    """The package folder: ``datapackage.json``, ``croissant.json`` and ``data/<table>.parquet`` (and ``.jsonl``)."""
    return dataset_root()


def descriptor() -> dict[str, Any]:
    """The package's ``datapackage.json``, parsed."""
    return read_descriptor(path())


def tables() -> list[str]:
    """The published tables, in publishing order (the Parquet resources of ``datapackage.json``).
    :func:`kyrgyz_events.describe` says what each holds."""
    return [r["name"] for r in descriptor().get("resources", []) if r.get("format") == "parquet"]


def table_files(table: str) -> list[Path]:
    """A published table's Parquet file, or (a partitioned package) its parts in table order: what its
    resource's ``path`` names, a file, a list of files or a folder (``kyrgyz_events.package_io.parts``)."""
    resource = next(
        (r for r in descriptor().get("resources", []) if r.get("name") == table and r.get("format") == "parquet"),
        None,
    )
    if resource is None:
        raise ValueError(f"unknown table {table!r}; the package publishes {', '.join(tables())}")
    return [part.path for part in parts(path(), resource.get("path"))]


def installed(backend: str) -> bool:
    """Whether the library of a backend can be imported (without importing it)."""
    return importlib.util.find_spec(backend) is not None


def choose_backend(backend: str = "auto") -> str:
    """The backend :func:`load` uses: the one asked for, or with ``"auto"`` the first installed of pandas,
    Polars and pyarrow. Raises :class:`MissingBackend`, naming the extra, when the one asked for is missing."""
    if backend == "auto":
        return next(b for b in BACKENDS if installed(b))
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of auto, {', '.join(BACKENDS)}")
    if not installed(backend):
        raise MissingBackend(
            f"kyrgyz_events.load(backend={backend!r}) needs {backend}, which is not installed: "
            f"pip install 'kyrgyz-events[{EXTRAS[backend]}]' (or use backend='pyarrow', which always works)"
        )
    return backend


@overload
def load(table: str, backend: Literal["pandas"]) -> pd.DataFrame: ...
@overload
def load(table: str, backend: Literal["polars"]) -> pl.DataFrame: ...
@overload
def load(table: str, backend: Literal["pyarrow"]) -> pa.Table: ...
@overload
def load(table: str, backend: Literal["auto"] = "auto") -> pd.DataFrame | pl.DataFrame | pa.Table: ...


def load(table: str, backend: Backend = "auto") -> pd.DataFrame | pl.DataFrame | pa.Table:
    """One published table, read from ``data/<table>.parquet`` in the package folder.

    ``backend="auto"`` (the default) gives a pandas DataFrame when pandas is installed, else a Polars
    DataFrame when Polars is, else a ``pyarrow.Table``; name a backend to get that type everywhere. Types
    survive the trip with every backend:

    - ``"pandas"``: a DataFrame with pyarrow-backed dtypes (``pd.ArrowDtype``): a date column is
      ``date32[day][pyarrow]`` whose values are ``datetime.date``; a list column (``actors.aliases``) holds
      Python lists; a nullable integer (``locations.geonames_id``) stays ``int64[pyarrow]`` with ``pd.NA``
      for missing values (not float64 with NaN); strings are ``string[pyarrow]``. ``df.attrs`` holds the
      table's name, description, schema version and a description of every column.
    - ``"polars"``: a DataFrame with ``Date``, ``List(String)`` and ``Int64`` (nulls allowed) columns.
    - ``"pyarrow"``: the ``pyarrow.Table`` exactly as written: the schema version and the table's
      description in its schema metadata, each column's description in its field metadata.

    Raises ``ValueError`` for a table or backend this package does not publish, and
    :class:`MissingBackend` (an ``ImportError``) naming the extra to install for a missing library.
    """
    chosen = choose_backend(backend)
    known = tables()
    if table not in known:
        raise ValueError(f"unknown table {table!r}; the package publishes {', '.join(known)}")
    files = table_files(table)
    if chosen == "polars":
        import polars as pl

        return pl.read_parquet(files, hive_partitioning=False)  # a hive column is stored in the files too
    import pyarrow as pa
    import pyarrow.parquet as pq

    pieces = []
    for file in files:
        with pq.ParquetFile(file) as parquet:  # unlike pq.read_table, this does not import pandas
            pieces.append(parquet.read())
    arrow = pieces[0] if len(pieces) == 1 else pa.concat_tables(pieces)
    if chosen == "pyarrow":
        return arrow
    import pandas as pd

    frame = arrow.to_pandas(types_mapper=pd.ArrowDtype)
    frame.attrs.update(table_attrs(arrow.schema))
    return frame


def table_attrs(schema: pa.Schema) -> dict[str, Any]:
    """What an Arrow schema written by this package says about its table, as plain values (``df.attrs``)."""
    meta = {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()}
    columns = {f.name: (f.metadata or {}).get(b"description", b"").decode() for f in schema}
    return {
        "table": meta.get("kyrgyz_events.table"),
        "description": meta.get("description"),
        "schema_version": meta.get("kyrgyz_events.schema_version"),
        "dataset_version": meta.get("kyrgyz_events.dataset_version"),
        "columns": columns,
    }
