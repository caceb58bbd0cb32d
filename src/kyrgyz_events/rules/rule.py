"""What a rule is: a name, what it checks, and, for a rule on rows, its logic once, as SQL.

A row rule's SQL is written once, in the portable dialect below, and every engine runs that text: the
embedded engine (Polars SQL) as it is, Spark after ``sqlglot`` transpiles it. From one :class:`Query` an
engine derives both questions it asks: how many rows fail (a count, for every query of every rule, in one
batch) and which rows fail (only for the queries whose count is above zero).

A query has one of two forms:

- ``where``: a condition, true on a failing row, on the rows of ``table``, which may bring ``columns``
  (``expression AS __name``, over the table as ``s`` and the joins) and ``joins`` (``LEFT JOIN (...) AS
  __name ON ...``, each matching at most one row, so that no row is repeated). Engines put every where
  query of a table, its joins and columns, into one scan of it: a table's record rules, keys, references
  and evidence cost one pass. Or, for rows that are not one per table row, a ``source``: a query of
  ``table``'s rows (every column and ``__row``) and what the rule needs beside them (the four span checks
  share one).
- ``select``: a query returning the failing rows of ``table`` as two columns, ``__rid`` (the record id,
  :func:`rid`) and ``__value`` (the value the finding shows), for failures that are not rows of the table
  (a pair missing from another table).

The dialect: PostgreSQL syntax that Polars SQL reads and sqlglot writes for Spark. Identifiers are quoted
(:func:`ident`), strings are literals (:func:`lit`), a pattern is written with :func:`regex`, and a list
column is opened with ``UNNEST`` only where ``ARRAY_LENGTH(list) > 0`` (Polars yields one null item for an
empty list, Spark none). Every table has a ``__row`` column, its 1-based row (or line) number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kyrgyz_events.findings import KEY_SEPARATOR

if TYPE_CHECKING:
    from kyrgyz_events.contracts.spec import TableSpec

Specs = Mapping[str, "TableSpec"]
ROW = "__row"  # the 1-based row number every table under validation carries
RID = "__rid"  # a select query's record id column
VALUE = "__value"  # a select query's shown value column


@dataclass(frozen=True)
class Query:
    """One failing-rows query of a rule: findings name ``table``, ``field`` and say ``message``."""

    rule: str
    table: str
    field: str | None
    message: str
    where: str | None = None  # a condition on a row of ``table`` (or of ``source``)
    value: str | None = None  # the column a where query's findings show
    columns: tuple[str, ...] = ()  # what ``where`` reads beside the table's columns
    joins: tuple[str, ...] = ()
    source: str | None = None  # the rows ``where`` filters, when they are not one per row of ``table``
    select: str | None = None  # or a query of ``__rid``, ``__value``

    def __post_init__(self) -> None:
        if (self.where is None) == (self.select is None) or (self.source is not None and self.where is None):
            raise ValueError(f"{self.rule}: a query has a where condition (and perhaps a source) or a select")
        if self.source is not None and (self.columns or self.joins):
            raise ValueError(f"{self.rule}: a query with a source has its columns and joins in it")


@dataclass(frozen=True)
class Rule:
    """A registered rule. ``queries`` (a row rule written in SQL) gives its queries for the tables of a
    package; a rule without it is checked by the Python code its description names."""

    name: str
    description: str
    queries: Callable[[Specs], list[Query]] | None = None

    @property
    def scope(self) -> str:
        """record, table, cross, provenance, package, annotations or migration: the part before the dot."""
        return self.name.split(".", 1)[0]


def ident(name: str, alias: str | None = None) -> str:
    """A quoted column (or table) name, optionally qualified by a table alias."""
    quoted = '"' + name.replace('"', '""') + '"'
    return f"{alias}.{quoted}" if alias else quoted


def lit(value: Any) -> str:
    """A SQL literal."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def regex(pattern: str) -> str:
    """A JSON Schema pattern as a literal both engines read as JSON Schema does: ``$`` at the end becomes
    ``\\z``, for Java's ``$`` (Spark) also matches before a final newline and ECMA-262's does not."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\z"
    return lit(pattern)


def rid(primary_key: tuple[str, ...], alias: str | None = None) -> str:
    """The record id of a row (``kyrgyz_events.findings.record_id``): its key values joined by
    ``KEY_SEPARATOR``, or ``#<row>`` when a key part is missing."""
    parts = [f"CAST({ident(k, alias)} AS VARCHAR)" for k in primary_key]
    missing = " OR ".join(f"{ident(k, alias)} IS NULL" for k in primary_key)
    joined = parts[0] if len(parts) == 1 else f"CONCAT_WS({lit(KEY_SEPARATOR)}, {', '.join(parts)})"
    return f"CASE WHEN {missing} THEN CONCAT('#', CAST({ident(ROW, alias)} AS VARCHAR)) ELSE {joined} END"
