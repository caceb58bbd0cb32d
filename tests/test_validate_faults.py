"""Fault injection: one corruption at a time, each reported by exactly the rule and record it names."""

from __future__ import annotations

from pathlib import Path

from faults.cases import CASES, Key

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.validators import RULES, Report, validate


def keys(report: Report) -> set[Key]:
    return {(f.rule, f.table, f.record_id, f.field) for f in report.findings}


def test_clean_package_has_no_finding(clean_package: Path) -> None:
    for fast in (True, False):
        report = validate(clean_package, fast=fast)
        assert report.findings == [], report.to_text()
        assert report.exit_code == 0
        assert report.rows_checked, "nothing was read"


def test_the_corpus_covers_every_foreign_key() -> None:
    names = {c.name for c in CASES}
    for spec in load_specs(SCHEMA_VERSION).values():
        for fk in spec.foreign_keys:
            assert f"dangling-{spec.name}.{fk.fields[0]}" in names


def test_every_data_rule_is_proven_by_a_corruption() -> None:
    """Each registered rule (but those of the annotation compiler) has a case in the corpus that fires it."""
    import inspect

    import faults.cases

    source = inspect.getsource(faults.cases)
    fired = {r for r in RULES if f'"{r}"' in source}
    # The compiler's rules are proven in test_annotations, the migrations' in test_evolution_migrate.
    own = {r for r in RULES if not r.startswith(("annotations.", "migration.")) and r != "record.model"}
    assert own - fired == set()
