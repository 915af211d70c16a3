"""The house theme, registered once: a colour-blind-safe palette, offline fonts, and a dark
variant applied at render time for readers whose scheme is dark."""

from __future__ import annotations

from typing import Any

import altair as alt

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DARK_PALETTE = ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#0072B2", "#FFFFFF"]
# DejaVu Sans is installed by the set-up (fonts-dejavu-core); the rest are fallbacks.
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
INK, MUTED = "#333333", "#666666"
DARK_INK, DARK_MUTED = "#e6e6e6", "#b3b3b3"


@alt.theme.register("dateline", enable=True)
def dateline_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            # The figure carries the accessible name and the data table; marks stay silent.
            "aria": False,
            "background": "transparent",
            # Sizes live in the view config: top-level width/height are invalid on facets.
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 260},
            "range": {"category": PALETTE},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "gridColor": "#d9d9d9",
                "labelColor": INK,
                "titleColor": INK,
                "domainColor": MUTED,
                "tickColor": MUTED,
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "labelLimit": 0,
                "labelColor": INK,
                "titleColor": INK,
            },
            "header": {"labelFontSize": 12, "labelColor": INK, "titleColor": INK},
            "text": {"fontSize": 12, "color": INK},
        },
    }


def dark_variant(spec: dict[str, Any]) -> dict[str, Any]:
    """The same chart styled for a dark page: the spec with the dark config laid over its own."""
    return {**spec, "config": _merged(spec.get("config", {}), dark_config())}


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = (
            _merged(base[key], value)
            if isinstance(value, dict) and isinstance(base.get(key), dict)
            else value
        )
    return merged


def dark_config() -> dict[str, Any]:
    """What changes for the dark variant; also served to the interactive layer."""
    return {
        "range": {"category": DARK_PALETTE},
        "axis": {
            "gridColor": "#4d4d4d",
            "labelColor": DARK_INK,
            "titleColor": DARK_INK,
            "domainColor": DARK_MUTED,
            "tickColor": DARK_MUTED,
        },
        "legend": {"labelColor": DARK_INK, "titleColor": DARK_INK},
        "header": {"labelColor": DARK_INK, "titleColor": DARK_INK},
        "text": {"color": DARK_INK},
        "mark": {"color": DARK_INK},
    }
