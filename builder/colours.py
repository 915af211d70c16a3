"""One colour per side, everywhere: every chart, map, legend and table swatch takes a party's
colour from here, never from the order of a chart's data.

A party's colour is its own (`colour` in parties.yml) or, without one, the next of the
colour-blind-safe palette in the order the parties are written (parties.yml, then
parties/*.yml). A place held by no recorded side is grey. Every colour must stand out by at
least 3:1 (WCAG's contrast for graphics) against both page backgrounds: white, and the
dark ("slate") scheme's background, which is read from Material's own stylesheet so that a
new theme release cannot drift from it unnoticed.

This module imports nothing heavy: the chart workers and the validation use it.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

# Okabe-Ito's blue, vermilion and bluish green and reddish purple, then two of ColorBrewer's
# Dark2: distinguishable with the common forms of colour blindness, and each at least 3:1
# against both backgrounds (tests/test_colours.py).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#A6761D", "#7570B3")
NO_HOLDER = "#888888"  # no recorded holder, or not known
LIGHT_BACKGROUND = "#ffffff"
# Material's slate background, hsl(225deg 15% 14%), as the fallback when its stylesheet
# cannot be read (tests/test_colours.py holds the two equal).
DARK_BACKGROUND_FALLBACK = "#1e2129"
MINIMUM_CONTRAST = 3.0


def party_colours(parties: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Each party's colour by its name, from (name, colour given or None) in the order the
    parties are written: the ones without a colour take the palette's in turn."""
    colours: dict[str, str] = {}
    unassigned = iter(PALETTE * 100)
    for name, given in parties:
        colours[name] = (given or next(unassigned)).upper()
    return colours


# The columns of a chart's table that name a side: each cell shows the side's swatch.
PARTY_COLUMNS = ("party", "from_party", "to_party", "holder", "side")


def swatch(name: object, colours: dict[str, str]) -> dict[str, object]:
    """A table cell naming a side, with its colour (grey for no recorded holder)."""
    return {"swatch": colours.get(str(name), NO_HOLDER), "text": name}


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of `#RRGGBB`."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two `#RRGGBB` colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def backgrounds() -> dict[str, str]:
    """The page backgrounds a colour is drawn on, by scheme name."""
    return {"light": LIGHT_BACKGROUND, "dark": dark_background()}


def contrast_problem(colour: str) -> str | None:
    """Why `colour` cannot mark a side (too faint on a background), or None."""
    for scheme, background in backgrounds().items():
        ratio = contrast(colour, background)
        if ratio < MINIMUM_CONTRAST:
            return (
                f"{colour} has {ratio:.2f}:1 contrast against the {scheme} background "
                f"{background}; a side's colour needs at least {MINIMUM_CONTRAST:g}:1"
            )
    return None


# The slate scheme's own hue where a palette gives it one, else the hue of the page's root.
_HUE = re.compile(r"\[data-md-color-scheme=slate\]\{--md-hue:(\d+(?:\.\d+)?)deg")
_ROOT_HUE = re.compile(r":root[^{]*\{--md-hue:(\d+(?:\.\d+)?)deg")
_BACKGROUND = re.compile(r"--md-default-bg-color:hsla\(var\(--md-hue\),\s*(\d+)%,\s*(\d+)%,\s*1\)")


@cache
def dark_background() -> str:
    """The dark scheme's page background as `#rrggbb`, read from Material's palette
    stylesheet; the fallback (Material 9's) only where that cannot be read."""
    css = palette_css()
    found = background_in(css) if css is not None else None
    return found or DARK_BACKGROUND_FALLBACK


def palette_css() -> str | None:
    """The installed Material's main and palette stylesheets, where Material 9 keeps them:
    the hue is set in the first, the slate scheme's colours in the second."""
    try:
        folder = files("material").joinpath("templates/assets/stylesheets")
        sheets = sorted(
            (entry.name, entry.read_text())
            for entry in folder.iterdir()
            if entry.name.startswith(("main.", "palette.")) and entry.name.endswith(".min.css")
        )
    except (ModuleNotFoundError, OSError):
        return None
    return "\n".join(css for _, css in sheets) or None


def background_in(css: str) -> str | None:
    """The slate scheme's `--md-default-bg-color`, worked out from its hue."""
    hue, background = _HUE.search(css) or _ROOT_HUE.search(css), _BACKGROUND.search(css)
    if hue is None or background is None:
        return None
    saturation, lightness = int(background.group(1)) / 100, int(background.group(2)) / 100
    red, green, blue = colorsys.hls_to_rgb(float(hue.group(1)) / 360, lightness, saturation)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))
