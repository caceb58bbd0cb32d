"""The embedded engine: the rules' SQL run by Polars' own SQL engine on lazy frames, every query of a round
in one parallel ``collect_all`` (streaming, so a large table is not held whole)."""

from __future__ import annotations

from typing import Literal

import polars as pl


class PolarsSQL:
    def __init__(
        self, tables: dict[str, pl.LazyFrame], engine: Literal["streaming", "in-memory"] = "streaming"
    ) -> None:
        self.context = pl.SQLContext(tables)
        self.engine = engine

    def collect(self, sqls: list[str], single_row: bool = False) -> list[pl.DataFrame]:
        if not sqls:
            return []
        return pl.collect_all([self.context.execute(sql) for sql in sqls], engine=self.engine)

    def close(self) -> None:
        self.context = pl.SQLContext()
