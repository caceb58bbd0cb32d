"""Write one table batch by batch: Parquet row groups (the real writer's options and Arrow schema) and
JSON Lines (one object per row, keys in schema order), so memory holds one batch, never the table."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from kyrgyz_events.contracts.arrow import arrow_schema
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.package_io.parts import part_path
from kyrgyz_events.publish.files import PARQUET_OPTIONS


class TableSink:
    """``data/<table>.parquet`` and ``data/<table>.jsonl`` of one table, appended to in primary-key order."""

    def __init__(self, data: Path, spec: TableSpec, dataset_version: str) -> None:
        self.spec = spec
        self.rows = 0
        self.path = data / f"{spec.name}.parquet"
        self._closed = False
        self._schema = arrow_schema(spec, dataset_version)
        self._parquet = pq.ParquetWriter(self.path, self._schema, **PARQUET_OPTIONS)
        self._jsonl: BinaryIO = (data / f"{spec.name}.jsonl").open("wb")

    def write(self, batch: pl.DataFrame) -> None:
        if batch.height == 0:
            return
        batch = batch.select(self.spec.column_names)
        self._parquet.write_table(batch.to_arrow().cast(self._schema))
        batch.write_ndjson(self._jsonl)
        self.rows += batch.height

    def close(self) -> None:
        """Finish both files; closing twice is harmless (a table may be read back before the others end)."""
        if not self._closed:
            self._parquet.close()
            self._jsonl.close()
            self._closed = True

    def __enter__(self) -> TableSink:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


def split_parquet(data: Path, table: str, parts: int) -> list[str]:
    """Rewrite ``data/<table>.parquet`` as at most ``parts`` parts of equal row counts (the last may hold
    fewer; one part when the table is smaller), streamed batch by batch, with the file's Arrow schema and
    metadata, at ``package_io.parts.part_path``; return their paths relative to the package."""
    source = data / f"{table}.parquet"
    with pq.ParquetFile(source) as parquet:
        total, schema = parquet.metadata.num_rows, parquet.schema_arrow
        per = max(1, -(-total // parts))
        count = max(1, -(-total // per))
        rels = [part_path(table, i) for i in range(count)]
        (data / table).mkdir()
        writers = [pq.ParquetWriter(data.parent / rel, schema, **PARQUET_OPTIONS) for rel in rels]
        try:
            written = 0
            for batch in parquet.iter_batches(batch_size=65_536):
                while batch.num_rows:
                    i = min(written // per, count - 1)
                    take = min(batch.num_rows, per * (i + 1) - written) if i < count - 1 else batch.num_rows
                    writers[i].write_table(pa.Table.from_batches([batch.slice(0, take)], schema))
                    batch, written = batch.slice(take), written + take
        finally:
            for writer in writers:
                writer.close()
    source.unlink()
    return rels
