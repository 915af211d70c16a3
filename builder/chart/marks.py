"""What every chart kind draws with: the parties' colour scale, the status shapes, the
day axis, annotations, and the narrow layout for phones.

Text and rules carry their colours through the config (not fixed in the marks), so the
page's scheme can restyle them (`builder.inks`); a side's marks take its colour from
parties.yml (`builder.colours`), given to each kind as `colours` (party name to colour), so
a side keeps its colour whatever else a chart plots.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import altair as alt
import pandas as pd

from builder import status
from builder.colours import NO_HOLDER
from builder.models import Annotation

Colours = Mapping[str, str]
NONE_GIVEN: Colours = MappingProxyType({})  # parties in the house palette's grey


@dataclass(frozen=True)
class Style:
    """How a chart is drawn besides its rows and definition: each party's colour by name
    (parties.yml's, `builder.colours`), and whether in the narrow layout for phones."""

    colours: Colours = field(default_factory=lambda: NONE_GIVEN)
    narrow: bool = False


HOUSE = Style()
Kind = Callable[[pd.DataFrame, Any, Style], alt.TopLevelMixin]
# A phone's column at 375 px is 343 px wide: the narrow layout is drawn to fit it, so that
# its 12 px text shows at 12 CSS px (the page picks the layout by its width, in CSS).
NARROW = 343
DATE_AXIS = alt.Axis(format="%-d %b %Y", labelAngle=0, tickCount="day")


def day_x() -> alt.X:
    return alt.X(
        "date:T",
        title=None,
        timeUnit="utcyearmonthdate",
        axis=DATE_AXIS,
        scale=alt.Scale(padding=24),
    )


def annotated(
    layers: list[alt.Chart],
    annotations: list[Annotation],
    x: alt.X | None = None,
    side: Literal["left", "right"] = "left",
) -> list[alt.Chart]:
    """The layers with a dashed rule and a label on each annotated day, at the top of the
    plot, on the `side` of the rule where it stays clear of the axis; `x` is the layers' own
    date encoding, the time axis by default."""
    if not annotations:
        return layers
    x = x if x is not None else day_x()
    notes = pd.DataFrame([{"date": a.date.isoformat(), "text": a.text} for a in annotations])
    rule = alt.Chart(notes).mark_rule(strokeDash=[4, 4], opacity=0.6).encode(x=x)
    label = (
        alt.Chart(notes)
        .mark_text(
            align="right" if side == "left" else "left",
            dx=-6 if side == "left" else 6,
            dy=2,
            baseline="top",
            y=0,
        )
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
