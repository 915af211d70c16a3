"""What every chart kind draws with: each side in its own colour whatever else a chart
shows, annotations beside their rule, and the narrow layout's stacked legends."""

from __future__ import annotations

import ast
import datetime as dt
import re

import altair as alt
import pandas as pd
import vl_convert

from builder.chart.marks import annotated, date_axis, day_x, label_lines, narrowed, party_scale
from builder.chart_definitions import Annotation
from tests.conftest import REPO

COLOURS = {"Opposition": "#009E73", "Government": "#D55E00"}


def test_a_side_keeps_its_colour_whatever_else_is_shown() -> None:
    alone = party_scale(["Opposition"], COLOURS).to_dict()
    both = party_scale(["Government", "Opposition"], COLOURS).to_dict()
    assert alone == {"domain": ["Opposition"], "range": ["#009E73"]}
    # Listed in the order the parties are written, each with its own colour.
    assert both == {"domain": ["Opposition", "Government"], "range": ["#009E73", "#D55E00"]}
    assert party_scale(["No recorded holder"], COLOURS).to_dict()["range"] == ["#888888"]


SPAN = (dt.date(2024, 11, 27), dt.date(2024, 12, 8))  # 11 days over 550 px: 50 px a day


def test_an_annotation_is_a_rule_and_its_text_on_the_side_asked() -> None:
    base = alt.Chart(pd.DataFrame({"date": ["2024-12-01"], "count": [1]})).mark_line()
    notes = [Annotation(date="2024-12-02", text="12 → 16")]
    *_, rule, label = annotated([base], notes, SPAN, 550, side="right")
    assert rule.to_dict()["mark"]["type"] == "rule"
    assert (label.mark.align, label.mark.dx, label.mark.dy) == ("left", 6, 2)
    assert annotated([base], [], SPAN, 550) == [base]


def test_labels_that_would_overlap_go_on_lines_of_their_own() -> None:
    notes = [
        Annotation(date="2024-12-03", text="Hama city entered"),  # 17 characters: 117 px
        Annotation(date="2024-12-02", text="Aleppo airport taken"),
        Annotation(date="2024-12-07", text="Homs"),  # far enough from both
    ]
    # Placed from the earliest day: Aleppo on the top line; Hama, a day later, under it.
    assert label_lines(notes, SPAN, 550, "right") == [(1, "right"), (0, "right"), (0, "right")]


def test_a_label_that_would_run_out_of_the_plot_turns_to_the_other_side() -> None:
    early = Annotation(date="2024-11-28", text="Offensive begins")
    late = Annotation(date="2024-12-08", text="Damascus")
    assert label_lines([early], SPAN, 550, "left") == [(0, "right")]
    assert label_lines([late], SPAN, 550, "right") == [(0, "left")]


def test_close_annotations_are_drawn_apart() -> None:
    """Drawn: the two labels' text sits on different lines, the later under the earlier."""
    data = pd.DataFrame({"date": ["2024-11-27", "2024-12-08"], "count": [1, 2]})
    notes = [
        Annotation(date="2024-12-02", text="Aleppo airport taken"),
        Annotation(date="2024-12-03", text="Hama city entered"),
    ]
    base = alt.Chart(data).mark_line().encode(x=day_x(), y="count:Q")
    chart = alt.layer(*annotated([base], notes, SPAN, 560)).properties(width=560)
    svg = vl_convert.vegalite_to_svg(chart.to_dict(), allowed_base_urls=[])
    lines = {
        text: float(y)
        for y, text in re.findall(
            r"<text[^>]*translate\([\d.]+,([\d.]+)\)[^>]*>([^<]+)</text>", svg
        )
        if text in ("Aleppo airport taken", "Hama city entered")
    }
    assert lines["Hama city entered"] > lines["Aleppo airport taken"]


def test_the_narrow_layout_stacks_its_legends() -> None:
    spec = narrowed({"config": {"legend": {"orient": "bottom"}}, "mark": "bar"})
    assert spec["mark"] == "bar"
    assert spec["config"]["legend"] == {
        "orient": "bottom",
        "direction": "vertical",
        "layout": {"bottom": {"anchor": "start", "direction": "vertical"}},
    }


def test_every_encoding_is_given_as_a_channel_object_never_inferred_by_altair() -> None:
    """Altair infers a channel from a shorthand string or a dict by matching the schema:
    100 times slower than the object, which the charts' specs are made of."""
    inferred = []
    for module in sorted((REPO / "builder" / "chart").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "encode"):
                continue
            for keyword in node.keywords:
                values = (
                    keyword.value.elts if isinstance(keyword.value, ast.List) else [keyword.value]
                )
                for value in values:
                    given = ast.unparse(value)
                    if isinstance(value, ast.Constant) or given.startswith(
                        ("alt.value(", "alt.condition(")
                    ):
                        inferred.append(f"{module.name}:{value.lineno}: {keyword.arg}={given}")
    assert inferred == []


def test_a_date_axis_ticks_each_day_of_a_month_and_at_round_intervals_beyond() -> None:
    first = dt.date(2024, 12, 1)
    assert date_axis(first, first + dt.timedelta(days=31)).to_dict()["tickCount"] == "day"
    quarter = date_axis(first, first + dt.timedelta(days=90)).to_dict()
    assert (quarter["tickCount"], quarter["format"]) == (5, "%-d %b %Y")
    years = date_axis(first, first + dt.timedelta(days=1200)).to_dict()
    assert (years["tickCount"], years["format"]) == (5, "%b %Y")
