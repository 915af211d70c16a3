"""The map kinds: places over Syria's outlines in a frame fitted to them, labels placed
apart, held places coloured by their side. Read from the specs, without rendering them."""

from __future__ import annotations

from builder.chart.map_kinds import control_map, locator_map
from builder.chart.select import rows
from builder.chart_definitions import ControlMap, LocatorMap
from builder.derive import derive
from tests.conftest import REPO
from tests.contents import content_of
from tests.test_chart_kinds import data_of


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
