"""The Croissant 1.1 (MLCommons) description of a written package: what its ``croissant.json`` holds.

One ``cr:FileObject`` per Parquet file (relative ``contentUrl``, sha256 of the bytes), one per non-tabular file
of the descriptor (the exports under ``export/``: no record set reads them), and one ``cr:RecordSet``
per table whose fields read that file's columns, with the primary key as ``key`` and each foreign-key column
pointing at the column it references (``references``). The columns come from the table contracts of the
package's schema version, so the document says the same as ``datapackage.json`` and the Parquet schema.

The document is plain JSON-LD built here (no mlcroissant at build time); ``mlcroissant validate`` and
``mlcroissant.Dataset(...).records(...)`` check and read it in the tests, offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyrgyz_events.contracts.spec import Column, TableSpec, load_specs
from kyrgyz_events.package_io.files import file_digest
from kyrgyz_events.package_io.release import PARQUET_MEDIATYPE

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
#: Mime types of a Parquet file: the IANA-registered one, and the one Croissant readers recognise.
PARQUET_FORMATS = [PARQUET_MEDIATYPE, "application/x-parquet"]

DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
}

CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileObject": "cr:fileObject",
    "fileProperty": "cr:fileProperty",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def file_id(table: str) -> str:
    """The ``@id`` of a table's Parquet FileObject."""
    return f"{table}-parquet"


def field_id(table: str, column: str) -> str:
    """The ``@id`` of a table's column in its RecordSet."""
    return f"{table}/{column}"


def file_object(table: str, root: Path) -> dict[str, Any]:
    rel = f"data/{table}.parquet"
    size, digest = file_digest(root / rel)
    return {
        "@type": "cr:FileObject",
        "@id": file_id(table),
        "name": f"{table}.parquet",
        "description": f"The {table} table as Parquet.",
        "contentUrl": rel,
        "contentSize": f"{size} B",
        "encodingFormat": PARQUET_FORMATS,
        "sha256": digest.removeprefix("sha256:"),
    }


def export_file_object(res: dict[str, Any], root: Path) -> dict[str, Any]:
    """The FileObject of a non-tabular resource of the descriptor (an export file)."""
    size, digest = file_digest(root / res["path"])
    return {
        "@type": "cr:FileObject",
        "@id": res["name"],
        "name": res["path"].rsplit("/", 1)[-1],
        "description": res.get("description", res["name"]),
        "contentUrl": res["path"],
        "contentSize": f"{size} B",
        "encodingFormat": res["mediatype"],
        "sha256": digest.removeprefix("sha256:"),
    }


def field(spec: TableSpec, column: Column) -> dict[str, Any]:
    kind = (column.item_kind or "string") if column.kind == "list" else column.kind
    node: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": field_id(spec.name, column.name),
        "name": column.name,
        "description": column.description,
        "dataType": DATA_TYPES[kind],
        "source": {"fileObject": {"@id": file_id(spec.name)}, "extract": {"column": column.name}},
    }
    if column.kind == "list":
        node["isArray"] = True
        node["arrayShape"] = "-1"
    for fk in spec.foreign_keys:
        if column.name in fk.fields and fk.table != spec.name:
            ref = fk.ref_fields[fk.fields.index(column.name)]
            node["references"] = {"field": {"@id": field_id(fk.table, ref)}}
    return node


def record_set(spec: TableSpec) -> dict[str, Any]:
    keys = [{"@id": field_id(spec.name, k)} for k in spec.primary_key]
    return {
        "@type": "cr:RecordSet",
        "@id": spec.name,
        "name": spec.name,
        "description": spec.description,
        "key": keys[0] if len(keys) == 1 else keys,
        "field": [field(spec, c) for c in spec.columns],
    }


def _creator(contributor: dict[str, Any]) -> dict[str, Any]:
    person = "givenName" in contributor or "familyName" in contributor
    node: dict[str, Any] = {"@type": "sc:Person" if person else "sc:Organization", "name": contributor["title"]}
    if "path" in contributor:
        node["url"] = contributor["path"]
    if "email" in contributor:
        node["email"] = contributor["email"]
    return node


def cite_as(descriptor: dict[str, Any]) -> str:
    """A BibTeX entry for the package (``citeAs``), from the descriptor's title, version and contributors."""
    authors = " and ".join(c["title"] for c in descriptor.get("contributors", []) if "title" in c)
    lines = [f"@misc{{{descriptor['name']}_{descriptor['version'].replace('.', '_')},"]
    lines.append(f"  title = {{{descriptor.get('title', descriptor['name'])}}},")
    if authors:
        lines.append(f"  author = {{{authors}}},")
    lines.append(f"  version = {{{descriptor['version']}}},")
    if "homepage" in descriptor:
        lines.append(f"  url = {{{descriptor['homepage']}}},")
    lines.append("}")
    return "\n".join(lines)


def croissant(descriptor: dict[str, Any], root: Path) -> dict[str, Any]:
    """The Croissant 1.1 document of the package in ``root`` described by ``descriptor`` (datapackage.json).

    Deterministic: only the descriptor, the table contracts of its ``x-schemaVersion`` and the bytes of the
    Parquet files go in; no dates or library versions are added.
    """
    specs = load_specs(descriptor["x-schemaVersion"])
    tables = [r["name"] for r in descriptor["resources"] if r.get("format") == "parquet"]
    files = [r for r in descriptor["resources"] if r.get("type") != "table"]
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": descriptor["name"],
        "description": descriptor.get("description", descriptor.get("title", descriptor["name"])),
        "version": descriptor["version"],
        "license": [lic["path"] for lic in descriptor.get("licenses", []) if "path" in lic],
        "citeAs": descriptor.get("x-citation", cite_as(descriptor)),
    }
    if "title" in descriptor:
        doc["alternateName"] = descriptor["title"]
    if "homepage" in descriptor:
        doc["url"] = descriptor["homepage"]
    if "created" in descriptor:
        doc["datePublished"] = descriptor["created"]
    if "keywords" in descriptor:
        doc["keywords"] = descriptor["keywords"]
    if "languages" in descriptor:
        doc["inLanguage"] = descriptor["languages"]
    if descriptor.get("contributors"):
        doc["creator"] = [_creator(c) for c in descriptor["contributors"] if "title" in c]
    if descriptor.get("sources"):
        doc["isBasedOn"] = [s["path"] for s in descriptor["sources"] if "path" in s]
    doc["distribution"] = [file_object(t, root) for t in tables] + [export_file_object(r, root) for r in files]
    doc["recordSet"] = [record_set(specs[t]) for t in tables]
    return doc
