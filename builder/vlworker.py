"""Rendering one chart or social card in a worker process.

Kept apart from `builder.chart` so that a spawned worker imports vl-convert and nothing else
(no pandas, no Altair): workers start in a fraction of a second. Workers are spawned, never
forked, because forking a process whose vl-convert engine already runs threads can hang.
"""

from __future__ import annotations

from typing import Any

import vl_convert


def chart_images(job: tuple[dict[str, Any], bool]) -> tuple[str, bytes | None]:
    """The chart's SVG, and its PNG if asked for."""
    spec, with_png = job
    svg = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
    return svg, vl_convert.svg_to_png(svg, scale=2) if with_png else None


def card_png(svg: str) -> bytes:
    return vl_convert.svg_to_png(svg)
