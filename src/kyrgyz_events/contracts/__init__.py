"""Table contracts read from a released JSON Schema: columns, keys, and the Arrow, pandera and
Frictionless schemas derived from them. Every schema version the package ships can be read this way."""

from kyrgyz_events.contracts.spec import Column, TableSpec, known_versions, load_spec, load_specs

__all__ = ["Column", "TableSpec", "known_versions", "load_spec", "load_specs"]
