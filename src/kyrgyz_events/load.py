"""Load the published tables shipped with the package, offline, as pandas, Polars or Arrow tables.

    >>> import kyrgyz_events
    >>> kyrgyz_events.tables()                        # ['documents', 'actors', ..., 'casualty_estimates']
    >>> events = kyrgyz_events.load("events")         # pandas DataFrame (pyarrow-backed dtypes)
    >>> events = kyrgyz_events.load("events", backend="polars")
    >>> kyrgyz_events.path() / "data" / "events.parquet"   # for DuckDB and other tools

The files are read from the package folder (:func:`path`): the repository's ``dataset/package/`` in a checkout,
else the copy the wheel ships as ``kyrgyz_events/_dataset``. Nothing is fetched. Loading needs pyarrow,
plus pandas or Polars for those backends; it never imports the validation stack (pandera, jsonschema).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from kyrgyz_events.paths import dataset_root

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

Backend = Literal["pandas", "polars", "pyarrow"]
BACKENDS: tuple[str, ...] = ("pandas", "polars", "pyarrow")


def path() -> Path:
    """The package folder: ``datapackage.json``, ``croissant.json`` and ``data/<table>.parquet`` (and ``.jsonl``)."""
    return dataset_root()


def tables() -> list[str]:
    """The published tables, in publishing order (the Parquet resources of ``datapackage.json``)."""
    descriptor_path = path() / "datapackage.json"
    descriptor: dict[str, Any] = json.loads(descriptor_path.read_text(encoding="utf-8"))
    return [r["name"] for r in descriptor.get("resources", []) if r.get("format") == "parquet"]


@overload
def load(table: str, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
@overload
def load(table: str, backend: Literal["polars"]) -> pl.DataFrame: ...
@overload
def load(table: str, backend: Literal["pyarrow"]) -> pa.Table: ...


def load(table: str, backend: Backend = "pandas") -> pd.DataFrame | pl.DataFrame | pa.Table:
    """One published table, read from ``data/<table>.parquet`` in the package folder.

    Types survive the trip with every backend:

    - ``"pandas"``: a DataFrame with pyarrow-backed dtypes (``pd.ArrowDtype``): a date column is
      ``date32[day][pyarrow]`` whose values are ``datetime.date``; a list column (``actors.aliases``) holds
      Python lists; a nullable integer (``locations.geonames_id``) stays ``int64[pyarrow]`` with ``pd.NA``
      for missing values (not float64 with NaN); strings are ``string[pyarrow]``.
    - ``"polars"``: a DataFrame with ``Date``, ``List(String)`` and ``Int64`` (nulls allowed) columns.
    - ``"pyarrow"``: the ``pyarrow.Table`` exactly as written, with the schema version and column
      descriptions in its schema metadata.

    Raises ``ValueError`` for a table or backend this package does not publish.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    known = tables()
    if table not in known:
        raise ValueError(f"unknown table {table!r}; the package publishes {', '.join(known)}")
    file = path() / "data" / f"{table}.parquet"
    if backend == "polars":
        import polars as pl

        return pl.read_parquet(file)
    import pyarrow.parquet as pq

    with pq.ParquetFile(file) as parquet:  # unlike pq.read_table, this does not import pandas
        arrow = parquet.read()
    if backend == "pyarrow":
        return arrow
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "kyrgyz_events.load(backend='pandas') needs pandas: pip install 'kyrgyz-events[pandas]',"
            " or use backend='polars' or 'pyarrow'"
        ) from exc
    return arrow.to_pandas(types_mapper=pd.ArrowDtype)
