"""JSON as this project writes it: one layout for every committed JSON file, and values as JSON values."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def dump_json(data: Any) -> str:
    """The one JSON layout of every committed JSON file: 2-space indent, UTF-8, trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def json_value(value: Any) -> Any:
    """A table cell as a JSON value: a date (or date-time) as its ISO 8601 text, a list item by item."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    return value
