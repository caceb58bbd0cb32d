"""Documented input limits (``docs/guarantees.md``), enforced before the expensive work.

A small hostile file must not cost unbounded time or memory: a JSON line nested a thousand deep, a line
of gigabytes, a Parquet footer declaring terabytes, a YAML alias bomb, an oversized descriptor. Each
limit is checked with a bounded, streaming pass before the parser that could blow up runs; an exceeded
limit is an unusable finding naming the file, the line and the limit. The same pass refuses a JSON
object with a duplicate key (two readers would keep different values). (The strict typed JSON Lines read
of ``jsonl_typed``, which runs first, stops at the first value nested deeper than a list and at a line
over two of its blocks: it needs no pass before it.)
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import Any

#: JSON nesting depth (objects and arrays) of one JSON Lines record; the schema needs 2.
MAX_JSON_DEPTH = 32
#: Bytes of one JSON Lines record (a document row holds its whole text).
MAX_LINE_BYTES = 256 * 2**20
#: Bytes of datapackage.json.
MAX_DESCRIPTOR_BYTES = 16 * 2**20
#: Bytes of one annotation YAML file.
MAX_YAML_BYTES = 8 * 2**20
#: Bytes of one source text.
MAX_SOURCE_BYTES = 256 * 2**20
#: Uncompressed bytes a Parquet file's footer declares (all row groups).
MAX_PARQUET_UNCOMPRESSED = 64 * 2**30
#: Uncompressed / compressed ratio of a Parquet file, checked when it declares more than 1 GiB.
MAX_PARQUET_RATIO = 1000
#: Parts of one partitioned table (``package_io.parts``).
MAX_PARTS = 10_000
#: Levels of hive-style subfolders (``column=value/``) under a partitioned table's folder.
MAX_PARTITION_DEPTH = 8
_RATIO_FLOOR = 2**30

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


class LimitExceeded(Exception):
    """An input is beyond a documented limit (or holds a duplicate key); the message says which."""

    def __init__(self, message: str, line: int | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.key = key


def human(n: int) -> str:
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def json_depth(line: bytes) -> int:
    """Nesting depth of one JSON text, brackets inside strings not counted, exact whenever it exceeds
    MAX_JSON_DEPTH; below that it may return the (cheap) count of opening brackets, an upper bound."""
    bound = line.count(b"[") + line.count(b"{")  # an upper bound, counted at C speed
    return bound if bound <= MAX_JSON_DEPTH else _exact_depth(line)


def _exact_depth(line: bytes) -> int:
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub(b'""', line)):
        if m.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
        else:
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise LimitExceeded(f"duplicate key {key!r} in one JSON object", key=key)
            seen.add(key)
    return out


def loads_strict(text: str | bytes) -> Any:
    """``json.loads`` that refuses duplicate keys (``LimitExceeded``) and NaN/Infinity (``ValueError``)."""
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check_size(path: Path, limit: int, what: str) -> None:
    size = path.stat().st_size
    if size > limit:
        raise LimitExceeded(f"{what} is {size} bytes, over the limit of {human(limit)}")


def scan_jsonl(path: Path) -> None:
    """One streaming pass over a JSON Lines file: every line within MAX_LINE_BYTES and MAX_JSON_DEPTH,
    one JSON object, no duplicate key. Raises LimitExceeded (or ValueError for malformed JSON) naming the line.

    Each line is first parsed by orjson (strict RFC 8259, no NaN, at C speed). A line it accepts passes
    without the exact check when it is plainly one flat object with no duplicate key: it holds one ``{``,
    fewer than MAX_JSON_DEPTH ``[``, and no more colons that could end a key (a colon after a quote or
    after white space) than the object has keys; every key is followed by its own such colon, so a
    repeated key would show as a surplus. Any other line, a rejected one included, gets the exact check
    (``_check_line``), which names what is wrong; a line it accepts is fine.
    """
    import orjson

    with path.open("rb") as fh:
        for number, line in enumerate(iter(partial(fh.readline, MAX_LINE_BYTES + 1), b""), start=1):
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError:
                pass
            else:
                if (
                    type(value) is dict
                    and len(line) <= MAX_LINE_BYTES
                    and line.count(b"{") == 1
                    and line.count(b"[") < MAX_JSON_DEPTH
                    and _no_repeated_key(line, len(value))
                ):
                    continue
            _check_line(line, number)


def _no_repeated_key(line: bytes, keys: int) -> bool:
    """Whether the line has no more colons that could end a key than ``keys``, the keys its object holds."""
    if line.count(b":") <= keys:
        return True
    return line.count(b'":') + line.count(b" :") + line.count(b"\t:") + line.count(b"\r:") <= keys


def _check_line(line: bytes, number: int) -> None:
    """The exact checks of one JSON Lines line (number ``number``): length, depth, one JSON object, no
    duplicate key. Raises LimitExceeded or ValueError naming the line; a blank line passes."""
    if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
        raise LimitExceeded(f"line {number} is longer than the limit of {human(MAX_LINE_BYTES)}", number)
    if not line.strip():
        return
    depth = json_depth(line)
    if depth > MAX_JSON_DEPTH:
        raise LimitExceeded(f"line {number} is nested deeper than the limit of {MAX_JSON_DEPTH}", number)
    try:
        value = loads_strict(line)
    except LimitExceeded as e:
        raise LimitExceeded(f"line {number}: {e}", number, e.key) from None
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"line {number} is not valid JSON: {e}") from None
    if not isinstance(value, dict):
        raise ValueError(f"line {number} is not a JSON object")


def parquet_declared(path: Path) -> None:
    """The uncompressed size the footer declares, against MAX_PARQUET_UNCOMPRESSED and MAX_PARQUET_RATIO."""
    import pyarrow.parquet as pq

    meta = pq.read_metadata(path)
    declared = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    size = max(path.stat().st_size, 1)
    if declared > MAX_PARQUET_UNCOMPRESSED:
        raise LimitExceeded(
            f"the Parquet footer declares {declared} uncompressed bytes, over the limit of "
            f"{human(MAX_PARQUET_UNCOMPRESSED)}"
        )
    if declared > _RATIO_FLOOR and declared / size > MAX_PARQUET_RATIO:
        raise LimitExceeded(
            f"the Parquet footer declares {declared} uncompressed bytes for a {size}-byte file, a ratio over "
            f"the limit of {MAX_PARQUET_RATIO}"
        )
