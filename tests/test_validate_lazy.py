"""The lazy Parquet path (every rule counted first, findings materialised only for failing rules) reports
exactly what the eager path reports, on the clean packages and on every corruption of the fault corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from faults.cases import CASES, Case
from faults.editor import PackageEditor

from kyrgyz_events.validators import Report, validate
from kyrgyz_events.validators.run import validate_path

PARQUET = ("parquet",)


def findings(report: Report) -> Counter[tuple[object, ...]]:
    return Counter(
        (f.rule, f.table, f.record_id, f.field, f.file, f.message, repr(f.value), f.unusable) for f in report.findings
    )


def test_clean_packages_agree(clean_package: Path) -> None:
    lazy, eager = validate(clean_package, formats=PARQUET), validate_path(clean_package, formats=PARQUET, lazy=False)
    assert lazy.findings == eager.findings == [], lazy.to_text()
    assert lazy.rows_checked == eager.rows_checked
    assert sum(lazy.rows_checked.values()) > 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_lazy_and_eager_paths_agree(case: Case, clean_package: Path) -> None:
    case.apply(PackageEditor(clean_package))
    lazy, eager = validate(clean_package, formats=PARQUET), validate_path(clean_package, formats=PARQUET, lazy=False)
    assert findings(lazy) == findings(eager), lazy.to_text() + "\n---\n" + eager.to_text()
    assert lazy.omitted == eager.omitted
    assert lazy.exit_code == eager.exit_code
