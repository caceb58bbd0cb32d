"""The crosswalk page: our event types and precision codes against ACLED, UCDP GED and PLOVER."""

from __future__ import annotations

from kyrgyz_events.models.crosswalk import EVENT_TYPE_CROSSWALK

# Precision levels: ours -> (ACLED, UCDP GED, PLOVER). The codes are those of each reference's codebook.
DATE_PRECISION = {
    "day": ("time_precision 1", "date_prec 1", "day"),
    "days": ("time_precision 2", "date_prec 2", "day range"),
    "week": ("time_precision 2", "date_prec 2", "week"),
    "month": ("time_precision 3", "date_prec 3", "month"),
    "year": ("not coded", "date_prec 5", "year"),
    "unknown": ("not coded", "not coded", "not coded"),
}
GEO_PRECISION = {
    "site": ("geo_precision 1", "where_prec 1", "resolution 5 (sub-city)"),
    "settlement": ("geo_precision 1", "where_prec 2", "resolution 4 (city)"),
    "subregion": ("geo_precision 2", "where_prec 3", "resolution 3"),
    "region": ("geo_precision 3", "where_prec 4", "resolution 2 (region)"),
    "country": ("not coded", "where_prec 6", "resolution 1 (country)"),
}


def crosswalk_markdown(banner: str) -> str:
    out = ["# Crosswalk to ACLED, UCDP GED and PLOVER", "", f"<!-- {banner} -->", ""]
    out += [
        "The build fills `events.acled_event_type`, `acled_sub_event_type` and `plover_event_type` from "
        "`event_type` with this table (`src/kyrgyz_events/models/crosswalk.py`). A dash means the reference "
        "has no category for it.",
        "",
        "| event_type | ACLED event type | ACLED sub-event type | PLOVER event type |",
        "|---|---|---|---|",
    ]
    for et, (a, s, p) in EVENT_TYPE_CROSSWALK.items():
        out.append(f"| `{et.value}` | {a.value if a else '–'} | {s.value if s else '–'} | {p.value if p else '–'} |")
    out += ["", "## Date precision", "", "| date_precision | ACLED | UCDP GED | PLOVER |", "|---|---|---|---|"]
    out += [f"| `{k}` | {a} | {u} | {p} |" for k, (a, u, p) in DATE_PRECISION.items()]
    out += ["", "## Geographic precision", "", "| geo_precision | ACLED | UCDP GED | PLOVER |", "|---|---|---|---|"]
    out += [f"| `{k}` | {a} | {u} | {p} |" for k, (a, u, p) in GEO_PRECISION.items()]
    return "\n".join(out) + "\n"
