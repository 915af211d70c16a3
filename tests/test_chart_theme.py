"""The house theme every chart is drawn with: text, axes and grid in the inks of
`builder.inks` (sentinels that the SVG turns into the page's custom properties), never a
fixed colour that one of the schemes would make unreadable."""

from __future__ import annotations

import altair as alt
import pandas as pd

from builder.inks import INKS


def test_every_chart_is_drawn_in_the_house_theme() -> None:
    config = alt.Chart(pd.DataFrame({"count": [3, 5]})).mark_line().to_dict()["config"]
    assert config["font"].startswith("Liberation Sans")  # read from memory, Arial's widths
    assert config["background"] == "transparent"
    assert config["aria"] is False  # the figure around the chart carries its accessible name
    assert config["range"]["category"][:2] == ["#0072B2", "#D55E00"]


def test_text_axes_and_grid_take_the_inks_the_page_sets() -> None:
    config = alt.Chart(pd.DataFrame({"count": [3]})).mark_line().to_dict()["config"]
    text, axis, grid = (INKS[name].sentinel for name in ("text", "axis", "grid"))
    assert config["axis"]["labelColor"] == config["axis"]["titleColor"] == text
    assert config["axis"]["domainColor"] == config["axis"]["tickColor"] == axis
    assert config["axis"]["gridColor"] == grid
    assert config["legend"]["labelColor"] == config["header"]["labelColor"] == text
    assert config["text"]["color"] == config["title"]["color"] == text
