"""package.partitions: the hive folders of a partitioned table (``column=value/``) agree with its files.

A partition column must also be stored in the parts (the design: the files are the data, the folders an
index over them, so a part read on its own, or by a reader that ignores the folders, holds every column);
every row of a part must hold the value its folders name (compared as text: a folder name is text;
``__HIVE_DEFAULT_PARTITION__`` is null). Checked by the embedded reader whatever the engine, like the twins.
"""

from __future__ import annotations

import polars as pl

from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.findings import Finding
from kyrgyz_events.rules import finding
from kyrgyz_events.rules.rule import RID, ROW
from kyrgyz_events.validators.ids import record_id_expr
from kyrgyz_events.validators.records import MAX_PER_CHECK

Partition = tuple[tuple[str, str | None], ...]


def partition_findings(
    spec: TableSpec, parts: list[tuple[int, str, Partition, pl.LazyFrame]], skip: set[str]
) -> list[Finding]:
    """``parts``: each part's first row, its path, its partition values and its rows (schema columns);
    ``skip``: the columns not checked (record.columns reported them)."""
    out: list[Finding] = []
    for first, rel, partition, frame in parts:
        for column, value in partition:
            if column not in spec.column_names:
                out.append(
                    finding(
                        "package.partitions",
                        f"partition folder {column}={value} names no column of {spec.name}",
                        table=spec.name,
                        field=column,
                        file=rel,
                        value=value,
                    )
                )
                continue
            if column in skip:  # missing or mistyped in some part: reported by record.columns
                continue
            text = pl.col(column).cast(pl.String)
            wrong = text.is_not_null() if value is None else text.is_null() | (text != value)
            bad = (
                frame.with_row_index(ROW, offset=first)
                .filter(wrong)
                .select(record_id_expr(spec.primary_key, spec.column_names).alias(RID), pl.col(column))
                .head(MAX_PER_CHECK)
                .collect()
            )
            out += [
                finding(
                    "package.partitions",
                    f"the row holds {column} {stored!r}, its partition folder {column}={value}",
                    table=spec.name,
                    record_id=rid,
                    field=column,
                    file=rel,
                    value=stored,
                )
                for rid, stored in bad.iter_rows()
            ]
    return out
