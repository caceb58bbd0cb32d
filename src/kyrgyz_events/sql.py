"""One DuckDB connection with every published table registered as a view (needs the ``duckdb`` extra).

>>> con = kyrgyz_events.connect()
>>> con.sql("SELECT event_type, count(*) FROM events GROUP BY ALL").df()
>>> con.sql("SELECT * FROM claims JOIN actors ON actor_id = claimant_actor_id")
"""

from __future__ import annotations

from typing import Any

from kyrgyz_events.load import table_files, tables


def connect(database: str = ":memory:") -> Any:
    """A ``duckdb.DuckDBPyConnection`` with a view per table over its Parquet file or parts (nothing is copied)."""
    try:
        import duckdb
    except ImportError as exc:
        raise ImportError(
            "kyrgyz_events.connect() needs duckdb, which is not installed: pip install 'kyrgyz-events[duckdb]'"
        ) from exc
    con = duckdb.connect(database)
    for table in tables():
        files = ", ".join("'" + str(f).replace("'", "''") + "'" for f in table_files(table))
        # a partitioned table's parts in table order; a hive column is stored in the files, not read from folders
        con.execute(
            f'CREATE OR REPLACE VIEW "{table}" AS SELECT * FROM read_parquet([{files}], hive_partitioning = false)'
        )
    return con
