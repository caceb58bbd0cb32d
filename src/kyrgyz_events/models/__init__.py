"""Pydantic models: the one source of every schema this project publishes."""

from kyrgyz_events.models.tables import TABLES, TableModel

__all__ = ["TABLES", "TableModel"]
