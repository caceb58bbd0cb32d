"""The data card's figures, drawn from a package's tables with matplotlib: ``figures/timeline.svg`` (the
events by date and precision, grouped by episode) and ``figures/casualty_claims.svg`` (each casualty
estimate with the attributed claims it spans).

matplotlib is an optional dependency (the ``figures`` extra); it is imported here only, so ``load()`` and
``validate()`` never need it. The SVGs are byte-identical from one run to the next under the pinned
versions: no date or version in the metadata, a fixed ``svg.hashsalt`` for the ids, text kept as text
(``svg.fonttype = "none"``, laid out with the DejaVu Sans metrics matplotlib ships).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from kyrgyz_events.ranges import estimate_text
from kyrgyz_events.view.data import Row, ViewData, gather

FIGURES = ("timeline.svg", "casualty_claims.svg")

#: Events that start within this many days before publication go in the timeline's right-hand panel.
RECENT_DAYS = 31

PRECISION_COLOUR = {
    "day": "#1f5fbf",
    "days": "#4b8fe0",
    "week": "#7fb0ea",
    "month": "#e0a040",
    "year": "#b07c2a",
}
FACT_COLOUR = {"disputed": "#c0392b", "denied": "#999999"}
CLAIM_COLOUR = "#8a2be2"

RC = {
    "svg.hashsalt": "kyrgyz-events",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _require_matplotlib() -> Any:
    try:
        import matplotlib
        from matplotlib import font_manager
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "the data card's figures need matplotlib: pip install -c constraints.txt 'kyrgyz-events[figures]'"
        ) from exc
    # The layout (and so every coordinate in the SVG) follows the font's metrics: make sure they are those of
    # the DejaVu Sans that the pinned matplotlib ships, not of a system copy of another version.
    shipped = Path(matplotlib.get_data_path()).resolve()
    for weight in ("normal", "bold"):
        props = font_manager.FontProperties(family="DejaVu Sans", weight=weight)
        found = Path(font_manager.findfont(props, fallback_to_default=False)).resolve()
        if shipped not in found.parents:  # pragma: no cover - depends on the machine's fonts
            raise RuntimeError(f"figures: DejaVu Sans resolves to {found}, not to matplotlib's own copy")
    return matplotlib


def _svg(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "kyrgyz-events"}, bbox_inches="tight")
    text = buf.getvalue()
    return text


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _day(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value))


def _num(date2num: Any, value: Any, days: int) -> float:
    """matplotlib's day number of an ISO date plus ``days``."""
    return float(date2num(_day(value) + dt.timedelta(days=days)))


def timeline_svg(data: ViewData) -> bytes:
    """Dated events as bars (date_start..date_end), one row each, grouped by episode."""
    matplotlib = _require_matplotlib()
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure

    events = data.records["events"]

    def root(eid: str) -> str:
        seen = {eid}
        while (parent := events[eid].get("parent_event_id")) and parent in events and parent not in seen:
            seen.add(str(parent))
            eid = str(parent)
        return eid

    dated = [eid for eid, e in events.items() if e.get("date_start")]
    groups: dict[str, list[str]] = defaultdict(list)
    for eid in dated:
        groups[root(eid)].append(eid)
    published = max((_day(d["published_date"]) for d in data.documents), default=dt.date(2010, 1, 1))
    cut = published - dt.timedelta(days=RECENT_DAYS)
    rows: list[tuple[str, str | None]] = []  # (label, event id or None for a group heading)
    lone = [m for r, members in groups.items() if len(members) == 1 and members == [r] for m in members]
    order = sorted(
        (r for r in groups if groups[r] != [r]), key=lambda r: (min(str(events[m]["date_start"]) for m in groups[r]), r)
    )
    sections = [("episode: " + _short(str(events[r]["summary"]), 70), r, groups[r]) for r in order]
    if lone:
        sections.append(("events in no episode", "", lone))
    for heading, r, members in sections:
        rows.append((heading, None))
        rows += [
            (_short(str(events[m]["summary"]), 60), m)
            for m in sorted(members, key=lambda m: (m != r, str(events[m]["date_start"]), m))
        ]
    old = [e for e in dated if _day(events[e]["date_start"]) < cut]
    panels = [p for p in (old, [e for e in dated if e not in old]) if p]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(11, 0.8 + 0.19 * max(len(rows), 1)))
        ratios = [1, 2] if len(panels) == 2 else [1]
        axes = fig.subplots(1, len(panels), sharey=True, gridspec_kw={"width_ratios": ratios, "wspace": 0.04})
        axes = list(axes) if len(panels) > 1 else [axes]
        y_of = {eid: n for n, (_, eid) in enumerate(rows) if eid is not None}
        for ax, members in zip(axes, panels, strict=True):
            for eid in members:
                e = events[eid]
                a, b = _num(date2num, e["date_start"], 0), _num(date2num, e["date_end"], 1)
                colour = PRECISION_COLOUR.get(str(e["date_precision"]), "#555555")
                ax.barh(y_of[eid], b - a, left=a, height=0.6, color=colour)
            ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
            ax.set_axisbelow(True)
            ax.tick_params(axis="x", labelsize=8)
        for n, (_, row_id) in enumerate(rows):
            if row_id is None:
                axes[0].axhline(n, color="#bbbbbb", linewidth=0.5)
        axes[0].set_yticks(range(len(rows)), [label for label, _ in rows])
        for tick, (_, row_id) in zip(axes[0].get_yticklabels(), rows, strict=True):
            if row_id is None:
                tick.set_fontweight("bold")
        axes[0].set_ylim(len(rows) - 0.5, -0.5)
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        for ax in axes:
            locator = AutoDateLocator(maxticks=6)  # type: ignore[no-untyped-call]
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        if len(axes) == 2:
            axes[0].set_title("background", fontsize=9, loc="left")
            axes[1].set_title(
                f"the {RECENT_DAYS} days before publication ({published.isoformat()})", fontsize=9, loc="left"
            )
            axes[1].tick_params(axis="y", left=False)
        from matplotlib.patches import Patch

        fig.legend(
            handles=[Patch(color=c, label=p) for p, c in PRECISION_COLOUR.items()],
            title="date precision",
            loc="upper right",
            ncols=5,
            fontsize=8,
            title_fontsize=8,
            frameon=False,
        )
        fig.suptitle(f"{len(dated)} dated events ({len(events) - len(dated)} undated not shown)", x=0.01, ha="left")
        return _svg(fig)


def casualty_svg(data: ViewData) -> bytes:
    """One panel per casualty estimate: the claims it spans as ranges, and the estimate."""
    matplotlib = _require_matplotlib()
    from matplotlib.figure import Figure

    claims, actors, events = data.records["claims"], data.records["actors"], data.records["events"]
    estimates = data.casualty_estimates
    with matplotlib.rc_context(RC):
        heights = [len(e.get("claim_ids") or []) + 1.6 for e in estimates] or [1]
        fig = Figure(figsize=(10, 0.9 + 0.32 * sum(heights)))
        if not estimates:
            fig.text(0.5, 0.5, "no casualty estimates in this package", ha="center")
            return _svg(fig)
        axes = fig.subplots(len(estimates), 1, gridspec_kw={"height_ratios": heights, "hspace": 0.9})
        axes = list(axes) if len(estimates) > 1 else [axes]
        for ax, est in zip(axes, estimates, strict=True):
            ids = [c for c in est.get("claim_ids") or [] if c in claims]
            finite = [int(v) for c in ids for v in (claims[c]["value_min"], claims[c]["value_max"]) if v is not None]
            top = max([*finite, int(est["high"])]) * 1.3 or 1
            labels = []
            for n, cid in enumerate(ids):
                c: Row = claims[cid]
                low = 0 if c["value_min"] is None else int(c["value_min"])
                open_ = c["value_max"] is None
                high = top if open_ else int(c["value_max"])
                colour = FACT_COLOUR.get(str(c["factuality"]), CLAIM_COLOUR)
                _range(ax, n, low, high, open_, colour)
                who = actors.get(str(c["claimant_actor_id"]), {}).get("name", "unattributed")
                labels.append(f"{_short(str(who), 32)}: “{c['value_expression']}” ({c['factuality']})")
            n = len(ids)
            _range(
                ax,
                n,
                int(est["low"]),
                top if est["high_unbounded"] else int(est["high"]),
                bool(est["high_unbounded"]),
                "#333333",
            )
            labels.append(f"derived estimate: {estimate_text(est)}")
            ax.set_yticks(range(n + 1), labels)
            ax.get_yticklabels()[-1].set_fontweight("bold")
            ax.set_ylim(n + 0.6, -0.6)
            ax.set_xlim(0, top)
            ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
            ax.set_axisbelow(True)
            event = _short(str(events.get(str(est["event_id"]), {}).get("summary", est["event_id"])), 90)
            ax.set_title(f"{est['quantity_kind']}: {event}", fontsize=9, loc="left")
        fig.suptitle("Casualty claims: who said how many (inclusive ranges; an arrow is open-ended)", x=0.01, ha="left")
        return _svg(fig)


def _range(ax: Any, y: int, low: float, high: float, open_: bool, colour: str) -> None:
    if high - low <= 0:
        ax.plot([low], [y], marker="o", color=colour, markersize=7)
    else:
        ax.barh(y, high - low, left=low, height=0.5, color=colour, alpha=0.85)
    if open_:
        ax.plot([high], [y], marker=">", color=colour, markersize=9, clip_on=False)


def write_figures(package_dir: Path, out_dir: Path) -> list[Path]:
    """Draw the figures of the package in ``package_dir`` into ``out_dir``; return the files written."""
    data = gather(package_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in zip(FIGURES, (timeline_svg, casualty_svg), strict=True):
        path = out_dir / name
        path.write_bytes(draw(data))
        written.append(path)
    return written
