"""kyrgyz_events.load / tables / path on the published package: every table, every backend, types intact."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import kyrgyz_events
from kyrgyz_events import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.load import BACKENDS, load, path, tables

SPECS = load_specs(SCHEMA_VERSION)
TABLES = list(SPECS)


def test_tables_lists_every_published_table_in_order() -> None:
    assert len(TABLES) == 14  # 2.0.0: the eleven core tables and the three scheme views
    assert tables() == TABLES


def test_path_holds_the_descriptor_and_every_parquet_file() -> None:
    root = path()
    assert (root / "datapackage.json").is_file()
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["x-schemaVersion"] == SCHEMA_VERSION
    for table in TABLES:
        assert (root / "data" / f"{table}.parquet").is_file(), table


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("table", TABLES)
def test_every_table_loads_with_every_backend(table: str, backend: str) -> None:
    frame = load(table, backend=backend)  # type: ignore[call-overload]
    expected_type = {"pandas": pd.DataFrame, "polars": pl.DataFrame, "pyarrow": pa.Table}[backend]
    assert isinstance(frame, expected_type)
    assert list(frame.columns if backend != "pyarrow" else frame.column_names) == SPECS[table].column_names
    assert len(frame) == pq.read_metadata(path() / "data" / f"{table}.parquet").num_rows


def test_published_tables_are_not_empty() -> None:
    """The type checks below need values to look at: the package has events, actors and dated events."""
    for table in ("documents", "actors", "locations", "events", "claims", "evidence"):
        assert len(load(table, backend="pyarrow")) > 0, table


def _non_null(values: list[object]) -> list[object]:
    found = [v for v in values if v is not None and v is not pd.NA]
    assert found, "expected at least one non-null value to check"
    return found


def test_pandas_keeps_dates_lists_and_nullable_integers() -> None:
    events = load("events")
    assert events["date_start"].dtype == pd.ArrowDtype(pa.date32())
    assert all(type(v) is dt.date for v in _non_null(events["date_start"].tolist()))
    actors = load("actors")
    assert pa.types.is_list(actors["aliases"].dtype.pyarrow_dtype)
    assert all(isinstance(v, list) for v in actors["aliases"].tolist())
    locations = load("locations")
    assert locations["geonames_id"].dtype == pd.ArrowDtype(pa.int64())  # not float64 with NaN
    assert locations["geonames_id"].dtype.kind == "i"
    assert all(isinstance(v, int) for v in locations["geonames_id"].dropna().tolist())


def test_polars_keeps_dates_lists_and_nullable_integers() -> None:
    assert load("events", backend="polars").schema["date_start"] == pl.Date
    assert load("actors", backend="polars").schema["aliases"] == pl.List(pl.String)
    assert load("locations", backend="polars").schema["geonames_id"] == pl.Int64


def test_pyarrow_keeps_types_and_schema_metadata() -> None:
    events = load("events", backend="pyarrow")
    assert events.schema.field("date_start").type == pa.date32()
    assert events.schema.metadata[b"kyrgyz_events.schema_version"].decode() == SCHEMA_VERSION
    assert pa.types.is_list(load("actors", backend="pyarrow").schema.field("aliases").type)
    assert load("locations", backend="pyarrow").schema.field("geonames_id").type == pa.int64()


def test_unknown_table_names_the_known_tables() -> None:
    with pytest.raises(ValueError, match="unknown table 'event'") as info:
        load("event")
    for table in TABLES:
        assert table in str(info.value)


def test_unknown_backend_names_the_backends() -> None:
    with pytest.raises(ValueError, match=r"unknown backend 'spark'.*pandas, polars, pyarrow"):
        load("events", backend="spark")  # type: ignore[call-overload]


def test_top_level_api_is_the_load_module_functions() -> None:
    assert kyrgyz_events.tables() == TABLES
    assert kyrgyz_events.path() == path()
    assert kyrgyz_events.load("events", backend="pyarrow").num_rows == load("events", backend="pyarrow").num_rows


LOAD_PATH = """
import sys, kyrgyz_events
tables = kyrgyz_events.tables()
root = kyrgyz_events.path()
for backend in ("pandas", "polars", "pyarrow"):
    assert len(kyrgyz_events.load("events", backend=backend)) > 0
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("pandera", "jsonschema", "pydantic", "frictionless"))
print(",".join(heavy))
"""


def test_load_path_imports_no_validation_stack() -> None:
    """``import kyrgyz_events`` plus loads (and repeated attribute access) import neither pandera nor jsonschema."""
    done = subprocess.run([sys.executable, "-c", LOAD_PATH], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


@pytest.mark.parametrize(("backend", "absent"), [("pyarrow", ("pandas", "polars")), ("polars", ("pandas",))])
def test_a_backend_imports_only_what_it_needs(backend: str, absent: tuple[str, ...]) -> None:
    code = f"import sys, kyrgyz_events; kyrgyz_events.load('events', backend={backend!r}); print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for name in absent:
        assert f"'{name}'" not in done.stdout, f"backend={backend} imported {name}"
