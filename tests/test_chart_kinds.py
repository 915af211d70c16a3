"""One drawing per kind of chart: the plotted rows in, a Vega-Lite spec out. Read from the
specs the minimal fixture's rows make, without rendering them."""

from __future__ import annotations

from typing import Any

import pytest

from builder.chart.kinds import CHART_KINDS, changes_per_day, small_multiples, step_chart
from builder.chart.map_kinds import control_map, locator_map
from builder.chart.marks import Style
from builder.chart.select import party_colours, rows
from builder.derive import derive
from builder.models import (
    CHART_MODELS,
    ChangesChart,
    ControlMap,
    LocatorMap,
    ProvinceChart,
    SiteMap,
    SmallMultiplesChart,
    StepChart,
)
from builder.validate import Content
from tests.conftest import REPO
from tests.contents import content_of

SELECTION = {"series": "areas-held", "places": ["north"], "parties": ["opposition"]}


@pytest.fixture(scope="module")
def content() -> Content:
    return content_of()


def data_of(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = spec["datasets"][(layer.get("data") or spec["data"])["name"]]
    return found


def test_every_kind_an_editor_can_write_is_drawn_and_so_are_dateline_s_own() -> None:
    assert set(CHART_KINDS) == {*CHART_MODELS.values(), ProvinceChart, SiteMap}


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
    assert data_of(spec, note) == [{"date": "2024-12-02", "text": "3 → 5"}]


def test_small_multiples_have_a_panel_per_place_two_to_a_row(content: Content) -> None:
    definition = SmallMultiplesChart.model_validate(
        {"id": "m", "kind": "small-multiples", "title": "Held", **SELECTION}
    )
    spec = small_multiples(rows(definition, content, derive(content)), definition).to_dict()
    assert spec["facet"]["field"] == "place" and spec["columns"] == 2
    assert "resolve" not in spec  # one scale for every panel, so that they compare
    assert spec["spec"]["layer"][0]["encoding"]["color"]["field"] == "party"


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


def test_a_locator_map_places_dots_and_names_over_syria_s_outlines() -> None:
    content = content_of(REPO)
    definition = LocatorMap(
        id="l", kind="locator-map", title="Where", places=["saraqib", "maarat-al-numan"]
    )
    spec = locator_map(rows(definition, content, derive(content)), definition).to_dict()
    # Two towns of Idlib: a local frame, with Syria beside it to say where it is.
    drawn, inset = spec["hconcat"]
    assert inset["title"] == "Where this is"
    outlines, dots, names = drawn["layer"]
    assert outlines["mark"]["type"] == "geoshape" and data_of(spec, outlines)
    assert drawn["projection"]["type"] == "mercator" and "fit" not in drawn["projection"]
    assert dots["encoding"]["longitude"]["field"] == "lon"
    assert dots["encoding"]["latitude"]["field"] == "lat"
    # Each name drawn where it was placed, clear of every other name and point.
    assert names["encoding"]["text"]["field"] == "label"
    assert [row["label"] for row in data_of(spec, names)] == ["Saraqib", "Maarat al-Numan"]


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
    assert {"date": "2024-12-02", "text": "Villages taken"} in notes


def test_a_control_map_colours_by_party_shapes_by_status_and_fits_its_frame() -> None:
    content = content_of(REPO)
    definition = ControlMap.model_validate(
        {
            "id": "m",
            "kind": "control-map",
            "title": "Idlib",
            "places": ["idlib", "aleppo"],
            "dates": ["2024-11-28", "2024-12-01"],
        }
    )
    spec = control_map(rows(definition, content, derive(content)), definition).to_dict()
    *panels, inset = spec["hconcat"]
    assert [panel["title"] for panel in panels] == [
        "As of 28 November 2024, end of day",
        "As of 1 December 2024, end of day",
    ]
    assert inset["title"] == "Where this is"  # the frame is local
    for panel in panels:
        outlines, dots, labels = panel["layer"]
        assert outlines["mark"]["type"] == "geoshape"
        # The frame is computed, not fitted by Vega-Lite: labels were placed in it.
        assert "fit" not in panel["projection"] and panel["projection"]["type"] == "mercator"
        colour = dots["encoding"]["color"]
        # Each side in its colour from parties.yml, whatever the data's order.
        assert dict(zip(colour["scale"]["domain"], colour["scale"]["range"], strict=True)) == {
            "Syrian government forces": "#D55E00",
            "Syrian opposition forces": "#009E73",
        }
        shape = dots["encoding"]["shape"]["scale"]
        assert dict(zip(shape["domain"], shape["range"], strict=True)) == {
            "unverified": "diamond",
            "contested": "triangle-up",
        }
        assert labels["mark"]["type"] == "text" and labels["name"].startswith("labels")
    # The same frame and labels in every panel, so that before and after compare.
    assert panels[0]["projection"] == panels[1]["projection"]
    assert data_of(spec, panels[0]["layer"][2]) == data_of(spec, panels[1]["layer"][2])
