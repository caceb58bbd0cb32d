"""Pydantic models: the one source of every schema this project publishes."""

from kyrgyz_events.models.scheme_tables import SCHEME_TABLES
from kyrgyz_events.models.tables import CORE_TABLES, QUOTE_CONTEXT, TableModel

#: Every published table's model, by table name, in publishing order.
TABLES: dict[str, type[TableModel]] = {m.table: m for m in (*CORE_TABLES, *SCHEME_TABLES)}

__all__ = ["QUOTE_CONTEXT", "TABLES", "TableModel"]
