"""A JSON Lines table file read at columnar speed: strictly, with the schema's JSON types, by pyarrow's
multithreaded reader, with no Python pass over its lines.

The screened path (``limits.scan_jsonl``, one orjson parse per line, then Polars inferring every
column's type from every row) costs three times as much at 10^6 events. :func:`read_typed` gives the rows
only where it can show that the screened path would give the same frame and no finding; anywhere else it
gives None, and the caller takes the screened path, whose findings name what is wrong. What it shows:

- every value has its column's JSON type, no key is outside the schema and none is repeated: each fails
  the strict read. So each value is flat, a scalar or a list of scalars, within ``MAX_JSON_DEPTH``, and
  the read stops at the first value nested deeper than that (a hostile line costs a few blocks);
- no line is as long as ``MAX_LINE_BYTES`` (measured by Polars' line reader, below); the strict reader
  parses blocks of ``BLOCK_BYTES`` and fails on a line longer than two, so a line of gigabytes costs it
  a few blocks;
- the JSON is what orjson, the screen's parser, accepts, as far as the differences found by running the
  two side by side go: the reader also accepts NaN and Infinity (and a number too large for a double, as
  infinity), so a float column holding a value that is not finite is refused, and a byte order mark, so
  a file that starts with one is refused;
- one object per line: every line that is not blank starts with ``{``, ends with ``}`` and holds one ``{``
  (a flat object has one), and there are as many such lines as rows;
- a column that is null in every row has its key (``"name":``) in the file: a key absent throughout is a
  missing column, which the inferring read reports.
"""

from __future__ import annotations

import json
import mmap
from pathlib import Path

import polars as pl

from kyrgyz_events.contracts.arrow import json_arrow_schema
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.package_io import limits

#: Bytes the strict reader parses per task: its 1 MiB default was 25% slower at 10^6 events.
BLOCK_BYTES = 16 * 2**20
#: Arrow bytes above which a read hands its memory back to the allocator (10% less peak memory at 10^6
#: events; a few milliseconds a call, so not for small files)
_RELEASE_ABOVE = 64 * 2**20
_BOM = b"\xef\xbb\xbf"
_LINE = "line"


def read_typed(path: Path, spec: TableSpec) -> pl.DataFrame | None:
    """The rows of a non-empty JSON Lines file of ``spec``'s table, or None (see the module)."""
    import pyarrow as pa
    import pyarrow.json as pj

    options = pj.ParseOptions(explicit_schema=json_arrow_schema(spec), unexpected_field_behavior="error")
    try:
        table = pj.read_json(path, read_options=pj.ReadOptions(block_size=BLOCK_BYTES), parse_options=options)
    except (pa.ArrowException, OSError, UnicodeDecodeError):
        return None
    frame = pl.from_arrow(table, rechunk=False)  # one chunk per block: copying them whole costs 25% more time
    assert isinstance(frame, pl.DataFrame)
    if table.nbytes > _RELEASE_ABOVE:  # the copy Polars made is what stays: the allocator may have the rest
        del table
        pa.default_memory_pool().release_unused()
    floats = [name for name, dtype in frame.schema.items() if dtype == pl.Float64]
    if floats and not frame.select(pl.all_horizontal(pl.col(floats).is_finite().all())).item():
        return None
    empty = [name for name in frame.columns if frame.get_column(name).null_count() == frame.height]
    if not _keys_occur(path, empty) or not _plain_lines(path, frame.height):
        return None
    return frame


def _keys_occur(path: Path, keys: list[str]) -> bool:
    """Whether each of ``keys`` occurs in the file as ``"key":``, and it does not start with a byte order
    mark. (Within a JSON string a quote is escaped, so the bytes ``"key":`` are a key.)"""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data[: len(_BOM)] == _BOM:
            return False
        return all(data.find(json.dumps(key).encode() + b":") >= 0 for key in keys)


def _plain_lines(path: Path, rows: int) -> bool:
    """Whether every line that is not blank is ``{`` with no other ``{``, up to ``}``, shorter than
    ``MAX_LINE_BYTES``, and there are ``rows`` of them. Polars reads the lines as one column (``\\x1f``,
    refused by the strict read, separates none)."""
    line = pl.col(_LINE)
    plain = (
        line.str.starts_with("{")
        & line.str.ends_with("}")
        & (line.str.count_matches("{", literal=True) == 1)
        & (line.str.len_bytes() < limits.MAX_LINE_BYTES)
    )
    try:
        lines, ok = (
            pl.scan_csv(path, has_header=False, separator="\x1f", quote_char=None, schema={_LINE: pl.String})
            .select(line.count().alias("lines"), plain.all().alias("plain"))
            .collect(engine="streaming")
            .row(0)
        )
    except pl.exceptions.PolarsError:
        return False
    return lines == rows and ok is not False
