"""Social card images: one 1200x630 PNG per story with the site name, the headline, the
standfirst and the story's main chart, drawn as SVG and rasterised by vl-convert (offline),
kept in the store by the hash of the card, like charts."""

from __future__ import annotations

import hashlib
import re
import textwrap

from markupsafe import escape

from builder.chart.svg import Workers, rendered
from builder.colours import PALETTE
from builder.store import Entry, Store
from builder.vlworker import FONT, RENDERER, card_png

WIDTH, HEIGHT = 1200, 630


def card_svg(site_name: str, headline: str, standfirst: str, chart_svg: str | None) -> str:
    headline_lines = _lines(headline, 38, 3)
    standfirst_lines = _lines(standfirst, 42 if chart_svg else 80, 5)
    top = 150 + 58 * len(headline_lines) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<rect width="{WIDTH}" height="14" fill="{PALETTE[0]}"/>',
        _text(60, 80, 26, "#555555", [site_name.upper()], 32),
        _text(60, 150, 48, "#111111", headline_lines, 58, bold=True),
        _text(60, top + 20, 26, "#333333", standfirst_lines, 36),
    ]
    if chart_svg:
        parts.append(_placed(chart_svg, x=640, y=top - 10, width=520, height=HEIGHT - top - 20))
    parts.append("</svg>")
    return "".join(parts)


def render_cards(
    svgs: list[str], store: Store | None = None, workers: Workers = None, label: str = "cards"
) -> list[Entry]:
    """Each card as PNG, in order: from the store, or rendered over the cores and kept in it
    (with no store, for this call only)."""
    store = store or Store.in_memory()
    names = [f"card-{_key(svg)}.png" for svg in svgs]
    return rendered(
        zip(names, svgs, strict=True),
        len(names),
        read=store.get,
        work=card_png,
        write=store.put,
        label=label,
        workers=workers,
    )


def _key(svg: str) -> str:
    return hashlib.sha256(f"{RENDERER}\n{svg}".encode()).hexdigest()


def _lines(text: str, width: int, most: int) -> list[str]:
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = [
            *lines[: most - 1],
            textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder=" …"),
        ]
    return lines


def _text(
    x: int, y: int, size: int, colour: str, lines: list[str], leading: int, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else leading}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x}" y="{y}" font-family="{FONT}" font-size="{size}" fill="{colour}"'
        f"{weight}>{spans}</text>"
    )


def _placed(svg: str, x: int, y: int, width: int, height: int) -> str:
    """A chart's own SVG, placed and scaled into the card's box."""
    opening = re.match(r"<svg\b[^>]*>", svg)
    if opening is None:
        return ""
    attributes = re.sub(r'\s(width|height|x|y)="[^"]*"', "", opening.group(0)[4:-1])
    return (
        f'<svg x="{x}" y="{y}" width="{width}" height="{height}"{attributes}>{svg[opening.end() :]}'
    )
