"""The house theme, registered once: offline fonts, and text, axes and grid drawn in the inks
of `builder.inks` (sentinel colours that the rendered SVG turns into CSS custom properties),
so one drawing serves the light and the dark scheme. Parties' colours come from
`builder.colours`; the category palette below only colours what is not a side."""

from __future__ import annotations

import altair as alt

from builder.colours import PALETTE
from builder.inks import sentinel
from builder.vlworker import FONT

# A time chart's plot, in px: about Datawrapper's column, its axes beside it.
PLOT_WIDTH = 560

INK, AXIS, GRID = sentinel("text"), sentinel("axis"), sentinel("grid")


@alt.theme.register("dateline", enable=True)
def dateline_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            # The figure carries the accessible name and the data table; marks stay silent.
            "aria": False,
            "background": "transparent",
            # Sizes live in the view config: top-level width/height are invalid on facets.
            "view": {"stroke": None, "continuousWidth": PLOT_WIDTH, "continuousHeight": 260},
            "range": {"category": list(PALETTE)},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "gridColor": GRID,
                "labelColor": INK,
                "titleColor": INK,
                "domainColor": AXIS,
                "tickColor": AXIS,
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                # Legends, and the entries of each, one under the other, never side by
                # side: a reader whose browser has none of the house font's families sets
                # the labels wider than vl-convert measured them, and a label beside
                # another entry or legend would run into it. (Vega's layout object, given
                # as an expression: Vega-Lite's schema allows no other.)
                "direction": "vertical",
                "layout": {"expr": "{bottom: {direction: 'vertical', anchor: 'start'}}"},
                "labelLimit": 0,
                "labelColor": INK,
                "titleColor": INK,
            },
            "header": {"labelFontSize": 12, "labelColor": INK, "titleColor": INK},
            "title": {"color": INK, "subtitleColor": INK},
            "text": {"fontSize": 12, "color": INK},
            "rule": {"color": AXIS},
            "geoshape": {"color": AXIS},
        },
    }
