"""One small function per chart kind: plotted rows in, an Altair chart out (the maps'
in `map_kinds`, what they share in `marks`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import altair as alt
import pandas as pd

from builder.chart.map_kinds import control_map, locator_map
from builder.chart.marks import (
    HOUSE,
    NARROW,
    Kind,
    Style,
    annotated,
    date_axis,
    day_x,
    fitted,
    party_scale,
    status_shape,
)
from builder.chart.strip import month_strip
from builder.chart.theme import PLOT_WIDTH
from builder.chart_definitions import (
    ChangesChart,
    ChartDefinition,
    ControlMap,
    LocatorMap,
    MonthStrip,
    ProvinceChart,
    ProvinceOverview,
    SiteMap,
    SmallMultiplesChart,
    StepChart,
)


def _steps(
    data: pd.DataFrame,
    colours: Mapping[str, str],
    dashed: bool = True,
    small: bool = False,
    x: alt.X | None = None,
) -> list[alt.Chart]:
    """A line per place and party, a point per count, each labelled. `small` panels (many
    to a figure) mark and label only each line's latest count and keep three dates on their
    axis, where a mark per count and a label per day would run together; a chart of more
    than `LABELLED_MOST` counts labels only each line's latest, and of more than
    `MARKED_MOST` marks only each line's latest (`marks_only_the_latest`). `x`: the time
    axis, if not the panels' or one fitted to the rows' days."""
    base = alt.Chart(data)
    if x is None:
        days = [dt.date.fromisoformat(d) for d in data["date"]] or [dt.date.min]
        x = day_x(PANEL_DATE_AXIS) if small else day_x(date_axis(min(days), max(days)))
    y = alt.Y("count:Q", title=None, scale=alt.Scale(zero=True))
    tooltip = [
        alt.Tooltip("date:T", format="%-d %B %Y"),
        alt.Tooltip("part_of_day:N"),
        alt.Tooltip("place:N"),
        alt.Tooltip("party:N"),
        alt.Tooltip("count:Q"),
    ]
    colour = alt.Color("party:N", title=None, scale=party_scale(data["party"], colours))
    # One line per place and party: the party's colour, and, when `dashed` and there are
    # several places in one view, a dash per place (small multiples give each its panel).
    places = sorted(set(data["place"]))
    line = base.mark_line(interpolate="step-after", strokeWidth=2.5).encode(
        x=x, y=y, color=colour, detail=alt.Detail("place:N")
    )
    if dashed and len(places) > 1:
        line = line.encode(strokeDash=alt.StrokeDash("place:N", title=None))
    latest = base.transform_window(
        latest="rank()",
        sort=[alt.SortField("date", order="descending")],
        groupby=["place", "party"],
    ).transform_filter("datum.latest == 1")
    # Each point's shape is the status of the claim behind it, as its mark is on the pages.
    points = (
        (latest if small or len(data) > MARKED_MOST else base)
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=status_shape(data["status"]),
            tooltip=[*tooltip, alt.Tooltip("status:N")],
        )
    )
    labelled = latest if small or len(data) > LABELLED_MOST else base
    labels = labelled.mark_text(dy=-10, fontWeight="bold").encode(
        x=x, y=y, text=alt.Text("count:Q")
    )
    return [line, points, labels]


# Counts a chart labels each of; more, and only each line's latest is labelled (a label
# per count over months ran together).
LABELLED_MOST = 30
# Counts a chart marks each of (with its claim's status); more, and only each line's latest
# is marked: marks a few pixels apart run into one smear that shows no status, and a
# province's counts over years made hundreds of them, half its page's weight.
MARKED_MOST = 60


def marks_only_the_latest(data: pd.DataFrame, definition: ChartDefinition) -> bool:
    """Whether a chart of counts marks only each line's latest count (its caption says
    so, and where to find every count's status)."""
    if isinstance(definition, SmallMultiplesChart | ProvinceOverview):
        return data["place"].nunique() > FEW_PANELS or len(data) > MARKED_MOST
    return isinstance(definition, StepChart | ProvinceChart) and len(data) > MARKED_MOST


# A small panel's dates: three at most, none past the panel's edges, no grid line a day.
PANEL_DATE_AXIS = alt.Axis(
    format="%-d %b", labelAngle=0, tickCount=3, grid=False, labelFlush=True, labelOverlap=True
)


def step_chart(
    data: pd.DataFrame,
    definition: StepChart,
    style: Style = HOUSE,
) -> alt.TopLevelMixin:
    """Counts over time as steps, one line per place and party (the party's colour, a dash
    per place), each point labelled (only each line's latest when there are many)."""
    notes = definition.annotations
    days = [dt.date.fromisoformat(d) for d in data["date"]] + [a.date for a in notes]
    width = NARROW_PLOT if style.narrow else PLOT_WIDTH
    x = day_x(date_axis(min(days), max(days)))
    layers = annotated(_steps(data, style.colours, x=x), notes, (min(days), max(days)), width, x)
    return fitted(alt.layer(*layers), style.narrow)


def small_multiples(
    data: pd.DataFrame,
    definition: SmallMultiplesChart,
    style: Style = HOUSE,
) -> alt.TopLevelMixin:
    """One panel per place, the same scales in each, so panels compare at a glance. Up to
    `FEW_PANELS` places get two columns of tall panels (one on a phone); more get three
    columns of shorter ones (two on a phone), so that fourteen provinces fit a screen or two
    and their text keeps its size."""
    many = data["place"].nunique() > FEW_PANELS
    columns = (2 if many else 1) if style.narrow else (3 if many else 2)
    plot = NARROW_PLOT if style.narrow else PLOT_WIDTH
    # Each further column repeats no axis (the scales are shared) but needs its spacing.
    width = (plot - PANEL_SPACING * (columns - 1)) // columns
    return (
        alt.layer(*_steps(data, style.colours, dashed=False, small=many), data=data)
        .properties(width=width, height=110 if many else 160)
        .facet(
            facet=alt.Facet("place:N", title=None),
            columns=columns,
            spacing=PANEL_SPACING,
        )
    )


# Places a small-multiples chart draws as big panels; more are drawn smaller, more a row.
FEW_PANELS = 4
PANEL_SPACING = 16


def changes_per_day(
    data: pd.DataFrame,
    definition: ChangesChart,
    style: Style = HOUSE,
) -> alt.TopLevelMixin:
    """How many places changed hands each day, stacked by who took them, on a continuous
    axis of days from the chart's start to its end (or its first and last change): one
    tick and label a day under its bar, a day without changes shown as 0, counts in whole
    numbers, and the annotations drawn at their day."""
    days = _days(data, definition)
    taken = data.groupby(["date", "to_party"], sort=True).size().reset_index(name="places")
    per_day = data.groupby("date").size()
    totals = pd.DataFrame({"date": days, "places": [int(per_day.get(d, 0)) for d in days]})
    # A day is a bar centred on its midnight, so its label sits under it; half a day each side.
    first, last = (dt.date.fromisoformat(days[i]) for i in (0, -1))
    domain = [
        f"{first - dt.timedelta(days=1)}T12:00:00Z",
        f"{last}T12:00:00Z",
    ]
    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(type="utc", domain=domain),
        axis=alt.Axis(
            format="%-d %b", labelAngle=0, tickCount={"interval": "day", "step": 1}, grid=False
        ),
    )
    plot = NARROW_PLOT if style.narrow else DAYS_WIDTH
    y = alt.Y(
        "places:Q",
        title="Places changing hands",
        stack=True,
        axis=alt.Axis(tickMinStep=1, format="d"),
    )
    bars = (
        alt.Chart(taken)
        .mark_bar(size=max(4, round(plot / len(days) * 0.6)))
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "to_party:N", title="Taken by", scale=party_scale(taken["to_party"], style.colours)
            ),
            tooltip=[
                alt.Tooltip("date:T", title="date", format="%-d %B %Y"),
                alt.Tooltip("to_party:N", title="taken by"),
                alt.Tooltip("places:Q", title="places"),
            ],
        )
    )
    labels = (
        alt.Chart(totals)
        .mark_text(dy=-8)
        .encode(x=x, y=alt.Y("places:Q"), text=alt.Text("places:Q", format="d"))
    )
    layers = annotated(
        [bars, labels],
        definition.annotations,
        (first - dt.timedelta(days=1), last),
        plot,
        x,
        side="right",
    )
    return fitted(alt.layer(*layers).properties(width=DAYS_WIDTH), style.narrow)


# The width of the wide layout's plot: about 560 px with its axis, as Datawrapper's column.
DAYS_WIDTH = 500
# A narrow layout's plot: the phone's column less the y-axis beside it.
NARROW_PLOT = NARROW - 60


def _days(data: pd.DataFrame, definition: ChangesChart) -> list[str]:
    """Every day the chart covers, as `YYYY-MM-DD`: its window, or that of its changes (a
    chart that matches no change is invalid content, so there is at least one)."""
    dates = sorted(data["date"])
    first = definition.start or dt.date.fromisoformat(dates[0])
    last = definition.end or dt.date.fromisoformat(dates[-1])
    return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


CHART_KINDS: dict[type[ChartDefinition], Kind] = {
    StepChart: step_chart,
    ProvinceChart: step_chart,
    SmallMultiplesChart: small_multiples,
    ProvinceOverview: small_multiples,
    ChangesChart: changes_per_day,
    MonthStrip: month_strip,
    LocatorMap: locator_map,
    ControlMap: control_map,
    SiteMap: control_map,
}
