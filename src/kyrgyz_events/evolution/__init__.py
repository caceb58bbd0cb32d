"""Schema evolution: classify changes between versions, gate version bumps, migrate published packages.

Version numbers themselves (their order, the class of a bump) are in :mod:`kyrgyz_events.schema_versions`."""

from kyrgyz_events.evolution.diff import Change, SchemaDiff, SchemaFolderError, diff_versions, load_schema_folder

__all__ = ["Change", "SchemaDiff", "SchemaFolderError", "diff_versions", "load_schema_folder"]
