"""Evidence spans as HTML elements over a text: one element per span, overlapping spans kept readable.

Offsets are Unicode code points (Python ``str`` indices), so all the slicing happens here, in Python; the
page's JavaScript never computes an offset (JavaScript strings count UTF-16 units).

Spans that nest (or coincide) become nested elements. Spans that *cross* ("President flees as gangs" and
"gangs go on the rampage") cannot both be elements of one DOM tree over one copy of the text, so the spans
are split into **layers**: each layer is a set of spans that nest, rendered over its own copy of the text;
the page stacks the copies exactly on top of each other (same text, same box, same wrapping), the first
with visible text, the others with transparent text and only their underlines showing. Every span is thus
exactly one element whose text content is its quote.

Each span also gets a **level**: the lowest underline row not taken by a span it overlaps, so that
overlapping spans draw their underlines on different rows below the text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """One evidence span: ``start``..``end`` (code points, end exclusive) and its element's attributes."""

    start: int
    end: int
    attrs: str  # already escaped: ' class="ev" data-e="e3"'


def escape_text(text: str) -> str:
    """Text for HTML element content, so that the parsed text equals ``text`` exactly.

    ``html.escape`` handles ``& < > " '``; a carriage return must be a character reference too, since an
    HTML parser turns a raw CR (or CR LF) into LF.
    """
    return html.escape(text, quote=True).replace("\r", "&#13;")


def order(spans: Sequence[Span]) -> list[int]:
    """Indices of ``spans`` in reading order: by start, longer first (so containers open first)."""
    return sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, i))


def assign_layers(spans: Sequence[Span]) -> list[int]:
    """A layer for every span such that the spans of one layer nest (never cross); first fit, few layers."""
    layers: list[list[int]] = []  # per layer, the stack of spans open at the current position
    result = [0] * len(spans)
    for i in order(spans):
        s = spans[i]
        for n, stack in enumerate(layers):
            while stack and spans[stack[-1]].end <= s.start:
                stack.pop()
            if not stack or spans[stack[-1]].end >= s.end:  # inside the innermost open span, or free
                stack.append(i)
                result[i] = n
                break
        else:
            layers.append([i])
            result[i] = len(layers) - 1
    return result


def assign_levels(spans: Sequence[Span]) -> list[int]:
    """An underline row for every span, different from that of every span it overlaps (first fit)."""
    active: list[int] = []
    result = [0] * len(spans)
    for i in order(spans):
        s = spans[i]
        active = [j for j in active if spans[j].end > s.start]
        taken = {result[j] for j in active}
        result[i] = next(level for level in range(len(active) + 1) if level not in taken)
        active.append(i)
    return result


def render_layer(text: str, lo: int, hi: int, spans: Sequence[Span], tag: str = "span") -> str:
    """``text[lo:hi]`` as HTML with every span (all nesting, none crossing) as one ``<tag>`` element."""
    out: list[str] = []
    stack: list[Span] = []
    pos = lo

    def close_to(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(escape_text(text[pos : top.end]))
            pos = top.end
            out.append(f"</{tag}>")

    for i in order(spans):
        s = spans[i]
        if s.start < lo or s.end > hi or s.start >= s.end:
            raise ValueError(f"span {s.start}..{s.end} is empty or outside the text {lo}..{hi}")
        close_to(s.start)
        if stack and stack[-1].end < s.end:
            raise ValueError(f"span {s.start}..{s.end} crosses {stack[-1].start}..{stack[-1].end}")
        out.append(escape_text(text[pos : s.start]))
        pos = s.start
        out.append(f"<{tag}{s.attrs}>")
        stack.append(s)
    close_to(hi)
    out.append(escape_text(text[pos:hi]))
    return "".join(out)
