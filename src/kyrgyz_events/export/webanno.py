"""The evidence as W3C Web Annotation (JSON-LD): ``webanno/evidence.jsonld``.

One ``AnnotationCollection`` whose first (and only) ``AnnotationPage`` is embedded, holding one
``Annotation`` per row of the ``evidence`` table, in evidence_id order::

    {"id": "urn:kyrgyz-events:evidence:evd-act-askar-akayev-1", "type": "Annotation",
     "motivation": "identifying",
     "body": [{"type": "SpecificResource", "source": "urn:kyrgyz-events:record:actors:act-askar-akayev",
               "purpose": "identifying"},
              {"type": "TextualBody", "value": "actors", "format": "text/plain", "purpose": "tagging"}],
     "target": {"type": "SpecificResource", "source": "urn:kyrgyz-events:document:doc-…",
                "selector": [{"type": "TextQuoteSelector", "exact": …, "prefix": …, "suffix": …},
                             {"type": "TextPositionSelector", "start": 4336, "end": 4370}]},
     "created": "2026-11-28T00:00:00Z", "creator": …, "generator": …, "rights": …}

Design:

- **IRIs.** The documents table has no web address for our text (``url`` is null, and a web page's HTML is
  not the captured text the offsets count in), so every IRI is a ``urn:kyrgyz-events:`` name built from the
  package's stable ids: ``document:<document_id>`` for the text (the ``documents.text`` of that id, whose
  sha256 is ``text_sha256``), ``record:<table>:<record_id>`` for a record, ``evidence:<evidence_id>`` for an
  annotation, and ``collection:evidence:<dataset version>`` (``…:page:1``) for the collection, whose content
  is a release's. An absolute IRI reads the same wherever the file is copied, unlike a relative one, and
  JSON-LD processors keep it as is. The names are opaque (the namespace is not a registered URN namespace
  and nothing resolves them): they join the annotations to the tables, and that is all they promise.
- **Body.** The annotation *identifies* what its target span speaks of (motivation ``identifying``): the
  record, as a ``SpecificResource`` whose source is the record's IRI (purpose ``identifying``); and it
  *tags* the span with the record's table (a ``TextualBody``, purpose ``tagging``), the type an annotation
  tool colours it by.
- **Target.** A ``SpecificResource`` on the document with both selectors: the quote (exact, prefix, suffix)
  and the position (start, end) in Unicode code points, end exclusive, the model's own unit.
- **Determinism.** ``created`` is the dataset release's fixed date (``created`` of ``datapackage.json``),
  never the clock; the generator names the software without its version, like ``croissant.json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kyrgyz_events.export import Row, by_document
from kyrgyz_events.package_io.json_text import dump_json
from kyrgyz_events.publish.descriptor import FileEntry

#: The one JSON-LD context of the Web Annotation Data Model (vendored in ``contexts/anno.jsonld``).
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILE_NAME = "evidence.jsonld"
MEDIATYPE = "application/ld+json"
#: The namespace of every IRI the export mints.
URN = "urn:kyrgyz-events"


def document_iri(document_id: str) -> str:
    return f"{URN}:document:{document_id}"


def record_iri(table: str, record_id: str) -> str:
    return f"{URN}:record:{table}:{record_id}"


def annotation_iri(evidence_id: str) -> str:
    return f"{URN}:evidence:{evidence_id}"


def collection_iri(version: str) -> str:
    return f"{URN}:collection:evidence:{version}"


def page_iri(version: str, number: int = 1) -> str:
    return f"{collection_iri(version)}:page:{number}"


def _provenance(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """``created``, ``creator``, ``generator`` and ``rights`` of every annotation, from the package metadata."""
    out: dict[str, Any] = {}
    if metadata.get("created"):
        out["created"] = str(metadata["created"])
    creators = [
        {"type": "Organization", "name": str(c["title"])}
        for c in metadata.get("contributors", [])
        if "title" in c and "creator" in c.get("roles", ["creator"])
    ]
    if creators:
        out["creator"] = creators[0] if len(creators) == 1 else creators
    generator: dict[str, Any] = {"type": "Software", "name": str(metadata.get("name", "kyrgyz-events"))}
    if metadata.get("homepage"):
        generator["homepage"] = str(metadata["homepage"])
    out["generator"] = generator
    rights = [str(lic["path"]) for lic in metadata.get("licenses", []) if lic.get("path")]
    if rights:
        out["rights"] = rights[0] if len(rights) == 1 else rights
    return out


def annotation(ev: Row, provenance: Mapping[str, Any]) -> dict[str, Any]:
    """The Web Annotation of one evidence row."""
    table, record_id = str(ev["record_table"]), str(ev["record_id"])
    return {
        "id": annotation_iri(str(ev["evidence_id"])),
        "type": "Annotation",
        "motivation": "identifying",
        **provenance,
        "body": [
            {"type": "SpecificResource", "source": record_iri(table, record_id), "purpose": "identifying"},
            {"type": "TextualBody", "value": table, "format": "text/plain", "purpose": "tagging"},
        ],
        "target": {
            "type": "SpecificResource",
            "source": document_iri(str(ev["document_id"])),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": str(ev["exact"]),
                    "prefix": str(ev["prefix"]),
                    "suffix": str(ev["suffix"]),
                },
                {"type": "TextPositionSelector", "start": int(ev["start"]), "end": int(ev["end"])},
            ],
        },
    }


def collection(documents: Iterable[Row], evidence: Iterable[Row], metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The ``AnnotationCollection`` of every evidence span, its single page embedded as ``first``."""
    version = str(metadata.get("version", "0"))
    provenance = _provenance(metadata)
    items = [annotation(ev, provenance) for _doc, evs in by_document(documents, evidence) for ev in evs]
    items.sort(key=lambda a: str(a["id"]))
    title = str(metadata.get("title", metadata.get("name", "kyrgyz-events")))
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_iri(version),
        "type": "AnnotationCollection",
        "label": f"{title} — the evidence of every record, dataset {version}",
        "total": len(items),
    }
    if items:  # a collection with annotations MUST have a first page; a page MUST hold one or more
        doc["first"] = {
            "id": page_iri(version),
            "type": "AnnotationPage",
            "partOf": collection_iri(version),
            "startIndex": 0,
            "items": items,
        }
        doc["last"] = page_iri(version)
    return doc


def write(
    folder: Path, documents: Sequence[Row], evidence: Sequence[Row], metadata: Mapping[str, Any]
) -> list[FileEntry]:
    """Write ``folder/evidence.jsonld``; return its entry (path relative to ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = dump_json(collection(documents, evidence, metadata))
    (folder / FILE_NAME).write_text(text, encoding="utf-8", newline="\n")
    return [
        FileEntry(
            name="export-webanno-evidence",
            path=FILE_NAME,
            format="jsonld",
            mediatype=MEDIATYPE,
            description="Every evidence span as a W3C Web Annotation (JSON-LD, context "
            f"{CONTEXT}): an AnnotationCollection whose annotations target the document by a "
            "TextQuoteSelector and a TextPositionSelector (code points, end exclusive) and identify the "
            "record they support (urn:kyrgyz-events:record:<table>:<record_id>).",
        )
    ]
