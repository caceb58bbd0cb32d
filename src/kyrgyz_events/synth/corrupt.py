"""Inject one corruption into a written package, keeping everything else consistent (the Parquet file and
its JSON Lines twin agree, the descriptor's bytes and hashes are refreshed), so that exactly the rule the
corruption breaks should fire. Used by the scale smoke test and the benchmark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from kyrgyz_events._version import DATASET_VERSION
from kyrgyz_events.contracts.spec import load_specs
from kyrgyz_events.package_io.descriptor import package_fields, read_descriptor, write_descriptor
from kyrgyz_events.publish.descriptor import datapackage
from kyrgyz_events.synth.sink import TableSink


def set_cell(root: Path, table: str, row: int, column: str, value: Any) -> dict[str, Any]:
    """Set ``column`` of row ``row`` of ``table`` to ``value`` in both files; return the row as it was."""
    descriptor = read_descriptor(root)
    version = descriptor["x-schemaVersion"]
    specs = load_specs(version)
    data = root / "data"
    frame = pl.read_parquet(data / f"{table}.parquet")
    before = frame.row(row, named=True)
    dtype = frame.schema[column]
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row).then(pl.lit(value, dtype=dtype)).otherwise(pl.col(column)).alias(column)
    )
    with TableSink(data, specs[table], descriptor.get("version", DATASET_VERSION)) as sink:
        sink.write(frame)
    write_descriptor(root, datapackage(specs, root, package_fields(descriptor), version))
    return before
