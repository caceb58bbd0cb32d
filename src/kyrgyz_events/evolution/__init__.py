"""Schema evolution: classify changes between versions, gate version bumps, migrate published packages."""

from kyrgyz_events.evolution.diff import Change, SchemaDiff, SchemaFolderError, diff_versions, load_schema_folder
from kyrgyz_events.evolution.versions import Level, bump_level, bumped, parse_version

__all__ = [
    "Change",
    "Level",
    "SchemaDiff",
    "SchemaFolderError",
    "bump_level",
    "bumped",
    "diff_versions",
    "load_schema_folder",
    "parse_version",
]
