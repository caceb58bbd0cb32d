"""The evidence exports: W3C Web Annotation (JSON-LD) and brat standoff, read back by independent readers.

- Web Annotation: one test per requirement (MUST) of the W3C Web Annotation Data Model that a file can be
  checked for, each also run on a copy broken in that one respect so that it is seen to fail; then the file is
  expanded by a real JSON-LD processor (PyLD), offline, with the vendored context, and every annotation's
  position selects its quote in the article, counted in code points.
- brat: the ``.ann`` and ``.txt`` are read with the brat reader of the ``bioc`` library (NCBI's BioC tools)
  and checked against the evidence table; spans across line breaks become brat's discontinuous fragments.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import itertools
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import bioc.brat
import bioc.brat.validator
import pyarrow.parquet as pq
import pytest
import rdflib
from pyld import jsonld

from kyrgyz_events.cli import main
from kyrgyz_events.cli.export import FORMATS as CLI_FORMATS
from kyrgyz_events.export import FORMATS, ExportError, brat, by_document, export, read_package, webanno
from kyrgyz_events.load import path
from kyrgyz_events.models import QUOTE_CONTEXT
from kyrgyz_events.validators import validate

ROOT = path()
EXPORT = ROOT / "export"
CONTEXT_FILE = Path(webanno.__file__).parent / "contexts" / "anno.jsonld"
DESCRIPTOR: dict[str, Any] = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def rows(table: str) -> list[dict[str, Any]]:
    return pq.read_table(ROOT / "data" / f"{table}.parquet").to_pylist()


EVIDENCE = rows("evidence")
DOCUMENTS = {d["document_id"]: d for d in rows("documents")}
EVIDENCE_BY_ID = {e["evidence_id"]: e for e in EVIDENCE}


@pytest.fixture(scope="module")
def collection() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((EXPORT / "webanno" / "evidence.jsonld").read_text(encoding="utf-8"))
    return doc


def items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    first = doc.get("first")
    return list(first.get("items", [])) if isinstance(first, dict) else []


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def is_iri(value: Any) -> bool:
    """An absolute IRI: a scheme, then no whitespace."""
    return isinstance(value, str) and bool(urlsplit(value).scheme) and not any(c.isspace() for c in value)


def is_non_negative_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def selectors(anno: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [s for t in as_list(anno.get("target")) for s in as_list(t.get("selector", [])) if s.get("type") == kind]


def bodies(anno: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in as_list(anno.get("body", [])) if isinstance(b, dict)]


MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
    "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip


# --- the Web Annotation Data Model's requirements, one check each ------------------------------------------
# Each check returns what violates it (empty: the file conforms). The quotes follow the W3C Recommendation's
# wording, by section; the W3C test suite (web-platform-tests, annotation-model/*Musts.test) asserts the same.


def _collection_context(doc: dict[str, Any]) -> list[str]:
    """§5.1 "The Annotation Collection MUST have 1 or more @context values and http://www.w3.org/ns/anno.jsonld
    MUST be one of them. If there is only one value, then it MUST be provided as a string." (The annotations,
    embedded, are in its scope.)"""
    ctx = doc.get("@context")
    ok = ctx == webanno.CONTEXT or (isinstance(ctx, list) and len(ctx) > 1 and webanno.CONTEXT in ctx)
    return [] if ok else [repr(ctx)]


def _collection_id(doc: dict[str, Any]) -> list[str]:
    """§5.1 "An Annotation Collection MUST have exactly 1 IRI that identifies it." """
    return [] if is_iri(doc.get("id")) else [repr(doc.get("id"))]


def _collection_type(doc: dict[str, Any]) -> list[str]:
    """§5.1 "An Annotation Collection MUST have AnnotationCollection as one of its types." """
    return [] if "AnnotationCollection" in as_list(doc.get("type")) else [repr(doc.get("type"))]


def _collection_total(doc: dict[str, Any]) -> list[str]:
    """§5.1 total: "...if present it MUST be an xsd:nonNegativeInteger" (and here, the number of annotations)."""
    total = doc.get("total")
    return [] if is_non_negative_int(total) and total == len(items(doc)) else [repr(total)]


def _collection_first(doc: dict[str, Any]) -> list[str]:
    """§5.1 "The Collection MUST have exactly 1 first page if there are any Annotations in the Collection." """
    if doc.get("total", 0) == 0:
        return []
    first = doc.get("first")
    return [] if isinstance(first, dict | str) else [repr(first)]


def _collection_label(doc: dict[str, Any]) -> list[str]:
    """§5.1 label (SHOULD be present): its values MUST be strings."""
    label = doc.get("label")
    return [] if label is not None and all(isinstance(v, str) for v in as_list(label)) else [repr(label)]


def _collection_last(doc: dict[str, Any]) -> list[str]:
    """§5.1 last: the last page, exactly 1 if present, given by its IRI (or embedded with its IRI)."""
    last = doc.get("last")
    ok = last is None or is_iri(last) or (isinstance(last, dict) and is_iri(last.get("id")))
    return [] if ok else [repr(last)]


def _page_part_of(doc: dict[str, Any]) -> list[str]:
    """§5.2 partOf: the Collection the page is part of, exactly 1 if present, by IRI (here, the collection's)."""
    part_of = doc.get("first", {}).get("partOf")
    ok = part_of is None or (is_iri(part_of) and part_of == doc.get("id"))
    return [] if ok else [repr(part_of)]


def _page_id(doc: dict[str, Any]) -> list[str]:
    """§5.2 "An Annotation Page MUST have exactly 1 IRI that identifies it." """
    first = doc.get("first", {})
    return [] if is_iri(first.get("id")) else [repr(first.get("id"))]


def _page_type(doc: dict[str, Any]) -> list[str]:
    """§5.2 "An Annotation Page MUST have AnnotationPage as one of its types." """
    types = as_list(doc.get("first", {}).get("type"))
    return [] if "AnnotationPage" in types else [repr(types)]


def _page_items(doc: dict[str, Any]) -> list[str]:
    """§5.2 "The Page MUST have exactly 1 items property", whose list "MUST have 1 or more" Annotations."""
    got = doc.get("first", {}).get("items")
    ok = isinstance(got, list) and len(got) >= 1 and all(isinstance(a, dict) for a in got)
    return [] if ok else ["items"]


def _page_next(doc: dict[str, Any]) -> list[str]:
    """§5.2 "The Page MUST have exactly 1 next reference if it is not the last page in the Collection." """
    first = doc.get("first", {})
    is_last = doc.get("last") == first.get("id")
    return [] if is_last or is_iri(first.get("next")) else ["next"]


def _page_start_index(doc: dict[str, Any]) -> list[str]:
    """§5.2 startIndex: "...the value MUST be an xsd:nonNegativeInteger." """
    first = doc.get("first", {})
    ok = "startIndex" not in first or is_non_negative_int(first["startIndex"])
    return [] if ok else [repr(first.get("startIndex"))]


def _annotation_id(doc: dict[str, Any]) -> list[str]:
    """§3.1 "An Annotation MUST have exactly 1 IRI that identifies it." (and no two share one)"""
    ids = [a.get("id") for a in items(doc)]
    bad = [repr(i) for i in ids if not is_iri(i)]
    return bad + sorted({str(i) for i in ids if ids.count(i) > 1})


def _annotation_type(doc: dict[str, Any]) -> list[str]:
    """§3.1 "An Annotation MUST have 1 or more types, and the Annotation class MUST be one of them." """
    return [str(a.get("id")) for a in items(doc) if "Annotation" not in as_list(a.get("type"))]


def _annotation_target(doc: dict[str, Any]) -> list[str]:
    """§3.1 "There MUST be 1 or more target relationships associated with an Annotation." """
    return [str(a.get("id")) for a in items(doc) if not as_list(a.get("target", []))]


RESOURCE_TYPES = {"SpecificResource", "TextualBody", "Choice", "Dataset", "Image", "Video", "Audio", "Text"}


def _bodies_and_targets_recognised(doc: dict[str, Any]) -> list[str]:
    """§3.2 Each body and target is a Web Resource (an IRI, or an object with its IRI) or one of the model's
    resource kinds (Specific Resource, Textual Body, Choice ...)."""
    out = []
    for a in items(doc):
        for r in [*as_list(a.get("target", [])), *as_list(a.get("body", []))]:
            known = isinstance(r, dict) and (is_iri(r.get("id")) or set(as_list(r.get("type"))) & RESOURCE_TYPES)
            if not (is_iri(r) or known):
                out.append(str(a.get("id")))
    return out


def _body_value_excludes_body(doc: dict[str, Any]) -> list[str]:
    """§3.2.5 "If there is a bodyValue property, then there MUST NOT be a body property." """
    return [str(a.get("id")) for a in items(doc) if "bodyValue" in a and "body" in a]


def _specific_resource_source(doc: dict[str, Any]) -> list[str]:
    """§4 "There MUST be exactly 1 source relationship associated with a Specific Resource", a Web Resource,
    which "MUST be identified by an IRI"."""
    out = []
    for a in items(doc):
        resources = [*as_list(a.get("target")), *bodies(a)]
        for r in resources:
            specific = isinstance(r, dict) and (r.get("type") == "SpecificResource" or "selector" in r)
            if specific and not is_iri(r.get("source")):
                out.append(str(a.get("id")))
    return out


def _textual_body_value(doc: dict[str, Any]) -> list[str]:
    """§3.2.4 "A Textual Body MUST have exactly 1 value property." (a string)"""
    return [
        str(a.get("id"))
        for a in items(doc)
        for b in bodies(a)
        if b.get("type") == "TextualBody" and not isinstance(b.get("value"), str)
    ]


def _quote_selector(doc: dict[str, Any]) -> list[str]:
    """§4.2.4 "Each TextQuoteSelector MUST have exactly 1 exact property" (prefix and suffix 0 or 1), and the
    selector MUST have the TextQuoteSelector class."""
    out = []
    for a in items(doc):
        quotes = selectors(a, "TextQuoteSelector")
        ok = len(quotes) == 1 and isinstance(quotes[0].get("exact"), str)
        ok = ok and all(isinstance(quotes[0].get(k, ""), str) for k in ("prefix", "suffix"))
        if not ok:
            out.append(str(a.get("id")))
    return out


def _position_selector(doc: dict[str, Any]) -> list[str]:
    """§4.2.5 "Each TextPositionSelector MUST have exactly 1 start property, and the value MUST be a
    non-negative integer" (and the same for end), with the TextPositionSelector class. The end is the
    exclusive end of the segment, so here end >= start as well."""
    out = []
    for a in items(doc):
        positions = selectors(a, "TextPositionSelector")
        ok = len(positions) == 1 and all(is_non_negative_int(positions[0].get(k)) for k in ("start", "end"))
        if not ok or positions[0]["end"] < positions[0]["start"]:
            out.append(str(a.get("id")))
    return out


def _code_points(doc: dict[str, Any]) -> list[str]:
    """§4.2.4/§4.2.5 "The selection of the text MUST be in terms of unicode code points ..., and MUST NOT be in
    terms of code units": the position selects the quote in the document's text, counted in code points."""
    out = []
    for a in items(doc):
        doc_id = str(as_list(a["target"])[0]["source"]).rsplit(":", 1)[-1]
        text = DOCUMENTS[doc_id]["text"] if doc_id in DOCUMENTS else ""
        (quote,), (position,) = selectors(a, "TextQuoteSelector"), selectors(a, "TextPositionSelector")
        if text[position["start"] : position["end"]] != quote["exact"]:
            out.append(str(a.get("id")))
    return out


def _created(doc: dict[str, Any]) -> list[str]:
    """§3.3.1 created: "The datetime MUST be expressed in the xsd:dateTime format, and SHOULD have a timezone
    specified." (checked with a timezone)."""
    out = []
    for a in items(doc):
        try:
            ok = dt.datetime.fromisoformat(str(a.get("created"))).tzinfo is not None
        except ValueError:
            ok = False
        if not ok:
            out.append(str(a.get("id")))
    return out


def _rights(doc: dict[str, Any]) -> list[str]:
    """§3.3.6 rights: the value "MUST be an IRI"."""
    return [str(a.get("id")) for a in items(doc) if "rights" in a and not all(map(is_iri, as_list(a["rights"])))]


def _motivations(doc: dict[str, Any]) -> list[str]:
    """§3.3.5 motivation and purpose values are instances of oa:Motivation (the vocabulary's thirteen)."""
    out = []
    for a in items(doc):
        used = as_list(a.get("motivation", [])) + [p for b in bodies(a) for p in as_list(b.get("purpose", []))]
        if not used or not set(used) <= MOTIVATIONS:
            out.append(str(a.get("id")))
    return out


Check = Callable[[dict[str, Any]], list[str]]


def _first_item(doc: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = doc["first"]["items"][0]
    return item


def _selector(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    return selectors(_first_item(doc), kind)[0]


#: (name, check, a change that breaks that one requirement)
REQUIREMENTS: list[tuple[str, Check, Callable[[dict[str, Any]], None]]] = [
    ("collection-context", _collection_context, lambda d: d.update({"@context": [webanno.CONTEXT]})),
    ("collection-id", _collection_id, lambda d: d.update({"id": "evidence collection"})),
    ("collection-type", _collection_type, lambda d: d.update({"type": "OrderedCollection"})),
    ("collection-total", _collection_total, lambda d: d.update({"total": -1})),
    ("collection-first", _collection_first, lambda d: d.pop("first")),
    ("collection-label", _collection_label, lambda d: d.update({"label": {"en": "evidence"}})),
    ("collection-last", _collection_last, lambda d: d.update({"last": 1})),
    ("page-partOf", _page_part_of, lambda d: d["first"].update({"partOf": "urn:x:another-collection"})),
    ("page-id", _page_id, lambda d: d["first"].pop("id")),
    ("page-type", _page_type, lambda d: d["first"].update({"type": "Page"})),
    ("page-items", _page_items, lambda d: d["first"].update({"items": []})),
    ("page-next", _page_next, lambda d: d.update({"last": "urn:x:page:2"})),
    ("page-startIndex", _page_start_index, lambda d: d["first"].update({"startIndex": "0"})),
    ("annotation-id", _annotation_id, lambda d: _first_item(d).update({"id": d["first"]["items"][1]["id"]})),
    ("annotation-type", _annotation_type, lambda d: _first_item(d).update({"type": ["Note"]})),
    ("annotation-target", _annotation_target, lambda d: _first_item(d).pop("target")),
    (
        "bodies-targets-recognised",
        _bodies_and_targets_recognised,
        lambda d: _first_item(d).update({"body": [{"value": "events"}]}),
    ),
    ("bodyValue-excludes-body", _body_value_excludes_body, lambda d: _first_item(d).update({"bodyValue": "x"})),
    ("specific-resource-source", _specific_resource_source, lambda d: _first_item(d)["target"].pop("source")),
    ("textual-body-value", _textual_body_value, lambda d: bodies(_first_item(d))[1].pop("value")),
    ("quote-selector-exact", _quote_selector, lambda d: _selector(d, "TextQuoteSelector").pop("exact")),
    ("position-selector-start-end", _position_selector, lambda d: _selector(d, "TextPositionSelector").update(end=-1)),
    (
        "position-selector-code-points",
        _code_points,
        lambda d: _selector(d, "TextPositionSelector").update(
            start=len(_selector(d, "TextQuoteSelector")["exact"].encode()) + 1000
        ),
    ),
    ("created-datetime", _created, lambda d: _first_item(d).update({"created": "28 November 2026"})),
    ("rights-iri", _rights, lambda d: _first_item(d).update({"rights": "CC BY 4.0"})),
    ("motivation-vocabulary", _motivations, lambda d: _first_item(d).update({"motivation": "supporting"})),
]
NAMES = [name for name, _, _ in REQUIREMENTS]


@pytest.mark.parametrize(("name", "check", "breaks"), REQUIREMENTS, ids=NAMES)
def test_web_annotation_requirement(
    collection: dict[str, Any], name: str, check: Check, breaks: Callable[[dict[str, Any]], None]
) -> None:
    assert check(collection) == [], name
    broken = copy.deepcopy(collection)
    breaks(broken)
    assert check(broken), f"{name}: the check does not see the broken copy"


def test_one_annotation_per_evidence_row_with_its_values(collection: dict[str, Any]) -> None:
    got = {}
    for a in items(collection):
        (quote,), (position,) = selectors(a, "TextQuoteSelector"), selectors(a, "TextPositionSelector")
        record, tag = bodies(a)
        table, record_id = record["source"].split(":")[-2:]
        got[a["id"].rsplit(":", 1)[-1]] = {
            "document_id": a["target"]["source"].rsplit(":", 1)[-1],
            "record_table": table,
            "record_id": record_id,
            "start": position["start"],
            "end": position["end"],
            "exact": quote["exact"],
            "prefix": quote["prefix"],
            "suffix": quote["suffix"],
            "tag": tag["value"],
        }
    assert len(got) == len(EVIDENCE) == collection["total"] > 0
    for evidence_id, ev in EVIDENCE_BY_ID.items():
        want = {k: ev[k] for k in ("document_id", "record_table", "record_id", "start", "end", "exact")}
        want |= {"prefix": ev["prefix"], "suffix": ev["suffix"], "tag": ev["record_table"]}
        assert got[evidence_id] == want, evidence_id
    assert [a["id"] for a in items(collection)] == sorted(webanno.annotation_iri(e) for e in EVIDENCE_BY_ID)


def test_created_is_the_release_date_not_the_clock(collection: dict[str, Any]) -> None:
    assert {a["created"] for a in items(collection)} == {DESCRIPTOR["created"]}
    assert webanno.collection(DOCUMENTS.values(), EVIDENCE, DESCRIPTOR) == collection


def test_offsets_are_code_points_not_utf8_bytes() -> None:
    """The article has non-ASCII characters (curly quotes, dashes, £, €) before some spans: there UTF-8 byte
    offsets differ from code points, so a selector in the wrong unit would not select its quote. (All its
    characters are in the Basic Multilingual Plane, so UTF-16 units would coincide with code points here.)"""
    shifted = []
    for ev in EVIDENCE:
        text = DOCUMENTS[ev["document_id"]]["text"]
        utf8_start = len(text[: ev["start"]].encode("utf-8"))
        if utf8_start != ev["start"]:
            shifted.append(ev["evidence_id"])
            assert text.encode("utf-8")[utf8_start : utf8_start + len(ev["exact"].encode())].decode() == ev["exact"]
            assert text[utf8_start : utf8_start + len(ev["exact"])] != ev["exact"]
    assert len(shifted) > 10


# --- read back by a real JSON-LD processor, offline ---------------------------------------------------------

OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
XSD_NNI = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


@pytest.fixture(scope="module")
def expanded(collection: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The collection flattened by PyLD into its nodes by @id; and every URL the loader was asked for."""
    asked: list[str] = []
    flat = jsonld.flatten(collection, None, {"documentLoader": offline_loader(asked)})
    nodes = {n["@id"]: n for n in flat}
    return nodes, asked


def offline_loader(asked: list[str]) -> Callable[..., dict[str, Any]]:
    """A PyLD document loader that serves the vendored context for its IRI and refuses every other URL."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))

    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        asked.append(url)
        if url != webanno.CONTEXT:
            raise RuntimeError(f"the test fetches nothing: {url}")
        return {"contextUrl": None, "documentUrl": url, "document": context, "contentType": "application/ld+json"}

    return loader


def _one(node: dict[str, Any], prop: str) -> Any:
    values = node.get(prop, [])
    assert len(values) == 1, (node.get("@id"), prop, values)
    return values[0]


def test_json_ld_processor_reads_the_oa_types_offline(
    expanded: tuple[dict[str, dict[str, Any]], list[str]], collection: dict[str, Any]
) -> None:
    nodes, asked = expanded
    assert set(asked) == {webanno.CONTEXT}
    typed = [(n["@id"], t) for n in nodes.values() for t in n.get("@type", [])]
    annotations = [i for i, t in typed if t == OA + "Annotation"]
    assert len(annotations) == len(EVIDENCE)
    assert [i for i, t in typed if t == AS + "OrderedCollection"] == [collection["id"]]
    assert [i for i, t in typed if t == AS + "OrderedCollectionPage"] == [collection["first"]["id"]]
    assert sum(t == OA + "TextQuoteSelector" for _, t in typed) == len(EVIDENCE)
    assert sum(t == OA + "TextPositionSelector" for _, t in typed) == len(EVIDENCE)
    assert sum(t == OA + "SpecificResource" for _, t in typed) == 2 * len(EVIDENCE)  # target and record body
    assert sum(t == OA + "TextualBody" for _, t in typed) == len(EVIDENCE)
    page = nodes[collection["first"]["id"]]
    ordered = _one(page, AS + "items")["@list"]
    assert [n["@id"] for n in ordered] == annotations == [a["id"] for a in items(collection)]
    assert _one(nodes[collection["id"]], AS + "totalItems") == {"@value": len(EVIDENCE), "@type": XSD_NNI}


def test_json_ld_every_position_selects_its_quote_in_the_article(
    expanded: tuple[dict[str, dict[str, Any]], list[str]],
) -> None:
    """From the RDF alone: the target's source, its oa:start/oa:end (xsd:nonNegativeInteger) and oa:exact;
    and the body's record. ``text[start:end]`` (code points) is the quote of every annotation."""
    nodes, _ = expanded
    seen = {}
    for node in nodes.values():
        if OA + "Annotation" not in node.get("@type", []):
            continue
        assert _one(node, OA + "motivatedBy") == {"@id": OA + "identifying"}
        target = nodes[_one(node, OA + "hasTarget")["@id"]]
        source = _one(target, OA + "hasSource")["@id"]
        found = {}
        for ref in target[OA + "hasSelector"]:
            sel = nodes[ref["@id"]]
            found[sel["@type"][0]] = sel
        position, quote = found[OA + "TextPositionSelector"], found[OA + "TextQuoteSelector"]
        start, end = (_one(position, OA + p) for p in ("start", "end"))
        assert start["@type"] == end["@type"] == XSD_NNI
        exact = _one(quote, OA + "exact")["@value"]
        text = DOCUMENTS[source.removeprefix(f"{webanno.URN}:document:")]["text"]
        assert text[int(start["@value"]) : int(end["@value"])] == exact, node["@id"]
        records = [nodes[b["@id"]] for b in node[OA + "hasBody"]]
        record = next(r for r in records if OA + "SpecificResource" in r["@type"])
        tag = next(r for r in records if OA + "TextualBody" in r["@type"])
        assert _one(record, OA + "hasPurpose") == {"@id": OA + "identifying"}
        assert _one(tag, OA + "hasPurpose") == {"@id": OA + "tagging"}
        seen[node["@id"]] = (_one(record, OA + "hasSource")["@id"], _one(tag, RDF_VALUE)["@value"], exact)
    assert seen == {
        webanno.annotation_iri(e["evidence_id"]): (
            webanno.record_iri(e["record_table"], e["record_id"]),
            e["record_table"],
            e["exact"],
        )
        for e in EVIDENCE
    }


def test_rdf_graph_of_the_file_selects_every_quote(collection: dict[str, Any]) -> None:
    """The same file as RDF: PyLD writes N-Quads (offline), rdflib parses them into a graph, and walking the
    graph from each oa:Annotation, its target's oa:start and oa:end (typed xsd:nonNegativeInteger) select its
    oa:exact in the article. (rdflib's SPARQL engine takes minutes on this join; the graph API does not.)"""
    asked: list[str] = []
    nquads = jsonld.to_rdf(collection, {"format": "application/n-quads", "documentLoader": offline_loader(asked)})
    graph = rdflib.Graph()
    graph.parse(data=nquads, format="nt")  # every quad is in the default graph: N-Triples lines
    oa = rdflib.Namespace(OA)
    answers = {}
    for annotation in graph.subjects(rdflib.RDF.type, oa.Annotation):
        assert graph.value(annotation, oa.motivatedBy) == oa.identifying
        target = graph.value(annotation, oa.hasTarget)
        selectors_ = {graph.value(s, rdflib.RDF.type): s for s in graph.objects(target, oa.hasSelector)}
        position, quote = selectors_[oa.TextPositionSelector], selectors_[oa.TextQuoteSelector]
        start, end = graph.value(position, oa.start), graph.value(position, oa.end)
        assert isinstance(start, rdflib.Literal) and isinstance(end, rdflib.Literal)
        assert start.datatype == end.datatype == rdflib.XSD.nonNegativeInteger
        exact = str(graph.value(quote, oa.exact))
        source = str(graph.value(target, oa.hasSource))
        text = DOCUMENTS[source.removeprefix(f"{webanno.URN}:document:")]["text"]
        assert text[int(start) : int(end)] == exact, annotation
        (record,) = (
            b for b in graph.objects(annotation, oa.hasBody) if (b, rdflib.RDF.type, oa.SpecificResource) in graph
        )
        assert graph.value(record, oa.hasPurpose) == oa.identifying
        answers[str(annotation)] = (str(graph.value(record, oa.hasSource)), int(start), int(end))
    want = {
        webanno.annotation_iri(e["evidence_id"]): (
            webanno.record_iri(e["record_table"], e["record_id"]),
            e["start"],
            e["end"],
        )
        for e in EVIDENCE
    }
    assert answers == want
    assert set(asked) == {webanno.CONTEXT}


def test_every_term_used_is_defined_by_the_context(collection: dict[str, Any]) -> None:
    """A JSON-LD processor silently drops keys its context does not define: none of ours is dropped."""
    terms = set(json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"])
    used: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            used.update(k for k in value if not k.startswith("@"))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(collection)
    assert used and used <= terms, used - terms
    values = {v for a in items(collection) for v in ("Annotation", a["motivation"])}
    assert values <= terms


def test_vendored_context_is_the_w3c_file_with_its_licence() -> None:
    readme = (CONTEXT_FILE.parent / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(CONTEXT_FILE.read_bytes()).hexdigest()
    assert digest in readme
    assert "W3C Software and Document" in readme and "copyright-software-and-document" in readme
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert context["oa"] == OA and context["TextPositionSelector"] == "oa:TextPositionSelector"
    assert context["start"] == {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"}


# --- brat standoff, read back with bioc's brat reader -------------------------------------------------------


def brat_document(doc_id: str) -> bioc.brat.BratDocument:
    folder = EXPORT / "brat"
    text = (folder / f"{doc_id}.txt").read_bytes().decode("utf-8")  # as brat reads it: no newline translation
    document: bioc.brat.BratDocument = bioc.brat.loads(text, (folder / f"{doc_id}.ann").read_text("utf-8"), doc_id)
    return document


def conf_section(name: str, section: str) -> list[str]:
    lines = (EXPORT / "brat" / name).read_text(encoding="utf-8").splitlines()
    start = lines.index(f"[{section}]") + 1
    body = []
    for line in lines[start:]:
        if line.startswith("["):
            break
        if line.strip() and not line.startswith("#"):
            body.append(line)
    return body


def test_brat_txt_is_the_captured_article_so_offsets_are_ours() -> None:
    for doc_id, document in DOCUMENTS.items():
        data = (EXPORT / "brat" / f"{doc_id}.txt").read_bytes()
        assert data == document["text"].encode("utf-8")
        assert hashlib.sha256(data).hexdigest() == document["text_sha256"]
        captured = ROOT / "sources" / document["source_file"]
        if captured.is_file():  # in a checkout; the wheel ships the package without sources/
            assert data == captured.read_bytes()


def test_bioc_reads_every_evidence_span_back() -> None:
    for doc_id in DOCUMENTS:
        document = brat_document(doc_id)
        bioc.brat.validator.validate(document)  # raises unless each entity's text is its spans' text
        notes = {n.refid: dict(kv.split("=", 1) for kv in n.text.split()) for n in document.notes}
        got = {}
        for entity in document.entities:
            (span,) = sorted(entity.locations)
            note = notes[entity.id]
            got[note["evidence_id"]] = (entity.type, span.begin, span.end, entity.text, note["record_id"])
            assert note.get("sentence_id") == EVIDENCE_BY_ID[note["evidence_id"]]["sentence_id"]
        want = {
            e["evidence_id"]: (brat.entity_type(e["record_table"]), e["start"], e["end"], e["exact"], e["record_id"])
            for e in EVIDENCE
            if e["document_id"] == doc_id
        }
        assert got == want and len(document.entities) == len(document.notes) == len(want) > 0


def test_brat_types_are_declared_and_overlaps_allowed() -> None:
    for name in ("annotation.conf", "visual.conf"):
        (EXPORT / "brat" / name).read_bytes().decode("ascii")  # plain ASCII, whatever brat version reads it
    entities = conf_section("annotation.conf", "entities")
    assert entities == sorted({brat.entity_type(e["record_table"]) for e in EVIDENCE})
    assert set(entities) >= {"Event", "Actor", "Location", "Claim"}
    assert conf_section("annotation.conf", "relations") == ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"]
    assert [line.split(" | ")[0] for line in conf_section("visual.conf", "labels")] == entities
    assert [line.split("\t")[0] for line in conf_section("visual.conf", "drawing")] == entities
    # Why the overlap rule: spans of the published evidence do coincide and cross.
    spans = sorted((e["start"], e["end"]) for e in EVIDENCE)
    assert any(a[1] > b[0] for a, b in itertools.pairwise(spans))


def test_no_published_span_crosses_a_line_break() -> None:
    """Checked, not assumed: so every published brat annotation is one fragment (the case is still handled)."""
    assert not [e["evidence_id"] for e in EVIDENCE if any(c.splitlines() != [c] for c in e["exact"])]
    ann = (EXPORT / "brat" / f"{next(iter(DOCUMENTS))}.ann").read_text(encoding="utf-8")
    assert ";" not in "".join(line.split("\t")[1] for line in ann.splitlines())


def _synthetic(text: str, spans: list[tuple[int, int]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    docs = [{"document_id": "doc-t", "text": text}]
    evidence = [
        {
            "evidence_id": f"evd-evt-t-{i}",
            "document_id": "doc-t",
            "record_table": "events",
            "record_id": "evt-t",
            "start": s,
            "end": e,
            "exact": text[s:e],
            "prefix": text[max(0, s - QUOTE_CONTEXT) : s],
            "suffix": text[e : e + QUOTE_CONTEXT],
            "sentence_id": None,
        }
        for i, (s, e) in enumerate(spans, start=1)
    ]
    return docs, evidence


@pytest.mark.parametrize(
    ("text", "span", "fragments"),
    [
        ("Police fled.\nMobs stormed in.", (7, 17), [(7, 12), (13, 17)]),
        ("one\r\ntwo", (0, 8), [(0, 3), (5, 8)]),
        ("a\n\nb c", (0, 6), [(0, 1), (3, 6)]),
        ("first\u2028second", (2, 9), [(2, 5), (6, 9)]),
        ("no break here", (3, 8), [(3, 8)]),
    ],
    ids=["newline", "crlf", "blank-line", "line-separator", "one-line"],
)
def test_spans_across_line_breaks_become_discontinuous_fragments(
    tmp_path: Path, text: str, span: tuple[int, int], fragments: list[tuple[int, int]]
) -> None:
    docs, evidence = _synthetic(text, [span])
    brat.write(tmp_path, docs, evidence, {})
    ann = (tmp_path / "doc-t.ann").read_text(encoding="utf-8")
    assert len(ann.splitlines()) == 2  # one T line and its note: no line broken by the span's text
    document = bioc.brat.loads((tmp_path / "doc-t.txt").read_bytes().decode("utf-8"), ann)
    (entity,) = document.entities
    assert sorted((i.begin, i.end) for i in entity.locations) == fragments
    # brat's own reader checks the text against the fragments' texts joined by one space (DISCONT_SEP).
    assert entity.text == " ".join(text[s:e] for s, e in fragments)
    assert (tmp_path / "doc-t.txt").read_bytes() == text.encode("utf-8")


def test_a_span_of_line_breaks_only_is_refused(tmp_path: Path) -> None:
    docs, evidence = _synthetic("a\n\nb", [(1, 3)])
    with pytest.raises(ExportError, match="only line breaks"):
        brat.write(tmp_path, docs, evidence, {})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"exact": "not the text"}, "is not its exact quote"),
        ({"end": 10_000}, "is not a range"),
        ({"start": 5, "end": 2}, "is not a range"),
        ({"document_id": "doc-other"}, "unknown document"),
    ],
    ids=["wrong-quote", "past-the-end", "reversed", "unknown-document"],
)
def test_inconsistent_evidence_is_not_exported(change: dict[str, Any], message: str) -> None:
    docs, evidence = _synthetic("Police fled the capital.", [(0, 6)])
    evidence[0].update(change)
    with pytest.raises(ExportError, match=message):
        by_document(docs, evidence)


# --- in the package: descriptor, validator, build -----------------------------------------------------------


def test_descriptor_lists_every_export_file_with_bytes_and_hash() -> None:
    exports = [r for r in DESCRIPTOR["resources"] if r.get("type") != "table"]
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in EXPORT.rglob("*") if p.is_file())
    assert sorted(r["path"] for r in exports) == on_disk and len(on_disk) == 5
    for r in exports:
        data = (ROOT / r["path"]).read_bytes()
        assert r["bytes"] == len(data) and r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert "type" not in r and "schema" not in r and r["name"].startswith("export-")
    assert {r["format"]: r["mediatype"] for r in exports} == {
        "jsonld": "application/ld+json",
        "conf": "text/plain",
        "txt": "text/plain",
        "ann": "text/plain",
    }
    names = [r["name"] for r in DESCRIPTOR["resources"]]
    assert len(names) == len(set(names))


def _copy_package(tmp_path: Path) -> Path:
    copy_ = tmp_path / "package"
    shutil.copytree(ROOT, copy_)  # every published file: datapackage.json lists the others (x-files)
    return copy_


def test_validator_accepts_the_exports_and_checks_their_integrity(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    report = validate(package)
    assert report.valid, report.to_text()
    ann = package / "export" / "brat" / f"{next(iter(DOCUMENTS))}.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("Event", "EVENT", 1), encoding="utf-8")  # same size
    (package / "export" / "webanno" / "evidence.jsonld").unlink()
    report = validate(package)
    found = {(f.rule, f.file, f.field) for f in report.findings}
    rel = ann.relative_to(package).as_posix()
    assert found == {
        ("package.file_integrity", rel, "hash"),
        ("package.file_integrity", "export/webanno/evidence.jsonld", "path"),
    }
    assert report.exit_code == 1


def test_build_publishes_nothing_when_the_evidence_cannot_be_exported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_build import copy_dataset

    from kyrgyz_events import build as build_module

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ExportError("evidence evd-x: text[0:5] is not its exact quote")

    monkeypatch.setattr(build_module, "write_exports", refuse)
    root = copy_dataset(tmp_path, with_outputs=False)
    report = build_module.build(root)
    assert not report.valid
    assert [f.rule for f in report.findings] == ["provenance.exact"]
    assert "cannot be exported" in report.findings[0].message
    assert not any((root / name).exists() for name in build_module.OUTPUTS)


def test_load_does_not_import_the_exports_or_their_readers() -> None:
    code = (
        "import sys, kyrgyz_events; kyrgyz_events.load('evidence', backend='pyarrow'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyld', 'bioc') "
        "or m.startswith('kyrgyz_events.export')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"


# --- the library call and the CLI ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_the_files_the_package_ships(tmp_path: Path, fmt: str) -> None:
    written = export(ROOT, fmt, tmp_path / fmt)
    shipped = sorted(p.name for p in (EXPORT / fmt).iterdir())
    assert sorted(p.name for p in written) == shipped
    for p in written:
        assert p.read_bytes() == (EXPORT / fmt / p.name).read_bytes(), p.name


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["export", str(ROOT), "--format", fmt, "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (EXPORT / fmt).iterdir())
    assert "wrote" in capsys.readouterr().out


def test_cli_formats_are_the_library_formats() -> None:
    assert CLI_FORMATS == FORMATS


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", "export", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    no_evidence = tmp_path / "no-evidence"
    no_evidence.mkdir()
    (no_evidence / "datapackage.json").write_text(json.dumps({"resources": []}), encoding="utf-8")
    cases = {
        "missing package": (_cli(str(tmp_path / "nope"), "--format", "brat", "--out", str(tmp_path / "o")), 2),
        "not a package": (_cli(str(no_evidence), "--format", "brat", "--out", str(tmp_path / "o")), 2),
        "unknown format": (_cli("--format", "conll", "--out", str(tmp_path / "o")), 2),
        "unwritable out": (_cli("--format", "webanno", "--out", str(blocker / "sub")), 2),
    }
    for what, (done, code) in cases.items():
        assert done.returncode == code, (what, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and "error:" in done.stderr, (what, done.stderr)
    assert "invalid choice: 'conll'" in cases["unknown format"][0].stderr
    assert "no Parquet resource 'documents'" in cases["not a package"][0].stderr
    assert not (tmp_path / "o").exists()


def test_cli_exit_code_1_when_the_evidence_does_not_quote_its_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _copy_package(tmp_path)
    table = pq.read_table(package / "data" / "evidence.parquet")
    exact = table.column("exact").to_pylist()
    exact[0] = exact[0] + "!"
    changed = table.set_column(table.schema.get_field_index("exact"), "exact", [exact])
    pq.write_table(changed, package / "data" / "evidence.parquet")
    assert main(["export", str(package), "--format", "brat", "--out", str(tmp_path / "out")]) == 1
    assert "is not its exact quote" in capsys.readouterr().err


def test_the_released_1_0_0_package_exports_too(tmp_path: Path) -> None:
    """A package of schema 1.0.0 (no evidence.sentence_id) exports the same way."""
    from kyrgyz_events.paths import dataset_folder

    folder = dataset_folder()
    assert folder is not None, "the 1.0.0 release is kept in the checkout, where this suite runs"
    release = folder / "releases" / "1.0.0"
    assert release.is_dir()
    (written,) = export(release, "webanno", tmp_path)
    doc = json.loads(written.read_text(encoding="utf-8"))
    assert doc["total"] == pq.read_metadata(release / "data" / "evidence.parquet").num_rows > 0
    assert {name: check(doc) for name, check, _ in REQUIREMENTS} == {name: [] for name in NAMES}


def test_read_package_gives_the_tables_and_metadata() -> None:
    got, metadata = read_package(ROOT)
    assert got["evidence"] == EVIDENCE and list(DOCUMENTS.values()) == got["documents"]
    assert metadata["created"] == DESCRIPTOR["created"] and "resources" not in metadata
