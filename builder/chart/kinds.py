"""One small function per chart kind: plotted rows in, an Altair chart out.

Text and rules carry their colours through the config (not fixed in the marks), so the
page's scheme can restyle them (`builder.inks`); a side's marks take its colour from
parties.yml (`builder.colours`), given to each kind as `colours` (party name to colour), so
a side keeps its colour whatever else a chart plots.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any, cast

import altair as alt
import pandas as pd

from builder import status
from builder.chart import maps, select
from builder.colours import NO_HOLDER
from builder.models import (
    Annotation,
    ChangesChart,
    ChartDefinition,
    ControlMap,
    LocatorMap,
    ProvinceChart,
    SiteMap,
    SmallMultiplesChart,
    StepChart,
)

Colours = Mapping[str, str]
NONE_GIVEN: Colours = MappingProxyType({})  # parties in the house palette's grey
Kind = Callable[..., alt.TopLevelMixin]  # (rows, definition, colours, narrow=False)
# A phone's column at 375 px is 343 px wide: the narrow layout is drawn to fit it, so that
# its 12 px text shows at 12 CSS px (the page picks the layout by its width, in CSS).
NARROW = 343
DATE_AXIS = alt.Axis(format="%-d %b %Y", labelAngle=0, tickCount="day")


def _x() -> alt.X:
    return alt.X(
        "date:T",
        title=None,
        timeUnit="utcyearmonthdate",
        axis=DATE_AXIS,
        scale=alt.Scale(padding=24),
    )


def _annotated(
    layers: list[alt.Chart], annotations: list[Annotation], x: alt.X | None = None
) -> list[alt.Chart]:
    """The layers with a dashed rule and a label on each annotated day; `x` is the layers'
    own date encoding (a bar chart's days are ordinal), the time axis by default."""
    if not annotations:
        return layers
    x = x if x is not None else _x()
    notes = pd.DataFrame([{"date": a.date.isoformat(), "text": a.text} for a in annotations])
    rule = alt.Chart(notes).mark_rule(strokeDash=[4, 4], opacity=0.6).encode(x=x)
    label = (
        alt.Chart(notes)
        .mark_text(align="right", dx=-6, dy=2, baseline="top", y=0)
        .encode(x=x, text="text:N")
    )
    return [*layers, rule, label]


def party_scale(shown: Iterable[str], colours: Colours) -> alt.Scale:
    """The colour scale of the parties a chart shows, each in its own colour (parties.yml),
    listed in the order the parties are written; a name without a colour (no holder) is
    grey."""
    present = set(shown)
    order = [name for name in colours if name in present]
    order += sorted(present.difference(order))
    return alt.Scale(domain=order, range=[colours.get(name, NO_HOLDER) for name in order])


def _steps(data: pd.DataFrame, colours: Colours) -> list[alt.Chart]:
    base = alt.Chart(data)
    y = alt.Y("count:Q", title=None, scale=alt.Scale(zero=True))
    tooltip = [
        alt.Tooltip("date:T", format="%-d %B %Y"),
        "part_of_day:N",
        "place:N",
        "party:N",
        "count:Q",
    ]
    colour = alt.Color("party:N", title=None, scale=party_scale(data["party"], colours))
    # One line per place and party: the party's colour, and a dash per place when there
    # are several.
    places = sorted(set(data["place"]))
    line = base.mark_line(interpolate="step-after", strokeWidth=2.5).encode(
        x=_x(), y=y, color=colour, detail="place:N"
    )
    if len(places) > 1:
        line = line.encode(strokeDash=alt.StrokeDash("place:N", title=None))
    # Each point's shape is the status of the claim behind it, as its mark is on the pages.
    points = base.mark_point(filled=True, size=70, opacity=1).encode(
        x=_x(),
        y=y,
        color=colour,
        shape=status_shape(data["status"]),
        tooltip=[*tooltip, alt.Tooltip("status:N")],
    )
    labels = base.mark_text(dy=-10, fontWeight="bold").encode(x=_x(), y=y, text="count:Q")
    return [line, points, labels]


def status_shape(shown: Iterable[str], field: str = "status") -> alt.Shape:
    """Statuses as point shapes: the same shape for a status in every chart and map, each
    named in the legend by its word, most sure first; only the statuses `shown` are listed."""
    present = set(shown)
    levels = [level for level in status.ALL if level.name in present]
    return alt.Shape(
        f"{field}:N",
        title="Status",
        scale=alt.Scale(
            domain=[level.name for level in levels], range=[level.shape for level in levels]
        ),
    )


def step_chart(
    data: pd.DataFrame,
    definition: StepChart,
    colours: Colours = NONE_GIVEN,
    narrow: bool = False,
) -> alt.TopLevelMixin:
    """Counts over time as steps, one line per place and party (the party's colour, a dash
    per place), each point labelled."""
    return _fitted(alt.layer(*_annotated(_steps(data, colours), definition.annotations)), narrow)


def narrowed(spec: dict[str, Any]) -> dict[str, Any]:
    """A narrow layout's spec with its legends stacked, each entry on a line of its own:
    side by side they were wider than the chart."""
    config = dict(spec.get("config", {}))
    config["legend"] = {
        **config.get("legend", {}),
        "direction": "vertical",
        "layout": {"bottom": {"anchor": "start", "direction": "vertical"}},
    }
    return {**spec, "config": config}


def _fitted(chart: alt.LayerChart | alt.FacetChart, narrow: bool) -> alt.TopLevelMixin:
    """The chart as it is, or fitted to a phone's width, axes and legend included."""
    if not narrow:
        return chart
    return chart.properties(
        width=NARROW, autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
    )


def small_multiples(
    data: pd.DataFrame,
    definition: SmallMultiplesChart,
    colours: Colours = NONE_GIVEN,
    narrow: bool = False,
) -> alt.TopLevelMixin:
    """One panel per place, the same scales in each, so panels compare at a glance."""
    return (
        alt.layer(*_steps(data, colours), data=data)
        .properties(width=NARROW - 60 if narrow else 260, height=160)
        .facet(facet=alt.Facet("place:N", title=None), columns=1 if narrow else 2)
    )


def changes_per_day(
    data: pd.DataFrame,
    definition: ChangesChart,
    colours: Colours = NONE_GIVEN,
    narrow: bool = False,
) -> alt.TopLevelMixin:
    """How many places changed hands each day, stacked by who took them."""
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "date:O",
                title=None,
                timeUnit="utcyearmonthdate",
                axis=alt.Axis(format="%-d %b", labelAngle=0),
            ),
            y=alt.Y("count():Q", title="Places changing hands"),
            color=alt.Color(
                "to_party:N", title="Taken by", scale=party_scale(data["to_party"], colours)
            ),
            tooltip=[
                alt.Tooltip("utcyearmonthdate(date):T", title="date", format="%-d %B %Y"),
                alt.Tooltip("to_party:N", title="taken by"),
                alt.Tooltip("count():Q", title="places"),
            ],
        )
    )
    totals = (
        alt.Chart(data)
        .mark_text(dy=-8)
        .encode(x=alt.X("date:O", timeUnit="utcyearmonthdate"), y="count():Q", text="count():Q")
    )
    days = alt.X("date:O", timeUnit="utcyearmonthdate")
    return _fitted(alt.layer(*_annotated([bars, totals], definition.annotations, days)), narrow)


@cache
def outlines() -> list[dict[str, Any]]:
    text = files("builder").joinpath("geodata/syria-outlines.geojson").read_text()
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


def locator_map(
    data: pd.DataFrame,
    definition: LocatorMap,
    colours: Colours = NONE_GIVEN,
    narrow: bool = False,
) -> alt.TopLevelMixin:
    """Places by their coordinates over governorate outlines (Natural Earth), in a frame
    fitted to them, with labels that never overlap; a national inset when the frame is
    local."""
    frame, labels, _ = select.map_layout(data, definition, narrow)
    dots = (
        alt.Chart(data)
        .mark_circle(size=70, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            color=alt.value("#D55E00"),
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
    return alt.vconcat(drawn, _inset(frame)) if narrow else alt.hconcat(drawn, _inset(frame))


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
    colours: Colours = NONE_GIVEN,
    narrow: bool = False,
) -> alt.TopLevelMixin:
    """Who holds each place: points coloured by holder (parties.yml's colours), shaped by
    status, over governorate outlines, in a frame fitted to the places, with labels that
    never overlap; one panel per moment, each with its "as of" stamp; a national inset when
    the frame is local."""
    frame, labels, _ = select.map_layout(data, definition, narrow)
    located = select.located_rows(data)
    holders = dict(zip(located["holder"], located["_colour"], strict=True))
    order = [name for name in colours if name in holders]
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
    return alt.vconcat(*panels) if narrow else alt.hconcat(*panels)


CHART_KINDS: dict[type[ChartDefinition], Kind] = {
    StepChart: step_chart,
    ProvinceChart: step_chart,
    SmallMultiplesChart: small_multiples,
    ChangesChart: changes_per_day,
    LocatorMap: locator_map,
    ControlMap: control_map,
    SiteMap: control_map,
}
