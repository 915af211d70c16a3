"""What every chart kind draws with: the parties' colour scale, the status shapes, the
day axis, annotations, and the narrow layout for phones.

Text and rules carry their colours through the config (not fixed in the marks), so the
page's scheme can restyle them (`builder.inks`); a side's marks take its colour from
parties.yml (`builder.colours`), given to each kind as `colours` (party name to colour), so
a side keeps its colour whatever else a chart plots.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, Protocol

import altair as alt
import pandas as pd

from builder import inks, status
from builder.chart_definitions import Annotation
from builder.colours import NO_HOLDER

Colours = Mapping[str, str]
Side = Literal["left", "right"]
NONE_GIVEN: Colours = MappingProxyType({})  # parties in the house palette's grey


@dataclass(frozen=True)
class Style:
    """How a chart is drawn besides its rows and definition: each party's colour by name
    (parties.yml's, `builder.colours`), and whether in the narrow layout for phones."""

    colours: Colours = field(default_factory=lambda: NONE_GIVEN)
    narrow: bool = False


HOUSE = Style()


# Kinds give encodings as Altair's channel objects (`alt.X("date:T")`, `alt.ColorValue(...)`),
# never as shorthand strings or `alt.value`/`alt.condition` dicts: from those, Altair finds
# the channel by matching the whole Vega-Lite schema, about a hundred times slower, most of
# the time of a cold build's chart specs (docs/performance.md; tests/test_chart_marks.py).


class Drawing(Protocol):
    """What a kind draws: anything that gives its Vega-Lite spec, as Altair's charts do."""

    def to_dict(self, validate: bool = True) -> dict[str, Any]: ...


Kind = Callable[[pd.DataFrame, Any, Style], Drawing]
# A phone's column at 375 px is 343 px wide: the narrow layout is drawn to fit it, so that
# its 12 px text shows at 12 CSS px (the page picks the layout by its width, in CSS).
NARROW = 343
DATE_AXIS = alt.Axis(format="%-d %b %Y", labelAngle=0, tickCount="day")
# The longest window drawn with a tick a day; over longer ones a tick a day drew a tick, a
# grid line and a hidden label for each: megabytes of SVG over years (docs/performance.md).
DAILY_TICKS_MOST = 31


def date_axis(first: dt.date, last: dt.date) -> alt.Axis:
    """A tick a day over a month or less; over a longer window about five ticks, at Vega's
    round intervals (weeks, months, years), dated to the day within a year, else by month."""
    days = (last - first).days
    if days <= DAILY_TICKS_MOST:
        return DATE_AXIS
    return alt.Axis(format="%-d %b %Y" if days <= 366 else "%b %Y", labelAngle=0, tickCount=5)


def day_x(axis: alt.Axis = DATE_AXIS) -> alt.X:
    return alt.X(
        "date:T",
        title=None,
        timeUnit="utcyearmonthdate",
        axis=axis,
        scale=alt.Scale(padding=24),
    )


def annotated(
    layers: list[alt.Chart],
    annotations: list[Annotation],
    span: tuple[dt.date, dt.date],
    width: float,
    x: alt.X | None = None,
    side: Side = "left",
) -> list[alt.Chart]:
    """The layers with a dashed rule on each annotated day and its label at the top of the
    plot, on the `side` of the rule where it stays clear of the axis (the other side where
    it would run out of the plot), each label on the first line down where it overlaps no
    other (`label_lines`). `span` is the days the plot's `width` (px) covers; `x` is the
    layers' own date encoding, the time axis by default."""
    if not annotations:
        return layers
    x = x if x is not None else day_x()
    placed = label_lines(annotations, span, width, side)
    notes = pd.DataFrame(
        [
            {"date": a.date.isoformat(), "text": a.text, "line": line, "side": where}
            for a, (line, where) in zip(annotations, placed, strict=True)
        ]
    )
    rule = alt.Chart(notes).mark_rule(strokeDash=[4, 4], opacity=0.6).encode(x=x)
    labels = [
        alt.Chart(notes[(notes["line"] == line) & (notes["side"] == where)])
        .mark_text(
            align="right" if where == "left" else "left",
            dx=-6 if where == "left" else 6,
            dy=2 + line * LABEL_LINE,
            baseline="top",
            y=0,
        )
        .encode(x=x, text=alt.Text("text:N"))
        for line, where in sorted(set(placed))
    ]
    return [*layers, rule, *labels]


# Pixels a line of annotation text takes down, and an estimate of its characters' width
# (11 px sans-serif) for telling whether two labels would overlap.
LABEL_LINE = 14
CHARACTER_WIDTH = 6.5


def label_lines(
    annotations: list[Annotation], span: tuple[dt.date, dt.date], width: float, side: Side
) -> list[tuple[int, Side]]:
    """For each annotation, the line its label is set on (0 at the top) and the side of its
    rule: the preferred `side` unless the label would run out of the plot there; the first
    line where it overlaps no label already placed, the earliest day placed first."""
    days = max((span[1] - span[0]).days, 1)
    taken: list[list[tuple[float, float]]] = []
    placed: dict[int, tuple[int, Side]] = {}
    for index in sorted(range(len(annotations)), key=lambda i: annotations[i].date):
        note = annotations[index]
        at = (note.date - span[0]).days / days * width
        extent = len(note.text) * CHARACTER_WIDTH + 6
        where: Side = side
        if side == "left" and at - extent < 0:
            where = "right"
        elif side == "right" and at + extent > width:
            where = "left"
        box = (at - extent, at) if where == "left" else (at, at + extent)
        line = next(
            (
                n
                for n, boxes in enumerate(taken)
                if all(box[1] < b[0] or box[0] > b[1] for b in boxes)
            ),
            len(taken),
        )
        if line == len(taken):
            taken.append([])
        taken[line].append(box)
        placed[index] = (line, where)
    return [placed[i] for i in range(len(annotations))]


def party_scale(shown: Iterable[str], colours: Colours) -> alt.Scale:
    """The colour scale of the parties a chart shows, each in its own colour (parties.yml),
    listed in the order the parties are written; a name without a colour (no holder) is
    grey."""
    present = set(shown)
    order = [name for name in colours if name in present]
    order += sorted(present.difference(order))
    return alt.Scale(domain=order, range=[colours.get(name, NO_HOLDER) for name in order])


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
        # Drawn in the text's ink: Vega's default black vanished on the dark scheme.
        legend=alt.Legend(
            symbolFillColor=inks.sentinel("text"), symbolStrokeColor=inks.sentinel("text")
        ),
    )


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


def fitted(chart: alt.LayerChart | alt.FacetChart, narrow: bool) -> alt.TopLevelMixin:
    """The chart as it is, or fitted to a phone's width, axes and legend included."""
    if not narrow:
        return chart
    return chart.properties(
        width=NARROW, autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
    )
