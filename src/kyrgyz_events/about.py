"""What the data is, in Python: per-table and per-column descriptions, the licence, the citation, the versions.

    >>> import kyrgyz_events
    >>> info = kyrgyz_events.describe()          # the dataset: title, licence, versions, every table
    >>> print(info)                              # a readable card
    >>> kyrgyz_events.describe("events").columns["date_precision"].description
    >>> print(kyrgyz_events.citation())          # or citation("bibtex"), citation("cff")

Everything is read from the package's ``datapackage.json`` and Parquet footers (pyarrow only), so it
describes exactly the files that :func:`kyrgyz_events.load` reads. ``CITATION.cff`` at the repository
root is generated from :data:`CITATION` (``kyrgyz-events schema generate``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, overload

from kyrgyz_events._version import DATASET_VERSION, SCHEMA_VERSION, __version__
from kyrgyz_events.load import descriptor, path

#: The one source of the citation: CITATION.cff and :func:`citation` are written from it.
CITATION: dict[str, Any] = {
    "title": "kyrgyz-events: the April 2010 uprising in Kyrgyzstan, text-anchored",
    "author": "kyrgyz-events contributors",
    "version": DATASET_VERSION,
    "date_released": "2026-11-28",
    "license": "CC-BY-4.0",
    "url": "https://github.com/kyrgyz-events/kyrgyz-events",
    "abstract": (
        "Events, actors, locations and attributed, conflicting claims of the April 2010 uprising in Kyrgyzstan, "
        "hand-annotated from one news article, every record tied to the exact characters that support it."
    ),
    "source": {
        "title": "President flees as gangs go on the rampage in Kyrgyzstan",
        "publisher": "The Independent",
        "year": 2010,
        "note": "the source article; its text is © The Independent and not covered by the data licence",
    },
}


@dataclass(frozen=True)
class ColumnInfo:
    """One column: its name, Table Schema type, whether it is required, and what it holds."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class TableInfo:
    """One published table: what it holds, its key, its columns and its files."""

    name: str
    description: str
    rows: int
    primary_key: tuple[str, ...]
    columns: dict[str, ColumnInfo]
    files: dict[str, str]

    @property
    def summary(self) -> str:
        """The first paragraph of the description."""
        return self.description.split("\n\n")[0].strip()

    def __str__(self) -> str:
        lines = [f"{self.name} ({self.rows:,} rows; key {', '.join(self.primary_key)}): {self.description}"]
        width = max((len(c) for c in self.columns), default=0)
        lines += [f"  {c.name:<{width}}  {c.type:<8} {c.description}" for c in self.columns.values()]
        return "\n".join(lines)


@dataclass(frozen=True)
class DatasetInfo:
    """The dataset: title, description, licence, versions, where it is, and every table."""

    title: str
    description: str
    license: str
    package_version: str
    schema_version: str
    dataset_version: str
    path: str
    tables: dict[str, TableInfo] = field(default_factory=dict)

    def __str__(self) -> str:
        head = [
            self.title,
            "",
            self.description,
            "",
            f"licence {self.license}; dataset {self.dataset_version}, schema {self.schema_version}, "
            f"package {self.package_version}",
            f"files: {self.path}",
            "",
            "tables:",
        ]
        width = max((len(t) for t in self.tables), default=0)
        rows = [f"  {t.name:<{width}}  {t.rows:>5,} rows  {t.summary}" for t in self.tables.values()]
        return "\n".join([*head, *rows, "", "kyrgyz_events.describe(TABLE) lists a table's columns."])


def _rows(file: str) -> int:
    import pyarrow.parquet as pq

    return int(pq.read_metadata(path() / file).num_rows)


def _table(resource: dict[str, Any], files: dict[str, str]) -> TableInfo:
    schema = resource.get("schema", {})
    columns = {
        f["name"]: ColumnInfo(
            name=f["name"],
            type=str(f.get("type", "any")),
            required=bool(f.get("constraints", {}).get("required", False)),
            description=str(f.get("description", "")),
        )
        for f in schema.get("fields", [])
    }
    key = schema.get("primaryKey", [])
    return TableInfo(
        name=resource["name"],
        description=str(resource.get("description", "")),
        rows=_rows(resource["path"]),
        primary_key=tuple([key] if isinstance(key, str) else key),
        columns=columns,
        files=files,
    )


@overload
def describe(table: None = None) -> DatasetInfo: ...
@overload
def describe(table: str) -> TableInfo: ...


def describe(table: str | None = None) -> DatasetInfo | TableInfo:
    """The dataset (no argument) or one table: descriptions, row counts, keys, columns, files, licence.

    Raises ``ValueError`` for a table the package does not publish."""
    package = descriptor()
    resources = package.get("resources", [])
    files: dict[str, dict[str, str]] = {}
    for r in resources:
        # the JSON Lines twin of table T is the resource "T-jsonl"
        files.setdefault(str(r["name"]).removesuffix("-jsonl"), {})[str(r.get("format"))] = str(path() / r["path"])
    parquet = [r for r in resources if r.get("format") == "parquet"]
    if table is not None:
        match = [r for r in parquet if r["name"] == table]
        if not match:
            raise ValueError(f"unknown table {table!r}; the package publishes {', '.join(r['name'] for r in parquet)}")
        return _table(match[0], files[table])
    licenses = package.get("licenses", [{}])
    return DatasetInfo(
        title=str(package.get("title", "")),
        description=str(package.get("description", "")),
        license=str(licenses[0].get("name", "")) if licenses else "",
        package_version=__version__,
        schema_version=str(package.get("x-schemaVersion", SCHEMA_VERSION)),
        dataset_version=str(package.get("version", DATASET_VERSION)),
        path=str(path()),
        tables={r["name"]: _table(r, files[r["name"]]) for r in parquet},
    )


def citation(style: str = "text") -> str:
    """How to cite the dataset: ``"text"`` (one line), ``"bibtex"`` or ``"cff"`` (CITATION.cff)."""
    c: dict[str, str] = {k: str(v) for k, v in CITATION.items() if isinstance(v, str)}
    if style == "text":
        return f"{c['author']} ({c['date_released'][:4]}). {c['title']} (version {c['version']}) [Data set]. {c['url']}"
    if style == "bibtex":
        return (
            "@misc{kyrgyz_events_" + c["version"].replace(".", "_") + ",\n"
            f"  author = {{{{{c['author']}}}}},\n"
            f"  title = {{{c['title']}}},\n"
            f"  year = {{{c['date_released'][:4]}}},\n"
            f"  version = {{{c['version']}}},\n"
            f"  howpublished = {{\\url{{{c['url']}}}}},\n"
            f"  note = {{Data set, licence {c['license']}}}\n"
            "}"
        )
    if style == "cff":
        return citation_cff()
    raise ValueError(f"unknown citation style {style!r}; choose text, bibtex or cff")


def citation_cff() -> str:
    """The Citation File Format (1.2.0) text of :data:`CITATION`, as committed in ``CITATION.cff``."""
    c, s = CITATION, CITATION["source"]
    return "\n".join(
        [
            "# Generated from src/kyrgyz_events/about.py by `kyrgyz-events schema generate` — do not edit.",
            "cff-version: 1.2.0",
            "message: If you use this dataset, please cite it as below.",
            "type: dataset",
            f'title: "{c["title"]}"',
            "authors:",
            f'  - name: "{c["author"]}"',
            f'version: "{c["version"]}"',
            f'date-released: "{c["date_released"]}"',
            f"license: {c['license']}",
            f'repository-code: "{c["url"]}"',
            f'abstract: "{c["abstract"]}"',
            "references:",
            "  - type: newspaper-article",
            f'    title: "{s["title"]}"',
            "    authors:",
            f'      - name: "{s["publisher"]}"',
            f'    publisher:\n      name: "{s["publisher"]}"',
            f"    year: {s['year']}",
            f'    notes: "{s["note"]}"',
            "",
        ]
    )
