"""Every rule by name, each defined once in the module of its scope: what it checks and, for a rule on rows,
its logic as SQL (:mod:`kyrgyz_events.rules.rule` says how), which every engine runs. A finding may only
name a rule listed here (:func:`finding` refuses any other).

    rules/package.py      the package as files (checked in Python on the files)
    rules/record.py       columns and JSON Schema keywords of every record
    rules/table.py        keys and row rules within one table
    rules/cross.py        references and agreements across tables
    rules/scheme.py       the ACLED, UCDP and PLOVER codebooks' rules on their views
    rules/provenance.py   quotes, offsets and hashes against the article's text
    rules/annotations.py  the annotation compiler's rules
    rules/migration.py    the migrations' rules

To add a rule on rows: write it in the module of its scope, and its fault case in tests/faults/cases.py.
"""

from typing import Any

from kyrgyz_events.findings import Finding
from kyrgyz_events.rules import annotations, cross, migration, package, provenance, record, scheme, table
from kyrgyz_events.rules.rule import Query, Rule, Specs

__all__ = ["RULES", "Query", "Rule", "finding", "row_queries", "unusable"]

#: Every rule, by name, scope by scope in the order they run.
RULES: dict[str, Rule] = {
    r.name: r
    for module in (package, record, table, cross, scheme, provenance, annotations, migration)
    for r in module.RULES
}


def row_queries(specs: Specs) -> list[Query]:
    """The SQL queries of every rule on rows above the records (table, cross, provenance), for the
    tables in ``specs``; the record rules run on each file (``rules.record.file_queries``)."""
    return [q for r in RULES.values() if r.queries is not None for q in r.queries(specs)]


def finding(rule: str, message: str, **kw: Any) -> Finding:
    """A Finding of a registered rule (a typo in a rule name fails loudly in tests, not silently)."""
    if rule not in RULES:
        raise KeyError(f"unregistered validation rule {rule!r}")
    return Finding(rule=rule, message=message, **kw)


def unusable(rule: str, message: str, **kw: Any) -> Finding:
    """A Finding that makes the input unusable (exit code 2)."""
    return finding(rule, message, unusable=True, **kw)
