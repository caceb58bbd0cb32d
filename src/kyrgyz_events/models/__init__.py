"""Pydantic models: the one source of every schema this project publishes."""

from kyrgyz_events.models.tables import QUOTE_CONTEXT, TABLES, TableModel

__all__ = ["QUOTE_CONTEXT", "TABLES", "TableModel"]
