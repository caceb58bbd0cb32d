"""The per-record JSON Schema validator every reference check uses (validation's ``--reference`` path and
the migrations): ``jsonschema``'s Draft 2020-12 validator with format checking, and with ``pattern`` read
as JSON Schema reads it (ECMA-262): ``$`` matches only at the very end. Python's ``re`` also lets ``$``
match before a final newline, so plain ``jsonschema`` accepts ``"act-x\\n"`` for ``^act-[a-z]+$``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def record_validator(schema: dict[str, Any]) -> Any:
    """A validator of records against a table's JSON Schema."""
    from jsonschema import Draft202012Validator, FormatChecker, validators

    strict = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    return strict(schema, format_checker=FormatChecker())
