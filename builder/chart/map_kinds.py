"""The map kinds: places over Syria's outlines (Natural Earth), in a frame fitted to them,
with labels that never overlap and a national inset when the frame is local."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any, cast

import altair as alt
import pandas as pd

from builder import inks, status
from builder.chart import maps, select
from builder.chart.marks import HOUSE, Style, status_shape
from builder.chart_definitions import ControlMap, LocatorMap


@cache
def outlines() -> list[dict[str, Any]]:
    text = files("builder").joinpath("geodata/syria-outlines.geojson").read_text()
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


def locator_map(
    data: pd.DataFrame,
    definition: LocatorMap,
    style: Style = HOUSE,
) -> alt.TopLevelMixin:
    """Places by their coordinates over governorate outlines (Natural Earth), in a frame
    fitted to them, with labels that never overlap; a national inset when the frame is
    local."""
    frame, labels, _ = select.map_layout(data, definition, style.narrow)
    dots = (
        alt.Chart(data)
        .mark_circle(size=70, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            # The text's ink, not a side's colour: a locator dot says where, not who holds it.
            color=alt.value(inks.sentinel("text")),
            tooltip=["place:N", "kind:N", "province:N"],
        )
    )
    drawn = (
        alt.layer(_outline_layer(maps.lines_in(outlines(), frame)), dots, _labels(labels))
        .properties(width=frame.width, height=frame.height)
        .project(**frame.projection())  # type: ignore[arg-type]
    )
    if not frame.local:
        return drawn
    return alt.vconcat(drawn, _inset(frame)) if style.narrow else alt.hconcat(drawn, _inset(frame))


def _outline_layer(features: list[dict[str, Any]]) -> alt.Chart:
    """Governorate lines, lighter than the country's edge."""
    drawn: alt.Chart = (
        alt.Chart(alt.InlineData(values=features))
        .mark_geoshape(filled=False)
        .encode(
            strokeWidth=alt.condition(
                "datum.properties.layer == 'governorate'", alt.value(0.6), alt.value(1.2)
            ),
            strokeOpacity=alt.condition(
                "datum.properties.layer == 'governorate'", alt.value(0.5), alt.value(0.9)
            ),
        )
    )
    return drawn


def _labels(labels: dict[int, maps.Label]) -> alt.Chart:
    """The placed labels, each drawn at the middle of the box it was placed with."""
    placed = pd.DataFrame(
        [
            {"label": label.text, "x": label.lon, "y": label.lat}
            for _, label in sorted(labels.items())
        ],
        columns=["label", "x", "y"],
    )
    drawn: alt.Chart = (
        alt.Chart(placed)
        .mark_text(align="center", baseline="middle", fontWeight="bold", fontSize=maps.LABEL_SIZE)
        .encode(longitude="x:Q", latitude="y:Q", text="label:N")
        .properties(name="labels")
    )
    return drawn


def _inset(frame: maps.Frame) -> alt.LayerChart:
    """Syria at a glance, with the main map's frame drawn on it."""
    country = maps.national()
    (west, south), (east, north) = frame.bounds()
    box = {
        "type": "Feature",
        "properties": {"layer": "frame"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [[west, south], [west, north], [east, north], [east, south], [west, south]]
            ],
        },
    }
    country_lines = [f for f in outlines() if f["properties"]["layer"] != "governorate"]
    edge = alt.Chart(alt.InlineData(values=country_lines)).mark_geoshape(
        filled=False, strokeWidth=0.8
    )
    shown = alt.Chart(alt.InlineData(values=[box])).mark_geoshape(filled=False, strokeWidth=2.5)
    inset = (
        alt.layer(edge, shown)
        .properties(width=country.width, height=country.height, title="Where this is")
        .project(**country.projection())  # type: ignore[arg-type]
    )
    return cast(alt.LayerChart, inset)


def control_map(
    data: pd.DataFrame,
    definition: ControlMap,
    style: Style = HOUSE,
) -> alt.TopLevelMixin:
    """Who holds each place: points coloured by holder (parties.yml's colours), shaped by
    status, over governorate outlines, in a frame fitted to the places, with labels that
    never overlap; one panel per moment, each with its "as of" stamp; a national inset when
    the frame is local."""
    frame, labels, _ = select.map_layout(data, definition, style.narrow)
    located = select.drawn_rows(data, definition)
    holders = dict(zip(located["holder"], located["_colour"], strict=True))
    order = [name for name in style.colours if name in holders]
    order += sorted(
        set(holders).difference(order), key=lambda h: (h == status.NOT_RECORDED.name, h)
    )
    points_at = located.drop(columns=["_colour"])
    panels = []
    for day in dict.fromkeys(zip(data["date"], data["part_of_day"], strict=True)):
        shown = points_at[(points_at["date"] == day[0]) & (points_at["part_of_day"] == day[1])]
        dots = (
            alt.Chart(shown)
            .mark_point(filled=True, size=90, opacity=1, strokeWidth=1)
            .encode(
                longitude="lon:Q",
                latitude="lat:Q",
                color=alt.Color(
                    "holder:N",
                    title="Held by",
                    scale=alt.Scale(domain=order, range=[holders[h] for h in order]),
                ),
                shape=status_shape(located["status"]),
                tooltip=["place:N", "holder:N", "since:N", "status:N", "province:N"],
            )
        )
        panels.append(
            alt.layer(_outline_layer(maps.lines_in(outlines(), frame)), dots, _labels(labels))
            .properties(
                width=frame.width, height=frame.height, title=f"As of {select.stamp_of(day)}"
            )
            .project(**frame.projection())  # type: ignore[arg-type]
        )
    if frame.local:
        panels.append(_inset(frame))
    if len(panels) == 1:
        return panels[0]
    return alt.vconcat(*panels) if style.narrow else alt.hconcat(*panels)
