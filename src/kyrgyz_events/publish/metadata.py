"""The package-level metadata of the published dataset (``datapackage.json`` top level)."""

from __future__ import annotations

from typing import Any

from kyrgyz_events._version import DATASET_VERSION

#: The dataset release's date (Data Package `created`), fixed so that rebuilds are byte-identical.
RELEASE_CREATED = "2026-11-28T00:00:00Z"
ARTICLE_TITLE = "President flees as gangs go on the rampage in Kyrgyzstan"


def package_metadata(published_date: str | None = None) -> dict[str, Any]:
    """Name, title, version, licences, sources and contributors of the kyrgyz-events package."""
    return {
        "name": "kyrgyz-events",
        "title": "kyrgyz-events: the April 2010 uprising in Kyrgyzstan, text-anchored",
        "description": (
            "Events, actors, locations and attributed, conflicting claims of the April 2010 uprising in "
            "Kyrgyzstan, hand-annotated from one news article, every record tied to the exact characters "
            "that support it (W3C Web Annotation selectors, code-point offsets)."
        ),
        "version": DATASET_VERSION,
        "created": RELEASE_CREATED,
        "homepage": "https://github.com/kyrgyz-events/kyrgyz-events",
        "keywords": ["event data", "Kyrgyzstan", "2010", "protest", "claims", "text annotation"],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (the annotations; not the article text)",
            }
        ],
        "sources": [
            {
                "title": f'The Independent: "{ARTICLE_TITLE}"' + (f" ({published_date})" if published_date else ""),
                "description": "The article as captured from the web (dataset/sources/000_5188a25246f5e958.txt). "
                "Its text is © The Independent and is included only so that every record can be checked "
                "against its source; it is not covered by the annotations' licence.",
            }
        ],
        "contributors": [{"title": "kyrgyz-events contributors", "roles": ["creator"]}],
    }
