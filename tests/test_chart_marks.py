"""What every chart kind draws with: each side in its own colour whatever else a chart
shows, annotations beside their rule, and the narrow layout's stacked legends."""

from __future__ import annotations

import altair as alt
import pandas as pd

from builder.chart.marks import annotated, narrowed, party_scale
from builder.models import Annotation

COLOURS = {"Opposition": "#009E73", "Government": "#D55E00"}


def test_a_side_keeps_its_colour_whatever_else_is_shown() -> None:
    alone = party_scale(["Opposition"], COLOURS).to_dict()
    both = party_scale(["Government", "Opposition"], COLOURS).to_dict()
    assert alone == {"domain": ["Opposition"], "range": ["#009E73"]}
    # Listed in the order the parties are written, each with its own colour.
    assert both == {"domain": ["Opposition", "Government"], "range": ["#009E73", "#D55E00"]}
    assert party_scale(["No recorded holder"], COLOURS).to_dict()["range"] == ["#888888"]


def test_an_annotation_is_a_rule_and_its_text_on_the_side_asked() -> None:
    base = alt.Chart(pd.DataFrame({"date": ["2024-12-01"], "count": [1]})).mark_line()
    notes = [Annotation(date="2024-12-02", text="12 → 16")]
    *_, rule, label = annotated([base], notes, side="right")
    assert rule.to_dict()["mark"]["type"] == "rule"
    assert (label.mark.align, label.mark.dx) == ("left", 6)
    assert annotated([base], []) == [base]


def test_the_narrow_layout_stacks_its_legends() -> None:
    spec = narrowed({"config": {"legend": {"orient": "bottom"}}, "mark": "bar"})
    assert spec["mark"] == "bar"
    assert spec["config"]["legend"] == {
        "orient": "bottom",
        "direction": "vertical",
        "layout": {"bottom": {"anchor": "start", "direction": "vertical"}},
    }
