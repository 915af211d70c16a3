"""An SVG as vl-convert drew it, made ready to keep: its ids scoped, its lines simplified,
its numbers rounded, what only repeats left out and its inks made CSS custom properties.

Done in the process that drew it (`builder.vlworker`), so that a cold build's thousands of
charts are finished on every core. Kept apart from `builder.chart` for that reason: a
worker imports this, and no pandas or Altair."""

from __future__ import annotations

import re
from collections import Counter

from builder.inks import themed
from builder.simplify import simplified

# How ids are scoped (`scoped_ids`), numbers rounded (`rounded`), lines simplified
# (`builder.simplify`) and repeats left out (`compacted`): part of each image's key, so
# that a store keeps no image written another way.
SCOPING = 5


def finished(svg: str, scope: str) -> str:
    """The SVG as a page shows it and the store keeps it; `scope` begins its ids (none:
    left as drawn)."""
    return themed(compacted(rounded(simplified(scoped_ids(svg, scope) if scope else svg))))


# A tag, and a number in it written to three decimals or more.
_TAG = re.compile(r"<[^>]+>")
_LONG_NUMBER = re.compile(r"-?\d+\.\d{3,}")


def rounded(svg: str) -> str:
    """The SVG with the numbers in its tags (coordinates, transforms) to a tenth of a
    pixel. Vega writes up to sixteen decimals (`translate(42.76923076923077,96.58)`): a
    large share of a map's bytes, for a precision no screen shows. Text is left as written."""

    def short(number: re.Match[str]) -> str:
        text = f"{float(number.group()):.1f}".removesuffix(".0")
        return "0" if text == "-0" else text

    return _TAG.sub(lambda tag: _LONG_NUMBER.sub(short, tag.group()), svg)


_FONT = re.compile(r' font-family="([^"]*)"')


def compacted(svg: str) -> str:
    """The SVG without what only repeats: its text's font family is said once, on the root
    (its elements inherit it), and `opacity="1"`, the default, not at all. Vega writes both
    on every text and mark: a tenth of a map's bytes. Only tags change: a label is text,
    and vl-convert leaves a quote in it as typed, so a label may read `opacity="1"`."""
    fonts = Counter(_FONT.findall(svg))
    font = fonts.most_common(1)[0][0] if fonts else None

    def shorter(tag: re.Match[str]) -> str:
        written = tag.group().replace(' opacity="1"', "")
        return written.replace(f' font-family="{font}"', "") if font is not None else written

    svg = _TAG.sub(shorter, svg)
    return svg.replace("<svg ", f'<svg font-family="{font}" ', 1) if font is not None else svg


# An id in an SVG vl-convert drew, or a reference to one.
_ID_OR_REFERENCE = re.compile(r'\bid="([^"]+)"|url\(#([^)]+)\)')


def scoped_ids(svg: str, prefix: str) -> str:
    """Several charts share a page, so their SVG ids (clip paths, gradients) must not clash:
    each begins with `prefix`. Each is also numbered afresh in the order it first appears
    (`clip17` becomes `PREFIX-clip1`): vl-convert numbers them across everything one
    process has drawn, so the same chart drawn after others, or alone, would differ."""
    renamed: dict[str, str] = {}

    def new_id(old: str) -> str:
        if old not in renamed:
            renamed[old] = f"{prefix}-{old.rstrip('0123456789')}{len(renamed) + 1}"
        return renamed[old]

    def scoped(found: re.Match[str]) -> str:
        if found.group(1) is not None:
            return f'id="{new_id(found.group(1))}"'
        return f"url(#{new_id(found.group(2))})"

    return _ID_OR_REFERENCE.sub(scoped, svg)
