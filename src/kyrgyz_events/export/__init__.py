"""The evidence in the two open text-annotation formats annotation tools read.

- :mod:`kyrgyz_events.export.webanno`: a W3C Web Annotation ``AnnotationCollection`` (JSON-LD), one
  ``Annotation`` per evidence span, its target selected by both a ``TextQuoteSelector`` and a
  ``TextPositionSelector`` (code points, end exclusive: the offsets of the ``evidence`` table).
- :mod:`kyrgyz_events.export.brat`: brat standoff, one ``<document_id>.txt`` (the document's text, exactly)
  and ``<document_id>.ann`` per document, with ``annotation.conf`` and ``visual.conf``.

Both are pure functions of the ``documents`` and ``evidence`` rows (dicts keyed by column) and the package
metadata: no clock, no environment, so a rebuild writes the same bytes. ``kyrgyz-events build`` writes them
into the package under ``export/`` (described in ``datapackage.json`` and ``croissant.json``), and
``kyrgyz-events export`` writes them from any package into a folder of your choice. Neither needs anything
beyond the standard library; reading the JSON-LD as RDF is left to the reader (the tests use PyLD, offline,
with the vendored context in ``contexts/anno.jsonld``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kyrgyz_events.package_io.descriptor import DESCRIPTOR, DescriptorError, read_descriptor
from kyrgyz_events.publish.descriptor import FileEntry

#: The package folder the build writes the exports into, one subfolder per format.
EXPORT_DIR = "export"
#: The formats, in the order the build writes them.
FORMATS = ("webanno", "brat")

Row = Mapping[str, Any]


class ExportError(ValueError):
    """The tables cannot be exported faithfully (an evidence span that does not quote its document...)."""


def by_document(documents: Iterable[Row], evidence: Iterable[Row]) -> list[tuple[Row, list[Row]]]:
    """Each document (in document_id order) with its evidence (in evidence_id order), after checking that
    every span is a valid code-point range of its document's text that quotes ``exact``."""
    docs = {str(d["document_id"]): d for d in documents}
    grouped: dict[str, list[Row]] = {doc_id: [] for doc_id in docs}
    for ev in sorted(evidence, key=lambda e: str(e["evidence_id"])):
        doc_id = str(ev["document_id"])
        if doc_id not in docs:
            raise ExportError(f"evidence {ev['evidence_id']}: unknown document {doc_id!r}")
        text = str(docs[doc_id]["text"])
        start, end = ev["start"], ev["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise ExportError(f"evidence {ev['evidence_id']}: [{start}, {end}) is not a range of {doc_id}")
        if text[start:end] != ev["exact"]:
            raise ExportError(f"evidence {ev['evidence_id']}: text[{start}:{end}] is not its exact quote")
        grouped[doc_id].append(ev)
    return [(docs[doc_id], grouped[doc_id]) for doc_id in sorted(docs)]


def write_format(
    folder: Path, fmt: str, rows: Mapping[str, Sequence[Row]], metadata: Mapping[str, Any]
) -> list[FileEntry]:
    """Write one format's files into ``folder``; return their entries (paths relative to ``folder``)."""
    from kyrgyz_events.export import brat, webanno

    writers = {"webanno": webanno.write, "brat": brat.write}
    if fmt not in writers:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return writers[fmt](folder, rows["documents"], rows["evidence"], metadata)


def write_exports(
    out: Path, rows: Mapping[str, Sequence[Row]], metadata: Mapping[str, Any], formats: Sequence[str] = FORMATS
) -> list[FileEntry]:
    """Write every format into ``out/export/<format>/``; return the files written (paths relative to
    ``out``), in a fixed order, for the package descriptor."""
    entries: list[FileEntry] = []
    for fmt in formats:
        sub = f"{EXPORT_DIR}/{fmt}"
        entries += [e.under(sub) for e in write_format(out / sub, fmt, rows, metadata)]
    return entries


def read_package(package: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """The ``documents`` and ``evidence`` rows and the metadata (``datapackage.json`` without its resources)
    of a published package folder (or its ``datapackage.json``). Raises ``ExportError`` when it is not one."""
    import pyarrow.parquet as pq

    descriptor_path = package / DESCRIPTOR if package.is_dir() else package
    try:
        descriptor = read_descriptor(package)
    except DescriptorError as e:
        missing = f"{package} is not a package: {descriptor_path} does not exist"
        raise ExportError(missing if e.reason == "missing" else f"{descriptor_path}: {e}") from e
    if not isinstance(descriptor.get("resources"), list):
        raise ExportError(f"{descriptor_path} is not a Data Package descriptor (no resources)")
    resources = [r for r in descriptor["resources"] if isinstance(r, dict) and r.get("format") == "parquet"]
    paths = {r.get("name"): r.get("path") for r in resources}
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in ("documents", "evidence"):
        rel = paths.get(table)
        if not isinstance(rel, str):
            raise ExportError(f"{descriptor_path} has no Parquet resource {table!r}")
        try:
            with pq.ParquetFile(descriptor_path.parent / rel) as parquet:
                rows[table] = parquet.read().to_pylist()
        except (OSError, ValueError) as e:  # a missing or truncated file (pyarrow raises ArrowInvalid)
            raise ExportError(f"cannot read {rel}: {e}") from e
    metadata = {k: v for k, v in descriptor.items() if k != "resources"}
    return rows, metadata


def export(package: Path, fmt: str, out: Path) -> list[Path]:
    """Write the evidence of ``package`` in format ``fmt`` ("webanno" or "brat") straight into the folder
    ``out`` (created if needed; files of the same names are replaced); return the files written.

        >>> from kyrgyz_events.export import export
        >>> export(kyrgyz_events.path(), "brat", Path("brat-data/kyrgyz-events"))
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    rows, metadata = read_package(package)
    return [out / e.path for e in write_format(out, fmt, rows, metadata)]
