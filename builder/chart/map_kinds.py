"""The map kinds: places over Syria's outlines (Natural Earth), in a frame fitted to them,
with labels that never overlap and a national inset when the frame is local."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, cast

import altair as alt
import pandas as pd

from builder import inks, status
from builder.chart import captions, maps, select
from builder.chart.marks import HOUSE, Style, status_shape
from builder.chart_definitions import ControlMap, LocatorMap


@cache
def outlines() -> list[dict[str, Any]]:
    text = files("builder").joinpath("geodata/syria-outlines.geojson").read_text()
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


Features = list[dict[str, Any]]


@dataclass(frozen=True)
class MapDrawing:
    """A map and the outlines its layers draw, as datasets named by their content. Altair
    copies a chart's inline data deeply at every layer, panel and property it is given;
    copying the outlines' coordinates took most of the time of making a control map's
    spec. Named, they are written once, into the spec's top-level `datasets`."""

    chart: alt.TopLevelMixin
    datasets: dict[str, Features]

    def to_dict(self, validate: bool = True) -> dict[str, Any]:
        spec: dict[str, Any] = self.chart.to_dict(validate=validate)
        return {**spec, "datasets": {**spec.get("datasets", {}), **self.datasets}}


def _named(features: Features, datasets: dict[str, Features]) -> alt.NamedData:
    """`features` as a dataset of the map, named by their content, kept in `datasets`."""
    text = json.dumps(features, sort_keys=True, separators=(",", ":"))
    name = f"outlines-{hashlib.sha256(text.encode()).hexdigest()[:16]}"
    datasets[name] = features
    return alt.NamedData(name=name)


def locator_map(
    data: pd.DataFrame,
    definition: LocatorMap,
    style: Style = HOUSE,
) -> MapDrawing:
    """Places by their coordinates over governorate outlines (Natural Earth), in a frame
    fitted to them, with labels that never overlap; a national inset when the frame is
    local."""
    frame, labels, _ = select.map_layout(data, definition, style.narrow)
    datasets: dict[str, Features] = {}
    dots = (
        alt.Chart(data)
        .mark_circle(size=70, opacity=1)
        .encode(
            longitude=alt.Longitude("lon:Q"),
            latitude=alt.Latitude("lat:Q"),
            # The text's ink, not a side's colour: a locator dot says where, not who holds it.
            color=alt.ColorValue(inks.sentinel("text")),
            tooltip=[alt.Tooltip(field) for field in ("place:N", "kind:N", "province:N")],
        )
    )
    lines = _named(maps.lines_in(outlines(), frame), datasets)
    drawn = (
        alt.layer(_outline_layer(lines), dots, _labels(labels))
        .properties(width=frame.width, height=frame.height)
        .project(**frame.projection())  # type: ignore[arg-type]
    )
    if not frame.local:
        return MapDrawing(drawn, datasets)
    inset = _inset(frame, datasets)
    return MapDrawing(
        alt.vconcat(drawn, inset) if style.narrow else alt.hconcat(drawn, inset), datasets
    )


# Governorate lines, lighter than the country's edge.
INNER = "datum.properties.layer == 'governorate'"


def _outline_layer(lines: alt.NamedData) -> alt.Chart:
    """Governorate lines, lighter than the country's edge."""
    drawn: alt.Chart = (
        alt.Chart(lines)
        .mark_geoshape(filled=False)
        .encode(
            strokeWidth=alt.StrokeWidthValue(1.2, condition={"test": INNER, "value": 0.6}),
            strokeOpacity=alt.StrokeOpacityValue(0.9, condition={"test": INNER, "value": 0.5}),
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
        .encode(
            longitude=alt.Longitude("x:Q"), latitude=alt.Latitude("y:Q"), text=alt.Text("label:N")
        )
        .properties(name="labels")
    )
    return drawn


def _inset(frame: maps.Frame, datasets: dict[str, Features]) -> alt.LayerChart:
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
    edge = alt.Chart(_named(country_lines, datasets)).mark_geoshape(filled=False, strokeWidth=0.8)
    shown = alt.Chart(_named([box], datasets)).mark_geoshape(filled=False, strokeWidth=2.5)
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
) -> MapDrawing:
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
    datasets: dict[str, Features] = {}
    lines = _named(maps.lines_in(outlines(), frame), datasets)
    panels = []
    for day in dict.fromkeys(zip(data["date"], data["part_of_day"], strict=True)):
        shown = points_at[(points_at["date"] == day[0]) & (points_at["part_of_day"] == day[1])]
        dots = (
            alt.Chart(shown)
            .mark_point(filled=True, size=90, opacity=1, strokeWidth=1)
            .encode(
                longitude=alt.Longitude("lon:Q"),
                latitude=alt.Latitude("lat:Q"),
                color=alt.Color(
                    "holder:N",
                    title="Held by",
                    scale=alt.Scale(domain=order, range=[holders[h] for h in order]),
                ),
                shape=status_shape(located["status"]),
                tooltip=[
                    alt.Tooltip(field)
                    for field in ("place:N", "holder:N", "since:N", "status:N", "province:N")
                ],
            )
        )
        panels.append(
            alt.layer(_outline_layer(lines), dots, _labels(labels))
            .properties(
                width=frame.width, height=frame.height, title=f"As of {captions.stamp_of(day)}"
            )
            .project(**frame.projection())  # type: ignore[arg-type]
        )
    if frame.local:
        panels.append(_inset(frame, datasets))
    if len(panels) == 1:
        return MapDrawing(panels[0], datasets)
    return MapDrawing(alt.vconcat(*panels) if style.narrow else alt.hconcat(*panels), datasets)
