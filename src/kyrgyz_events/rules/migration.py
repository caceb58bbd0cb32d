"""Rules the migrations (``kyrgyz_events.evolution.migrations``) report."""

from __future__ import annotations

from kyrgyz_events.rules.rule import Rule

RULES = (
    Rule(
        "migration.write",
        "A migrated package's tables can be written with the target schema's types (else nothing is written).",
    ),
)
