"""Render a :class:`~kyrgyz_events.view.data.ViewData` as one static HTML page (``index.html``).

Everything is rendered here, in Python: the article with its spans (:mod:`kyrgyz_events.view.layout`),
every record's card, the conflict ranges, the timeline and the sentence table. The page's script
(``static/view.js``) only shows, hides and moves what is already there, and never builds markup from data,
so every piece of package text goes through :func:`esc` exactly once. The output depends on the package
alone: no dates, no random ids, every list sorted.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from kyrgyz_events.ranges import claim_text, estimate_text
from kyrgyz_events.view.data import RECORD_TABLES, Row, ViewData
from kyrgyz_events.view.layout import Span, assign_layers, assign_levels, escape_text, render_layer

#: How each record table is named on the page.
TABLE_LABEL = {"events": "event", "actors": "actor", "locations": "place", "claims": "claim"}

#: The page's Content Security Policy: its own files only, no request to anywhere else.
CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self'"

#: At most this many items in one list of a card (a synthetic actor takes part in hundreds of events).
MAX_LIST = 25

#: At most this many quantity groups in the conflict view, and events in the timeline.
MAX_GROUPS = 200
MAX_TIMELINE = 1000


def esc(value: Any) -> str:
    """Any value as escaped HTML text (None as an empty string)."""
    return "" if value is None else escape_text(str(value))


def attr(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True).replace("\r", "&#13;")


def short(text: str, n: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Page:
    """Keys and labels shared by every part of the page."""

    def __init__(self, data: ViewData) -> None:
        self.data = data
        self.key: dict[tuple[str, str], str] = {}
        for table in RECORD_TABLES:
            for rid in data.records[table]:
                self.key[(table, rid)] = f"r{len(self.key)}"
        self.ev_key = {str(e["evidence_id"]): f"e{n}" for n, e in enumerate(data.evidence)}
        self.evidence_of: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for e in data.evidence:
            self.evidence_of[(str(e["record_table"]), str(e["record_id"]))].append(e)
        self.events = data.records["events"]
        self.actors = data.records["actors"]
        self.locations = data.records["locations"]
        self.claims = data.records["claims"]

    def label(self, table: str, rid: str) -> str:
        row = self.data.records[table].get(rid)
        if row is None:
            return rid
        if table == "events":
            return str(row["summary"])
        if table == "claims":
            return str(row["statement"])
        return str(row["name"])

    def rec(self, table: str, rid: str | None, text: str | None = None) -> str:
        """A button that opens a record's card (plain text when the record is not on the page)."""
        if not rid:
            return '<span class="none">—</span>'
        label = short(text if text is not None else self.label(table, rid))
        key = self.key.get((table, rid))
        if key is None:
            return f'<span class="missing" title="not on this page">{esc(label)} <code>{esc(rid)}</code></span>'
        return f'<button type="button" class="rec t-{table}" data-r="{key}" data-id="{attr(rid)}">{esc(label)}</button>'

    def event_type(self, table: str, row: Row) -> str:
        if table == "events":
            return str(row["event_type"])
        if table == "claims" and row.get("event_id") in self.events:
            return str(self.events[str(row["event_id"])]["event_type"])
        return ""

    def filter_attrs(self, table: str, row: Row) -> str:
        fact = row.get("factuality") if table in ("events", "claims") else None
        return f' data-t="{table}" data-et="{attr(self.event_type(table, row))}" data-f="{attr(fact or "")}"'


# ----------------------------------------------------------------------------------------------------
# The article


def document_section(page: Page, doc: Row) -> str:
    text = str(doc["text"])
    evidence = [e for e in page.data.evidence if e["document_id"] == doc["document_id"]]
    lo = min([int(doc.get("body_start") or 0), *(int(e["start"]) for e in evidence)])
    body_end = doc.get("body_end")
    hi = max([len(text) if body_end is None else int(body_end), *(int(e["end"]) for e in evidence)])
    spans: list[Span] = []
    keys: list[str] = []
    for e in evidence:
        table, rid = str(e["record_table"]), str(e["record_id"])
        row = page.data.records.get(table, {}).get(rid, {})
        keys.append(page.ev_key[str(e["evidence_id"])])
        attrs = (
            f' class="ev t-{table}" tabindex="0" data-e="{keys[-1]}" data-r="{page.key.get((table, rid), "")}"'
            f' data-id="{attr(rid)}" data-eid="{attr(e["evidence_id"])}"{page.filter_attrs(table, row)}'
        )
        spans.append(Span(int(e["start"]), int(e["end"]), attrs))
    layers = assign_layers(spans)
    levels = assign_levels(spans)
    # overlaps: the other spans each span shares characters with, for the hover label and the card
    by_start = sorted(range(len(spans)), key=lambda i: (spans[i].start, spans[i].end))
    overlaps: dict[int, list[int]] = defaultdict(list)
    for a_pos, a in enumerate(by_start):
        for b in by_start[a_pos + 1 :]:
            if spans[b].start >= spans[a].end:
                break
            overlaps[a].append(b)
            overlaps[b].append(a)
    spans = [
        Span(
            s.start,
            s.end,
            f'{s.attrs} data-lv="{lv}" style="--lv:{lv}" data-with="{" ".join(keys[j] for j in sorted(overlaps[i]))}"',
        )
        for i, (s, lv) in enumerate(zip(spans, levels, strict=True))
    ]
    n_layers = max(layers, default=0) + 1
    parts = []
    for n in range(n_layers):
        own = [s for s, layer in zip(spans, layers, strict=True) if layer == n]
        cls = "layer base" if n == 0 else "layer over"
        parts.append(f'<div class="{cls}" data-layer="{n}">{render_layer(text, lo, hi, own)}</div>')
    levels_max = max(levels, default=0) + 1
    layers_note = (
        f" in {n_layers} layers (spans that cross others are drawn on stacked copies of the text)"
        if n_layers > 1
        else ""
    )
    title = esc(doc.get("title") or doc["document_id"])
    meta = " · ".join(
        esc(v) for v in (doc.get("publisher"), doc.get("published_date"), doc.get("document_id")) if v is not None
    )
    return (
        f'<section class="doc" data-doc="{attr(doc["document_id"])}">'
        f'<h2 class="doc-title">{title}</h2><p class="doc-meta">{meta} · {len(spans)} evidence spans'
        f"{layers_note} · characters {lo}..{hi}</p>"
        f'<div class="text" style="--levels:{levels_max}">{"".join(parts)}</div></section>'
    )


# ----------------------------------------------------------------------------------------------------
# Record cards


def _row(name: str, value: str) -> str:
    return f"<tr><th>{esc(name)}</th><td>{value}</td></tr>"


def _dates(row: Row) -> str:
    start, end, precision = row.get("date_start"), row.get("date_end"), row.get("date_precision")
    if start is None and end is None:
        when = "undated"
    elif start == end or end is None:
        when = esc(start)
    else:
        when = f"{esc(start)} – {esc(end)}"
    expression = row.get("date_expression")
    said = f" from “{esc(expression)}”" if expression else " (no date expression in the text)"
    return f"{when} <span class='prec'>{esc(precision)}</span>{said}"


def _place(page: Page, location_id: str | None) -> str:
    if not location_id:
        return '<span class="none">—</span>'
    chain = [page.rec("locations", location_id)]
    seen = {location_id}
    parent = page.locations.get(location_id, {}).get("parent_location_id")
    while parent and parent not in seen:
        seen.add(parent)
        chain.append(page.rec("locations", str(parent)))
        parent = page.locations.get(str(parent), {}).get("parent_location_id")
    return " ⊂ ".join(chain)


def _quantity(row: Row) -> str:
    low, high = row.get("value_min"), row.get("value_max")
    if low is None and high is None:
        return ""
    rng = str(low) if low == high else f"{'' if low is None else low}..{'' if high is None else high}"
    return (
        f"{esc(row.get('quantity_kind'))}: {esc(rng)} ({esc(row.get('value_qualifier'))}),"
        f" from “{esc(row.get('value_expression'))}”"
    )


def _list(items: Iterable[str], limit: int = MAX_LIST) -> str:
    """An HTML list of at most ``limit`` items, saying how many more there are."""
    items = list(items)
    if not items:
        return '<span class="none">—</span>'
    more = f'<li class="more">and {len(items) - limit:,} more, not listed</li>' if len(items) > limit else ""
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items[:limit]) + more + "</ul>"


def _quotes(page: Page, table: str, rid: str) -> str:
    rows = page.evidence_of.get((table, rid), [])
    return _list(
        f'<button type="button" class="goto" data-e="{page.ev_key[str(e["evidence_id"])]}">'
        f"“{esc(short(str(e['exact']), 70))}”</button>"
        f' <span class="off-num">{int(e["start"])}..{int(e["end"])}</span>'
        for e in rows
    )


def tip(page: Page, table: str, rid: str, row: Row) -> str:
    """The one-line label a span shows on hover and focus."""
    if table == "claims":
        who = page.label("actors", str(row["claimant_actor_id"])) if row.get("claimant_actor_id") else "unattributed"
        cue = f" ({row['cue']})" if row.get("cue") else ""
        return f"claim · {who}{cue}, {row['factuality']}: {short(page.label(table, rid), 120)}"
    kind = row.get("event_type") or row.get("actor_type") or row.get("location_type") or ""
    return f"{TABLE_LABEL[table]} · {kind} · {short(page.label(table, rid), 120)}"


def card(page: Page, table: str, rid: str, row: Row, ctx: dict[str, Any]) -> str:
    rows: list[str] = []
    if table == "events":
        rows.append(
            _row(
                "type",
                f"{esc(row['event_type'])} <span class='dim'>ACLED {esc(row.get('acled_event_type') or '—')}"
                f" / {esc(row.get('acled_sub_event_type') or '—')},"
                f" PLOVER {esc(row.get('plover_event_type') or '—')}</span>",
            )
        )
        rows.append(_row("factuality", f"<span class='fact'>{esc(row['factuality'])}</span>"))
        rows.append(_row("when", _dates(row)))
        rows.append(_row("where", _place(page, row.get("location_id"))))
        rows.append(_row("episode", page.rec("events", row.get("parent_event_id"))))
        rows.append(_row("sub-events", _list(page.rec("events", c) for c in ctx["children"].get(rid, []))))
        rows.append(
            _row(
                "actors and roles",
                _list(
                    f"<span class='role'>{esc(r)}</span> {page.rec('actors', a)}"
                    for a, r in ctx["actors_of"].get(rid, [])
                ),
            )
        )
        rows.append(_row("claims about it", _list(page.rec("claims", c) for c in ctx["claims_of"].get(rid, []))))
    elif table == "claims":
        rows.append(_row("claimant", page.rec("actors", row.get("claimant_actor_id"))))
        rows.append(_row("reported via", page.rec("actors", row.get("reported_via_actor_id"))))
        rows.append(_row("cue", f"“{esc(row['cue'])}”" if row.get("cue") else '<span class="none">—</span>'))
        rows.append(_row("factuality", f"<span class='fact'>{esc(row['factuality'])}</span>"))
        rows.append(_row("claim type", esc(row.get("claim_type"))))
        quantity = _quantity(row)
        if quantity:
            rows.append(_row("number", quantity))
        rows.append(_row("about event", page.rec("events", row.get("event_id"))))
        rows.append(
            _row(
                "related claims",
                _list(
                    f"<span class='role'>{esc(rel)}</span> {page.rec('claims', other)}"
                    for rel, other in ctx["relations_of"].get(rid, [])
                ),
            )
        )
    elif table == "actors":
        rows.append(_row("type", esc(row.get("actor_type"))))
        aliases = row.get("aliases") or []
        rows.append(_row("aliases", esc("; ".join(aliases)) if aliases else '<span class="none">—</span>'))
        rows.append(_row("description", esc(row.get("description"))))
        rows.append(
            _row(
                "relations",
                _list(
                    f"<span class='role'>{esc(rel)}</span> {page.rec('actors', other)}"
                    for rel, other in ctx["actor_rel_of"].get(rid, [])
                ),
            )
        )
        rows.append(
            _row(
                "events and roles",
                _list(
                    f"<span class='role'>{esc(r)}</span> {page.rec('events', e)}"
                    for e, r in ctx["events_of_actor"].get(rid, [])
                ),
            )
        )
        rows.append(_row("claims made", _list(page.rec("claims", c) for c in ctx["claims_by"].get(rid, []))))
    else:
        rows.append(_row("type", esc(row.get("location_type"))))
        rows.append(_row("within", _place(page, row.get("parent_location_id"))))
        lat, lon = row.get("latitude"), row.get("longitude")
        coords = f"{esc(lat)}, {esc(lon)} ({esc(row.get('geo_precision'))}, external)" if lat is not None else "—"
        rows.append(_row("coordinates", coords))
        rows.append(_row("events here", _list(page.rec("events", e) for e in ctx["events_at"].get(rid, []))))
    rows.append(_row("quotes", _quotes(page, table, rid)))
    if row.get("note"):
        rows.append(_row("note", esc(row["note"])))
    fields = "".join(
        _row(k, f"<code>{esc(v if not isinstance(v, list) else '; '.join(map(str, v)))}</code>")
        for k, v in row.items()
        if k != "text"
    )
    key = page.key[(table, rid)]
    return (
        f'<article class="card t-{table}" id="card-{key}" data-r="{key}" data-id="{attr(rid)}"'
        f' data-tip="{attr(tip(page, table, rid, row))}"{page.filter_attrs(table, row)}>'
        f'<p class="kind">{TABLE_LABEL[table]} <code>{esc(rid)}</code></p>'
        f'<h3 class="card-title">{esc(page.label(table, rid))}</h3>'
        f'<table class="fields">{"".join(rows)}</table>'
        f'<details><summary>all fields</summary><table class="fields all">{fields}</table></details></article>'
    )


def card_context(page: Page) -> dict[str, Any]:
    d = page.data
    ctx: dict[str, Any] = {
        k: defaultdict(list)
        for k in (
            "children",
            "actors_of",
            "claims_of",
            "relations_of",
            "actor_rel_of",
            "events_of_actor",
            "claims_by",
            "events_at",
        )
    }
    for eid, e in page.events.items():
        if e.get("parent_event_id"):
            ctx["children"][str(e["parent_event_id"])].append(eid)
        if e.get("location_id"):
            ctx["events_at"][str(e["location_id"])].append(eid)
    for ea in d.event_actors:
        ctx["actors_of"][str(ea["event_id"])].append((str(ea["actor_id"]), str(ea["role"])))
        ctx["events_of_actor"][str(ea["actor_id"])].append((str(ea["event_id"]), str(ea["role"])))
    for cid, c in page.claims.items():
        if c.get("event_id"):
            ctx["claims_of"][str(c["event_id"])].append(cid)
        for k in ("claimant_actor_id", "reported_via_actor_id"):
            if c.get(k):
                ctx["claims_by"][str(c[k])].append(cid)
    for r in d.claim_relations:
        ctx["relations_of"][str(r["claim_id"])].append((str(r["relation"]), str(r["related_claim_id"])))
        ctx["relations_of"][str(r["related_claim_id"])].append((f"{r['relation']} (by)", str(r["claim_id"])))
    for r in d.actor_relations:
        ctx["actor_rel_of"][str(r["actor_id"])].append((str(r["relation"]), str(r["related_actor_id"])))
        ctx["actor_rel_of"][str(r["related_actor_id"])].append((f"{r['relation']} (of)", str(r["actor_id"])))
    return ctx


# ----------------------------------------------------------------------------------------------------
# Conflicts: numeric claims about one quantity of one event, side by side


def _bounds(c: Row) -> tuple[int, int | None]:
    low, high = c.get("value_min"), c.get("value_max")
    return (int(low) if low is not None else 0), (int(high) if high is not None else None)


def conflicts_section(page: Page) -> str:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid, c in page.claims.items():
        if (
            c.get("event_id")
            and c.get("quantity_kind")
            and (c.get("value_min") is not None or c.get("value_max") is not None)
        ):
            groups[(str(c["event_id"]), str(c["quantity_kind"]))].append(cid)
    estimates = {(str(e["event_id"]), str(e["quantity_kind"])): e for e in page.data.casualty_estimates}
    for key, est in estimates.items():  # an estimate always shows all of its claims
        for cid in est.get("claim_ids") or []:
            if cid in page.claims and cid not in groups[key]:
                groups[key].append(cid)
    ordered = sorted(groups, key=lambda k: (k not in estimates, -len(groups[k]), k))
    shown = ordered[:MAX_GROUPS]
    blocks = [_conflict_block(page, k, sorted(groups[k]), estimates.get(k)) for k in shown]
    cap = (
        f'<p class="cap">Showing {len(shown)} of {len(ordered)} quantity groups (cap {MAX_GROUPS}).</p>'
        if len(ordered) > len(shown)
        else ""
    )
    intro = (
        "<p class='intro'>Every set of numeric claims about the same quantity of the same event, drawn as ranges on one"
        " axis, with who said each. An open-ended claim (“over 100”) runs off the right edge; “up to” starts at 0."
        " Where the package derives a casualty estimate (<code>casualty_estimates</code>) it is the last row.</p>"
    )
    return intro + cap + ("".join(blocks) if blocks else "<p class='none'>No numeric claims in this package.</p>")


def _conflict_block(page: Page, key: tuple[str, str], claim_ids: list[str], est: Row | None) -> str:
    event_id, kind = key
    finite = [v for cid in claim_ids for v in _bounds(page.claims[cid]) if v is not None]
    if est is not None:
        finite += [int(est["low"]), int(est["high"])]
    top = max(finite, default=1) or 1
    axis_max = _nice(top * 1.25)
    width, label_w, row_h = 900, 300, 30
    plot_w = width - label_w - 190  # room on the right for the open-ended arrows and their labels
    rows = [*claim_ids, None] if est is not None else list(claim_ids)
    height = 30 + row_h * len(rows)

    def x(v: float) -> float:
        return label_w + plot_w * v / axis_max

    svg = [f'<svg class="ranges" viewBox="0 0 {width} {height}" role="img" aria-label="{attr(kind)} claims">']
    for tick in _ticks(axis_max):
        svg.append(f'<line class="grid" x1="{x(tick):.1f}" y1="14" x2="{x(tick):.1f}" y2="{height - 4}"/>')
        svg.append(f'<text class="tick" x="{x(tick):.1f}" y="10">{tick}</text>')
    for n, cid in enumerate(rows):
        y = 24 + n * row_h
        if cid is None:
            assert est is not None
            low, high, open_ = int(est["low"]), int(est["high"]), bool(est["high_unbounded"])
            label, cls, extra = "derived estimate", "est", f' data-estimate="{attr(event_id)}|{attr(kind)}"'
            text = estimate_text(est)
        else:
            c = page.claims[cid]
            low, high_or_none = _bounds(c)
            open_ = high_or_none is None
            high = high_or_none if high_or_none is not None else low
            who = page.label("actors", str(c["claimant_actor_id"])) if c.get("claimant_actor_id") else "unattributed"
            label = f"{who}: “{c.get('value_expression') or ''}”"
            cls, extra = (
                f"claim f-{attr(c['factuality'])}",
                f' data-r="{page.key[("claims", cid)]}" data-id="{attr(cid)}" tabindex="0"',
            )
            text = f"{claim_text(c)} · {c['factuality']}"
        x1, x2 = x(low), (x(axis_max) + 30 if open_ else x(high))
        svg.append(f'<g class="row {cls}"{extra}><title>{esc(label)} — {esc(text)}</title>')
        svg.append(f'<rect class="hit" x="0" y="{y - row_h // 2}" width="{width}" height="{row_h}"/>')
        svg.append(f'<text class="who" x="{label_w - 8}" y="{y + 4}">{esc(short(label, 44))}</text>')
        if x2 - x1 < 4:
            svg.append(f'<circle cx="{x1:.1f}" cy="{y}" r="5"/>')
        else:
            svg.append(f'<rect class="bar" x="{x1:.1f}" y="{y - 6}" width="{x2 - x1:.1f}" height="12" rx="3"/>')
        if open_:
            svg.append(f'<path class="arrow" d="M{x2 - 2:.1f},{y - 9} L{x2 + 8:.1f},{y} L{x2 - 2:.1f},{y + 9} Z"/>')
        svg.append(f'<text class="val" x="{x2 + (12 if open_ else 8):.1f}" y="{y + 4}">{esc(text)}</text></g>')
    svg.append("</svg>")
    table = "".join(
        f'<tr data-id="{attr(cid)}"><td>{page.rec("actors", page.claims[cid].get("claimant_actor_id"))}</td>'
        f"<td>“{esc(page.claims[cid].get('value_expression'))}”</td>"
        f"<td>{esc(claim_text(page.claims[cid]))}</td>"
        f"<td>{esc(page.claims[cid].get('value_qualifier'))}</td>"
        f"<td><span class='fact'>{esc(page.claims[cid]['factuality'])}</span></td>"
        f"<td>{esc(page.claims[cid].get('cue') or '—')}</td><td>{page.rec('claims', cid, cid)}</td></tr>"
        for cid in claim_ids
    )
    est_line = (
        "<p class='est-line'>Derived estimate: "
        f"<strong>{esc(estimate_text(est))}</strong>"
        f" {esc(kind)}, from {len(est.get('claim_ids') or [])} claim(s) (denied claims are left out).</p>"
        if est is not None
        else ""
    )
    title = f"{page.rec('events', event_id)} <span class='kind-q'>{esc(kind)}</span>"
    return (
        f'<section class="conflict" data-event="{attr(event_id)}" data-kind="{attr(kind)}"'
        f' data-claims="{attr(" ".join(claim_ids))}" data-t="claims"'
        f' data-et="{attr(page.events.get(event_id, {}).get("event_type", ""))}" data-f="">'
        f"<h3>{title}</h3>{''.join(svg)}{est_line}"
        f"<table class='claims'><tr><th>who</th><th>words</th><th>range</th><th>qualifier</th><th>factuality</th>"
        f"<th>cue</th><th>claim</th></tr>{table}</table></section>"
    )


def _nice(v: float) -> int:
    for mag in range(0, 12):
        for step in (1, 2, 5):
            n = int(step * 10**mag)
            if n >= v:
                return n
    return int(v) + 1  # pragma: no cover - beyond 5 * 10^11


def _ticks(axis_max: int) -> list[int]:
    step = axis_max / 5
    return [round(step * i) for i in range(6)]


# ----------------------------------------------------------------------------------------------------
# Timeline


def _day(s: Any) -> dt.date:
    return dt.date.fromisoformat(str(s))


def timeline_section(page: Page) -> str:
    events = page.events
    cap_note = ""
    ids = list(events)
    if len(ids) > MAX_TIMELINE:
        cap_note = f'<p class="cap">Showing {MAX_TIMELINE} of {len(ids)} events (cap {MAX_TIMELINE}).</p>'
        ids = ids[:MAX_TIMELINE]

    def root(eid: str) -> str:
        seen = {eid}
        while True:
            parent = events.get(eid, {}).get("parent_event_id")
            if not parent or parent not in events or parent in seen:
                return eid
            seen.add(str(parent))
            eid = str(parent)

    groups: dict[str, list[str]] = defaultdict(list)
    for eid in ids:
        groups[root(eid)].append(eid)
    lone = sorted(r for r, members in groups.items() if len(members) == 1)
    dated = [events[e] for e in ids if events[e].get("date_start")]
    points = sorted(
        {_day(e["date_start"]) for e in dated} | {_day(e["date_end"]) + dt.timedelta(days=1) for e in dated}
    )
    pos = {d: i / max(len(points) - 1, 1) for i, d in enumerate(points)}

    def bar(e: Row) -> str:
        if not e.get("date_start"):
            return '<span class="undated">undated</span>'
        a, b = pos[_day(e["date_start"])], pos[_day(e["date_end"]) + dt.timedelta(days=1)]
        return (
            f'<span class="bar p-{attr(e["date_precision"])}" style="left:{a * 100:.3f}%;width:{(b - a) * 100:.3f}%"'
            f' title="{attr(e["date_start"])} – {attr(e["date_end"])} ({attr(e["date_precision"])})"></span>'
        )

    def line(eid: str) -> str:
        e = events[eid]
        spans = " ".join(
            f'<button type="button" class="goto" data-e="{page.ev_key[str(v["evidence_id"])]}"'
            f' title="{attr(v["exact"])}">{n}</button>'
            for n, v in enumerate(page.evidence_of.get(("events", eid), []), start=1)
        )
        return (
            f'<li class="tl-row" data-id="{attr(eid)}"{page.filter_attrs("events", e)}>'
            f'<div class="tl-label">{page.rec("events", eid)}<span class="tl-when">{_dates(e)}</span>'
            f'<span class="tl-spans">{"spans " + spans if spans else "no span"}</span></div>'
            f'<div class="tl-track">{bar(e)}</div></li>'
        )

    def sort_key(eid: str) -> tuple[int, str, str]:
        e = events[eid]
        return (0 if e.get("date_start") else 1, str(e.get("date_start") or ""), eid)

    # axis: a tick at every distinct boundary, labelled while labels do not collide
    # labels on two staggered rows, each label placed where it does not collide with its row's last one
    ticks, last = [], [-1.0, -1.0]
    for d in points:
        p = pos[d]
        row = next((r for r in (0, 1) if last[r] < 0 or p - last[r] >= 0.13), None)
        if row is None:
            ticks.append(f'<span class="tick" style="left:{p * 100:.3f}%"></span>')
            continue
        last[row] = p
        ticks.append(f'<span class="tick r{row}" style="left:{p * 100:.3f}%">{esc(d.isoformat())}</span>')
    axis = (
        f'<div class="tl-axis"><div class="tl-label">each step on this axis is the next date at which an event starts'
        " or ends (not to scale: years and single days side by side)</div>"
        f'<div class="tl-track">{"".join(ticks)}</div></div>'
    )
    blocks = []
    for r in sorted(
        (r for r in groups if r not in lone), key=lambda r: (sort_key(r)[0], min(sort_key(m) for m in groups[r]))
    ):
        members = sorted(groups[r], key=lambda m: (m != r, sort_key(m)))
        blocks.append(
            f'<section class="episode"><h3>episode: {page.rec("events", r)}</h3>'
            f"<ol>{''.join(line(m) for m in members)}</ol></section>"
        )
    if lone:
        blocks.append(
            '<section class="episode"><h3>events in no episode</h3>'
            f"<ol>{''.join(line(m) for m in sorted(lone, key=sort_key))}</ol></section>"
        )
    legend = "".join(f'<span class="bar-key p-{p}">{p}</span>' for p in ("day", "days", "week", "month", "year"))
    return (
        f"<p class='intro'>Events by date range and precision, grouped by episode (<code>parent_event_id</code>). "
        f"Precision: {legend}. The spans buttons jump to the event's quotes in the article.</p>"
        f"{cap_note}{axis}{''.join(blocks)}"
    )


# ----------------------------------------------------------------------------------------------------
# Sentences


def sentences_section(page: Page) -> str:
    d = page.data
    if not d.has_sentences:
        return "<p class='none'>This package has no <code>sentences</code> table (it came before schema 1.1.0).</p>"
    table_of = {rid: t for (t, rid) in page.key}
    rows = []
    for s in d.sentences:
        ids = list(s.get("record_ids") or [])
        if ids:
            recs = " ".join(page.rec(table_of[r], r) if r in table_of else f"<code>{esc(r)}</code>" for r in ids)
        else:
            recs = f"<span class='why'>no records: {esc(s.get('no_record_reason') or '(no reason given)')}</span>"
        rows.append(
            f'<tr class="sentence" data-id="{attr(s["sentence_id"])}"><td class="num">{esc(s["position"])}</td>'
            f"<td class='part'>{esc(s.get('part'))}</td><td class='s-text'>{esc(s['exact'])}</td>"
            f"<td class='s-recs'>{recs}</td></tr>"
        )
    return (
        "<p class='intro'>Every body sentence (<code>sentences</code>) with the records whose evidence starts in it,"
        " or why it gave rise to none.</p>"
        "<table class='sentences'><tr><th>#</th><th>part</th><th>sentence</th><th>records</th></tr>"
        f"{''.join(rows)}</table>"
    )


# ----------------------------------------------------------------------------------------------------
# The page


def _options(values: Iterable[str]) -> str:
    return "".join(f'<option value="{attr(v)}">{esc(v)}</option>' for v in sorted(set(values)) if v)


def render(data: ViewData, title: str) -> str:
    page = Page(data)
    ctx = card_context(page)
    docs = "".join(document_section(page, d) for d in data.documents)
    cards = "".join(card(page, t, rid, row, ctx) for t in RECORD_TABLES for rid, row in data.records[t].items())
    counts = ", ".join(f"{len(data.records[t]):,} {t}" for t in RECORD_TABLES)
    cap = ""
    if data.capped:
        cap = (
            f'<p class="cap" id="cap">This package has {data.documents_total:,} documents; the viewer shows the first '
            f"{len(data.documents):,} (by <code>document_id</code>) and the records anchored in or referenced by them."
            " The other documents are not rendered.</p>"
        )
    missing = (
        f"<p class='cap'>Tables this package does not have: {esc(', '.join(data.missing_tables))}.</p>"
        if data.missing_tables
        else ""
    )
    event_types = _options(str(e["event_type"]) for e in page.events.values())
    facts = _options(str(r["factuality"]) for t in ("events", "claims") for r in data.records[t].values())
    table_boxes = "".join(
        f'<label class="t-{t}"><input type="checkbox" name="table" value="{t}" checked> {t}</label>'
        for t in RECORD_TABLES
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{esc(title)}</title>
<link rel="stylesheet" href="view.css">
</head>
<body>
<header>
<h1>{esc(title)}</h1>
<p class="summary">{len(data.documents):,} document(s) · {counts} · {len(data.evidence):,} evidence spans.
Hover or focus a highlighted span to name its record; click or press Enter for its card; <kbd>j</kbd>/<kbd>k</kbd> or
arrow keys move between spans, <kbd>Esc</kbd> closes the card.</p>
{cap}{missing}
<nav class="tabs" role="tablist">
<button type="button" role="tab" data-tab="article" aria-selected="true">Article</button>
<button type="button" role="tab" data-tab="conflicts" aria-selected="false">Conflicts</button>
<button type="button" role="tab" data-tab="timeline" aria-selected="false">Timeline</button>
<button type="button" role="tab" data-tab="sentences" aria-selected="false">Sentences</button>
</nav>
<form class="filters" id="filters">
<fieldset><legend>tables</legend>{table_boxes}</fieldset>
<label>event type <select name="event_type"><option value="">all</option>{event_types}</select></label>
<label>factuality (events, claims) <select name="factuality"><option value="">all</option>{facts}</select></label>
<span id="shown" class="dim"></span>
</form>
</header>
<main>
<section id="view-article" class="view" data-view="article">{docs or "<p class='none'>No documents.</p>"}</section>
<section id="view-conflicts" class="view" data-view="conflicts" hidden>{conflicts_section(page)}</section>
<section id="view-timeline" class="view" data-view="timeline" hidden>{timeline_section(page)}</section>
<section id="view-sentences" class="view" data-view="sentences" hidden>{sentences_section(page)}</section>
</main>
<div id="tip" role="status" aria-live="polite" hidden></div>
<aside id="panel" role="dialog" aria-modal="false" aria-labelledby="panel-title" hidden>
<div class="panel-bar"><span id="panel-title">record</span>
<button type="button" id="panel-close" aria-label="close (Esc)">×</button></div>
<div id="panel-body"></div>
</aside>
<div id="cards" hidden>{cards}</div>
<script src="view.js"></script>
</body>
</html>
"""
