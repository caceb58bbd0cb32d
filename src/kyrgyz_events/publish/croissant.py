"""Write ``croissant.json``: the Croissant document the package's descriptor and Parquet files yield."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyrgyz_events.package_io.croissant import croissant
from kyrgyz_events.package_io.json_text import dump_json


def write_croissant(stage: Path, descriptor: dict[str, Any]) -> None:
    """Write the Croissant document of the package in ``stage``, described by ``descriptor``."""
    (stage / "croissant.json").write_text(dump_json(croissant(descriptor, stage)), encoding="utf-8", newline="\n")
