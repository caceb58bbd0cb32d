"""The data card's (``dataset/package/README.md``) Hugging Face YAML header, with its row counts.

The header declares one ``configs`` entry per table (``config_name: <table>``, ``data_files:
data/<table>.parquet``), so ``datasets.load_dataset("<package dir>", name="events")`` reads each table,
offline, straight from the Parquet files; the files alone serve ``load_dataset("parquet", data_files=...)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

from kyrgyz_events.contracts.spec import TableSpec

DEFAULT_CONFIG = "events"
TAGS = ["events", "conflict", "protest", "kyrgyzstan", "event-data", "text-anchored", "acled", "plover"]


def hf_license(descriptor: Mapping[str, Any]) -> str:
    """The Hub's license id (lower-case SPDX, e.g. ``cc-by-4.0``) of the descriptor's first license."""
    licenses = descriptor.get("licenses", [])
    return str(licenses[0]["name"]).lower() if licenses and "name" in licenses[0] else "other"


def size_category(rows: int) -> str:
    """The Hub's ``size_categories`` bucket for a number of rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if rows < limit:
            return name
    return "1M<n<10M"


def hf_config(table: str, default: bool = False) -> dict[str, Any]:
    config: dict[str, Any] = {"config_name": table, "data_files": f"data/{table}.parquet"}
    if default:
        config["default"] = True
    return config


def hf_tag(keyword: str) -> str:
    """A keyword as a Hub tag: lower case, words joined by '-'."""
    return "-".join(keyword.lower().split())


def hf_yaml_header(
    specs: Mapping[str, TableSpec],
    descriptor: Mapping[str, Any] | None = None,
    counts: Mapping[str, int] | None = None,
) -> str:
    """The card's YAML front matter, ``---`` lines included.

    ``specs``: the published tables, in order; ``descriptor``: the package metadata (``datapackage.json`` or
    ``package_metadata()``, the default): title, licenses, languages, keywords; ``counts``: rows per table, for
    ``size_categories`` (left out when None).
    """
    if descriptor is None:
        from kyrgyz_events.publish.metadata import package_metadata

        descriptor = package_metadata()
    header: dict[str, Any] = {
        "license": hf_license(descriptor),
        "language": list(descriptor.get("languages", ["en"])),
        "pretty_name": descriptor.get("title", descriptor.get("name", "")),
        "tags": sorted({hf_tag(t) for t in [*TAGS, *descriptor.get("keywords", [])]}),
    }
    if counts is not None:
        header["size_categories"] = [size_category(max(counts.values(), default=0))]
    header["configs"] = [hf_config(t, default=t == DEFAULT_CONFIG) for t in specs]
    body = yaml.safe_dump(header, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{body}---\n"


def row_counts(root: Path, tables: list[str]) -> dict[str, int]:
    """Rows per table, read from the Parquet footers of ``root/data/<table>.parquet``."""
    return {t: pq.read_metadata(root / "data" / f"{t}.parquet").num_rows for t in tables}
