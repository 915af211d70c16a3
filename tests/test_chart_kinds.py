"""One drawing per kind of chart: the plotted rows in, a Vega-Lite spec out. Read from the
specs the minimal fixture's rows make, without rendering them."""

from __future__ import annotations

from typing import Any

import pytest

from builder.chart.kinds import (
    CHART_KINDS,
    FEW_PANELS,
    MARKED_MOST,
    NARROW_PLOT,
    PANEL_SPACING,
    changes_per_day,
    marks_only_the_latest,
    small_multiples,
    step_chart,
)
from builder.chart.marks import Style
from builder.chart.select import party_colours, rows
from builder.chart.theme import PLOT_WIDTH
from builder.chart_definitions import (
    CHART_MODELS,
    ChangesChart,
    MonthStrip,
    ProvinceChart,
    ProvinceOverview,
    SiteMap,
    SmallMultiplesChart,
    StepChart,
)
from builder.derive import derive
from builder.validate import Content
from tests.contents import content_of, count_rows

SELECTION = {"series": "areas-held", "places": ["north"], "parties": ["opposition"]}


@pytest.fixture(scope="module")
def content() -> Content:
    return content_of()


def data_of(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = spec["datasets"][(layer.get("data") or spec["data"])["name"]]
    return found


def test_every_kind_an_editor_can_write_is_drawn_and_so_are_dateline_s_own() -> None:
    kinds = {*CHART_MODELS.values(), ProvinceChart, ProvinceOverview, SiteMap, MonthStrip}
    assert set(CHART_KINDS) == kinds


def test_a_step_chart_draws_a_labelled_line_per_place_and_party(content: Content) -> None:
    definition = StepChart.model_validate({"id": "s", "kind": "step", "title": "Held", **SELECTION})
    data = rows(definition, content, derive(content))
    spec = step_chart(data, definition, Style(party_colours(content))).to_dict()
    line, points, labels = spec["layer"]
    assert (line["mark"]["type"], line["mark"]["interpolate"]) == ("line", "step-after")
    # Each point's shape says the status of the claim behind it, named in the legend.
    assert points["encoding"]["shape"]["field"] == "status"
    assert points["encoding"]["shape"]["scale"] == {"domain": ["unverified"], "range": ["diamond"]}
    # A line per place, in its party's colour (the minimal parties take the palette's).
    assert line["encoding"]["detail"]["field"] == "place"
    assert line["encoding"]["color"]["field"] == "party"
    assert line["encoding"]["color"]["scale"] == {
        "domain": ["Opposition forces"],
        "range": ["#0072B2"],
    }
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "count"
    # Text takes its colour from the config, so that the dark variant can restyle it.
    assert "color" not in labels["mark"]


def test_annotations_add_a_rule_and_a_note_at_their_date(content: Content) -> None:
    definition = StepChart.model_validate(
        {
            "id": "s",
            "kind": "step",
            "title": "Held",
            **SELECTION,
            "annotations": [{"date": "2024-12-02", "text": "3 → 5"}],
        }
    )
    spec = step_chart(rows(definition, content, derive(content)), definition).to_dict()
    *_, rule, note = spec["layer"]
    assert (rule["mark"]["type"], rule["mark"]["strokeDash"]) == ("rule", [4, 4])
    assert note["encoding"]["text"]["field"] == "text"
    assert data_of(spec, note) == [
        {"date": "2024-12-02", "text": "3 → 5", "line": 0, "side": "left"}
    ]


def test_small_multiples_have_a_panel_per_place_two_to_a_row(content: Content) -> None:
    definition = SmallMultiplesChart.model_validate(
        {"id": "m", "kind": "small-multiples", "title": "Held", **SELECTION}
    )
    spec = small_multiples(rows(definition, content, derive(content)), definition).to_dict()
    assert spec["facet"]["field"] == "place" and spec["columns"] == 2
    assert "resolve" not in spec  # one scale for every panel, so that they compare
    assert spec["spec"]["layer"][0]["encoding"]["color"]["field"] == "party"


def test_more_than_four_panels_go_three_to_a_row_and_two_on_a_phone() -> None:
    # Fourteen provinces as two columns of tall panels were most of the home page.
    data = count_rows(f"Province {n}" for n in range(FEW_PANELS + 1))
    definition = SmallMultiplesChart.model_validate(
        {"id": "m", "kind": "small-multiples", "title": "Held", **SELECTION}
    )
    wide = small_multiples(data, definition).to_dict()
    narrow = small_multiples(data, definition, Style(narrow=True)).to_dict()
    assert (wide["columns"], narrow["columns"]) == (3, 2)
    assert "resolve" not in wide and "resolve" not in narrow  # one scale for all
    # The panels and the spaces between them fill the column the layout is drawn for.
    for spec, columns, plot in ((wide, 3, PLOT_WIDTH), (narrow, 2, NARROW_PLOT)):
        panel = spec["spec"]["width"]
        assert plot - PANEL_SPACING < panel * columns + PANEL_SPACING * (columns - 1) <= plot


def test_places_are_told_apart_by_dashes_in_one_view_and_by_panels_in_small_multiples() -> None:
    data = count_rows(["North", "South"])
    step = StepChart.model_validate({"id": "s", "kind": "step", "title": "Held", **SELECTION})
    panels = SmallMultiplesChart.model_validate(
        {"id": "m", "kind": "small-multiples", "title": "Held", **SELECTION}
    )
    line = step_chart(data, step).to_dict()["layer"][0]
    assert line["encoding"]["strokeDash"]["field"] == "place"
    panel_line = small_multiples(data, panels).to_dict()["spec"]["layer"][0]
    assert "strokeDash" not in panel_line["encoding"]


def test_changes_per_day_stack_by_who_took_the_places_with_a_total_a_day(
    content: Content,
) -> None:
    definition = ChangesChart(id="c", kind="changes-per-day", title="Taken")
    data = rows(definition, content, derive(content))
    spec = changes_per_day(data, definition, Style(party_colours(content))).to_dict()
    bars, totals = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["color"] == {
        "field": "to_party",
        "title": "Taken by",
        "type": "nominal",
        "scale": {"domain": ["Opposition forces"], "range": ["#0072B2"]},
    }
    # Whole places: counted per day and side, ticks in whole numbers.
    assert bars["encoding"]["y"]["axis"] == {"format": "d", "tickMinStep": 1}
    assert data_of(spec, bars) == [
        {"date": "2024-12-02", "to_party": "Opposition forces", "places": 2}
    ]
    # A continuous axis of days, one tick each, centred under its bar.
    x = bars["encoding"]["x"]
    assert (x["type"], x["scale"]["type"]) == ("temporal", "utc")
    assert x["axis"]["tickCount"] == {"interval": "day", "step": 1}
    assert totals["encoding"]["text"]["field"] == "places"


def test_changes_per_day_draw_their_annotations_as_the_guide_says() -> None:
    content = content_of()
    definition = ChangesChart(
        id="c",
        kind="changes-per-day",
        title="Taken",
        annotations=[{"date": "2024-12-02", "text": "Villages taken"}],
    )
    spec = changes_per_day(rows(definition, content, derive(content)), definition).to_dict()
    assert "rule" in [layer["mark"]["type"] for layer in spec["layer"]]
    notes = [row for values in spec["datasets"].values() for row in values]
    assert {"date": "2024-12-02", "text": "Villages taken", "line": 0, "side": "left"} in notes


def test_small_panels_label_each_line_s_latest_count_and_keep_few_dates() -> None:
    data = count_rows((f"Province {n}" for n in range(FEW_PANELS + 1)), days=(1, 2, 3))
    definition = SmallMultiplesChart.model_validate(
        {"id": "m", "kind": "small-multiples", "title": "Held", **SELECTION}
    )
    line, points, labels = small_multiples(data, definition).to_dict()["spec"]["layer"]
    assert {"filter": "datum.latest == 1"} in labels["transform"]
    # A mark per count ran together too: 4,266 of them made the home page's figure 700 KB.
    assert {"filter": "datum.latest == 1"} in points["transform"]
    window = next(t for t in labels["transform"] if "window" in t)
    assert window["groupby"] == ["place", "party"]
    assert window["sort"] == [{"field": "date", "order": "descending"}]
    axis = line["encoding"]["x"]["axis"]
    assert (axis["tickCount"], axis["grid"], axis["labelFlush"]) == (3, False, True)


def test_a_long_series_labels_each_line_s_latest_count_and_ticks_by_month_not_day() -> None:
    definition = StepChart.model_validate({"id": "s", "kind": "step", "title": "Held", **SELECTION})
    month = step_chart(count_rows(["North"], days=range(1, 31)), definition).to_dict()
    line, points, labels = month["layer"]
    assert "transform" not in labels and "transform" not in points  # 30 counts: each labelled
    assert line["encoding"]["x"]["axis"]["tickCount"] == "day"
    longer = count_rows(["North"], days=range(1, 32))
    longer["date"] = [f"202{4 + day // 13}-{day % 12 + 1:02d}-01" for day in range(31)]
    years = step_chart(longer, definition).to_dict()
    line, points, labels = years["layer"]
    assert {"filter": "datum.latest == 1"} in labels["transform"]
    assert "transform" not in points  # 31 counts: every count keeps its status mark
    axis = line["encoding"]["x"]["axis"]
    assert (axis["tickCount"], axis["format"]) == (5, "%b %Y")


def test_a_chart_of_many_counts_marks_only_each_line_s_latest() -> None:
    # 421 marks 0.6 px apart on a province's chart ran into one smear: no status to read.
    definition = StepChart.model_validate({"id": "s", "kind": "step", "title": "Held", **SELECTION})
    two_lines = count_rows(["North", "South"], days=range(1, 31))
    _, points, _ = step_chart(two_lines, definition).to_dict()["layer"]
    assert MARKED_MOST == 60 and len(two_lines) == MARKED_MOST
    assert "transform" not in points
    assert marks_only_the_latest(two_lines, definition) is False
    more = count_rows(["North", "South", "East"], days=range(1, 31))
    _, points, _ = step_chart(more, definition).to_dict()["layer"]
    assert {"filter": "datum.latest == 1"} in points["transform"]
    assert marks_only_the_latest(more, definition) is True
