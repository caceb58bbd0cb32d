"""``annotations/not_coded.yaml``: for each scheme, the events its view does not code, each with the reason.
Read here for the compiler (``annotations.scheme_decided``) and for the data card alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyrgyz_events.annotations.read import read_yaml

FILE = "not_coded.yaml"
#: The scheme views, each annotated in ``<table>.yaml``, and the key of each scheme in not_coded.yaml.
SCHEME_OF = {"acled_events": "acled", "ucdp_events": "ucdp", "plover_events": "plover"}


def scheme_reasons(document: Any, scheme: str) -> tuple[dict[str, str], list[Any]]:
    """The reasons ``document`` (the parsed file) gives for ``scheme``, by event id, and its entries for
    the scheme that lack an event id or a reason."""
    entries = document.get(scheme) if isinstance(document, dict) else None
    reasons: dict[str, str] = {}
    malformed: list[Any] = []
    for item in entries if isinstance(entries, list) else []:
        if isinstance(item, dict) and item.get("event_id") and item.get("reason"):
            reasons[str(item["event_id"])] = str(item["reason"])
        else:
            malformed.append(item)
    return reasons, malformed


def read_reasons(annotations: Path) -> dict[str, dict[str, str]]:
    """Every scheme's reasons, by event id, from the folder's not_coded.yaml (none when it is unreadable:
    the compiler reports why)."""
    document, _ = read_yaml(annotations / FILE, dict)
    return {scheme: scheme_reasons(document, scheme)[0] for scheme in SCHEME_OF.values()}
