"""The house theme every chart is drawn with, and its dark variant: the same chart with the
dark colours laid over its own config, nothing else changed."""

from __future__ import annotations

import copy

import altair as alt
import pandas as pd

from builder.chart.theme import dark_variant

LIGHT = {
    "mark": "line",
    "config": {
        "font": "DejaVu Sans",
        "axis": {"labelFontSize": 12, "labelColor": "#333333", "gridColor": "#d9d9d9"},
        "range": {"category": ["#0072B2", "#D55E00"]},
    },
    "data": {"values": [{"count": 3}]},
}


def test_every_chart_is_drawn_in_the_house_theme() -> None:
    config = alt.Chart(pd.DataFrame({"count": [3, 5]})).mark_line().to_dict()["config"]
    assert config["font"].startswith("DejaVu Sans")
    assert config["background"] == "transparent"
    assert config["aria"] is False  # the figure around the chart carries its accessible name
    assert config["range"]["category"][:2] == ["#0072B2", "#D55E00"]


def test_the_dark_variant_changes_colours_and_keeps_everything_else() -> None:
    before = copy.deepcopy(LIGHT)
    dark = dark_variant(LIGHT)
    assert before == LIGHT  # the light chart is left as it was
    assert (dark["mark"], dark["data"]) == (LIGHT["mark"], LIGHT["data"])
    assert dark["config"]["font"] == "DejaVu Sans"
    assert dark["config"]["axis"] == {
        "labelFontSize": 12,
        "labelColor": "#e6e6e6",
        "gridColor": "#4d4d4d",
        "titleColor": "#e6e6e6",
        "domainColor": "#b3b3b3",
        "tickColor": "#b3b3b3",
    }
    assert dark["config"]["range"]["category"][:2] == ["#56B4E9", "#E69F00"]
    assert dark["config"]["text"]["color"] == dark["config"]["mark"]["color"] == "#e6e6e6"


def test_a_spec_without_a_config_gets_the_dark_one() -> None:
    dark = dark_variant({"mark": "bar"})
    assert dark["mark"] == "bar" and dark["config"]["legend"]["labelColor"] == "#e6e6e6"
