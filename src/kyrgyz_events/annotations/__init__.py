"""Hand annotations (YAML, quotes instead of offsets) compiled into table rows."""

from kyrgyz_events.annotations.compile import compile_annotations

__all__ = ["compile_annotations"]
