"""The crosswalk page: the ACLED, UCDP GED and PLOVER views, generated from their models, the precision
codes (``kyrgyz_events.scheme_views``) and the scheme rules (``kyrgyz_events.rules.scheme``)."""

from __future__ import annotations

from kyrgyz_events.models.scheme_tables import SCHEME_TABLES
from kyrgyz_events.scheme_views import (
    ACLED_GEO_PRECISION,
    ACLED_TIME_PRECISION,
    DERIVED_COLUMNS,
    PLOVER_GEO_PRECISION,
    UCDP_DATE_PREC,
    UCDP_WHERE_PREC,
)

_DATES = ("day", "days", "week", "month", "year", "unknown")
_PLACES = ("site", "settlement", "subregion", "region", "country")


def _code(codes: dict[str, int], key: str) -> str:
    return str(codes[key]) if key in codes else "not coded"


def crosswalk_markdown(banner: str) -> str:
    from kyrgyz_events.rules import RULES

    out = ["# The article in ACLED, UCDP GED and PLOVER terms", "", f"<!-- {banner} -->", ""]
    out += [
        "Since schema 2.0.0 the scheme codes are not a lookup from `event_type`: a coder judges, per event, "
        "whether and how each scheme codes it, from the text and the scheme's own codebook, and a second, "
        "independent coder's disagreements are adjudicated (`dataset/review/`). The package publishes each "
        "scheme's own view of the article as a table: `acled_events` (ACLED Codebook; several of our events "
        "merge into one ACLED event, listed in `event_ids`), `ucdp_events` (UCDP GED Codebook; low and high "
        "from the attributed claims) and `plover_events` (PLOVER manual, draft 0.8; one record per coded event, "
        "its JSON fields as columns). An event a scheme does not code has no row there; the data card lists "
        "why, event by event.",
        "",
    ]
    for model in SCHEME_TABLES:
        derived = set(DERIVED_COLUMNS[model.table])
        out += [f"## `{model.table}`", "", " ".join((model.__doc__ or "").split()), ""]
        out += ["| column | filled by | meaning |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            how = "build (derived)" if name in derived else "coder (annotated)"
            text = (field.description or "").replace("|", "\\|").replace("\n", " ")
            out.append(f"| `{name}` | {how} | {text} |")
        out.append("")
    out += ["## The rules a coding keeps", "", "Checked by `kyrgyz-events validate` on every package:", ""]
    out += [f"- `{r.name}`: {r.description}" for r in RULES.values() if r.scope == "scheme"]
    out += [f"- `{RULES['cross.scheme_derivation'].name}`: {RULES['cross.scheme_derivation'].description}", ""]
    out += ["## Date precision", "", "| date_precision | ACLED time_precision | UCDP date_prec |", "|---|---|---|"]
    out += [f"| `{k}` | {_code(ACLED_TIME_PRECISION, k)} | {_code(UCDP_DATE_PREC, k)} |" for k in _DATES]
    out += ["", "## Geographic precision", ""]
    out += ["| geo_precision | ACLED geo_precision | UCDP where_prec | PLOVER geo precision |", "|---|---|---|---|"]
    out += [
        f"| `{k}` | {_code(ACLED_GEO_PRECISION, k)} | {_code(UCDP_WHERE_PREC, k)} | {_code(PLOVER_GEO_PRECISION, k)} |"
        for k in _PLACES
    ]
    return "\n".join(out) + "\n"
