"""The inks of a chart's text, axes and grid: one table, from which come the colours a chart
is drawn with, the CSS custom properties that style it in each scheme, and the interactive
layer's colours.

A chart is rendered once. Its spec names each ink by a sentinel colour that nothing else
uses; the SVG that vl-convert draws is then rewritten so that each sentinel becomes
`var(--dl-chart-<ink>, <light>)`. On the page the reader's scheme sets the custom property
(`css()`, appended to the site's stylesheet), with JavaScript on or off; an SVG seen on its
own falls back to the light colour. The downloads (SVG, PNG and the Vega-Lite spec) have the
light colours written in (`light()`), for tools that know no custom properties. The
interactive layer (assets/charts.js) reads `inks.json` (each light colour and its property),
takes each property's value from the page with getComputedStyle, puts it in place of the
light colour in the spec it draws, and draws again when the scheme changes. No side's colour
can be taken for an ink's: each light ink fails the 3:1 a side's colour needs on one of the
two backgrounds (builder/colours.py).

Every text ink has at least 4.5:1 contrast against its scheme's page background, and every
line ink 3:1 (tests/test_inks.py). Imports nothing heavy: chart workers use it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Ink:
    sentinel: str  # the colour the spec names it by; no chart draws with it
    light: str
    dark: str
    text: bool  # text needs 4.5:1 against the page; lines and outlines 3:1, grid lines less


INKS: dict[str, Ink] = {
    # axis labels and titles, legend text, panel titles, point labels, annotations, map names
    "text": Ink("#010101", "#333333", "#e6e6e6", text=True),
    # axis lines and ticks, map outlines, annotation rules
    "axis": Ink("#010102", "#666666", "#a6a6a6", text=False),
    # grid lines: faint on purpose, behind the data
    "grid": Ink("#010103", "#d9d9d9", "#3d4250", text=False),
}


def fingerprint() -> str:
    """What every drawn chart's colours depend on beyond its spec, which names inks only by
    their sentinels: part of each image's cache key, so that a changed ink draws every chart
    again instead of serving images in the old colours."""
    table = sorted((name, ink.light, ink.dark) for name, ink in INKS.items())
    return hashlib.sha256(repr(table).encode()).hexdigest()[:16]


def sentinel(ink: str) -> str:
    return INKS[ink].sentinel


def prop(ink: str) -> str:
    return f"--dl-chart-{ink}"


def themed(svg: str) -> str:
    """The SVG as pages show it: each ink a custom property, with its light colour behind."""
    for name, ink in INKS.items():
        svg = svg.replace(f'"{ink.sentinel}"', f'"var({prop(name)}, {ink.light})"')
    return svg


def light(svg: str) -> str:
    """The SVG with the light colours written in (downloads, PNG): themed or not."""
    for name, ink in INKS.items():
        svg = svg.replace(f'"var({prop(name)}, {ink.light})"', f'"{ink.light}"')
        svg = svg.replace(f'"{ink.sentinel}"', f'"{ink.light}"')
    return svg


def declarations(dark: bool) -> str:
    """Each ink's custom property set to its colour in one scheme, as CSS declarations."""
    return " ".join(f"{prop(n)}: {i.dark if dark else i.light};" for n, i in INKS.items())


def css() -> str:
    """The custom properties for the light scheme (Material's `default`, and the page before
    a scheme is set) and the dark one (`slate`); the light ones in print."""

    def block(selector: str, dark: bool) -> str:
        return f"{selector} {{ {declarations(dark)} }}\n"

    return (
        "/* Chart inks, generated from builder/inks.py: one drawing, styled by the scheme. */\n"
        + block(':root, [data-md-color-scheme="default"]', dark=False)
        + block('[data-md-color-scheme="slate"]', dark=True)
        # Paper is white whatever the screen's scheme (Material prints the light one).
        + "@media print { "
        + block(':root, [data-md-color-scheme="slate"]', dark=False).strip()
        + " }\n"
    )


def for_script() -> bytes:
    """What the interactive layer reads: each light colour and its custom property."""
    return json.dumps({i.light: prop(n) for n, i in INKS.items()}, sort_keys=True).encode()
