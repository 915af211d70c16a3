"""The strip that opens each timeline month: day by day, what was recorded, coloured by side.

Three rows share one axis of days, every day of the month from the first to the last day
with a record (a day without records shows 0, so the rhythm of the month reads at a
glance; no day after the last record, which would read as quiet days still to come):

- the places changing hands, stacked by the side that took them;
- the area counts recorded, stacked by the side they count;
- the claims recorded, which belong to no side, in grey.

Its rows are counts per day, record and side (a few hundred at most), not one row per
record: a month at 5,000 stories has about 3,000 records, and its table and source line
would have weighed more than the page may (issue 25). Each entry under the strip names its
sources.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

import altair as alt
import pandas as pd

from builder.chart.marks import NARROW, Style, party_scale
from builder.chart_definitions import MonthStrip
from builder.colours import NO_HOLDER
from builder.derive import Derived
from builder.models import ControlChange
from builder.validate import Content
from builder.wording import counted, human_date

CHANGES = "Places changing hands"
COUNTS = "Area counts"
CLAIMS = "Claims"
RECORDS = [CHANGES, COUNTS, CLAIMS]
# What the claims row is coloured as: claims belong to no side.
NO_SIDE = "Claims (no side)"
COLUMNS = ["date", "record", "side", "number"]


def strip_rows(definition: MonthStrip, content: Content, derived: Derived) -> pd.DataFrame:
    """How many of each record each day of the strip's window, by side."""
    tally: Counter[tuple[str, int, str]] = Counter()
    for history in derived.histories.values():
        for change in definition.within(history, _date):
            tally[(change.date.isoformat(), 0, content.parties[change.to_party].name)] += 1
    counts = derived.counts
    for day, party in zip(counts["date"], counts["party"], strict=True):
        if definition.covers(day):
            tally[(day.isoformat(), 1, content.parties[party].name)] += 1
    for claim in content.claims.values():
        if definition.covers(claim.as_of):
            tally[(claim.as_of.isoformat(), 2, "")] += 1
    rows = [
        (day, RECORDS[record], side, number)
        for (day, record, side), number in sorted(tally.items())
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _date(change: ControlChange) -> dt.date:
    return change.date


def month_strip(data: pd.DataFrame, definition: MonthStrip, style: Style) -> alt.TopLevelMixin:
    """The three rows of the strip (those with records), one panel each with its own scale,
    on the same axis of days."""
    assert definition.start is not None and definition.end is not None
    first, last = definition.start, definition.end
    days = (last - first).days + 1
    width = NARROW - 60 if style.narrow else 500
    drawn = data.assign(shown=[side or NO_SIDE for side in data["side"]])
    # A label every day, or every few days where a day is too narrow for one (20 px).
    step = math.ceil(20 / (width / days))
    domain = [f"{first - dt.timedelta(days=1)}T12:00:00Z", f"{last}T12:00:00Z"]

    def x(labelled: bool) -> alt.X:
        return alt.X(
            "date:T",
            title=None,
            scale=alt.Scale(type="utc", domain=domain),
            axis=alt.Axis(
                format="%-d",
                labelAngle=0,
                labels=labelled,
                tickCount={"interval": "day", "step": step},
                grid=False,
            ),
        )

    colours = {**style.colours, NO_SIDE: NO_HOLDER}
    scale = party_scale(drawn["shown"], colours)
    panels = []
    shown = [record for record in RECORDS if (drawn["record"] == record).any()]
    for record in shown:
        rows = drawn[drawn["record"] == record]
        top = int(rows.groupby("date")["number"].sum().max())
        panels.append(
            alt.Chart(rows, title=alt.TitleParams(record, anchor="start", fontSize=12))
            .mark_bar(size=max(3, round(width / days * 0.6)))
            .encode(
                # The days named under the lowest panel only.
                x=x(record == shown[-1]),
                y=alt.Y(
                    "sum(number):Q",
                    title=None,
                    # Whole numbers only, and no more than three of them.
                    axis=alt.Axis(values=_ticks(top), format="d"),
                    scale=alt.Scale(domain=[0, max(top, 1)]),
                ),
                color=alt.Color("shown:N", title="Side", scale=scale),
                tooltip=[
                    alt.Tooltip("date:T", title="date", format="%-d %B %Y"),
                    alt.Tooltip("record:N", title="record"),
                    alt.Tooltip("shown:N", title="side"),
                    alt.Tooltip("number:Q", title="number"),
                ],
            )
            .properties(width=width, height=60)
        )
    strip: alt.VConcatChart = alt.vconcat(*panels, spacing=12)
    return strip


def _ticks(top: int) -> list[int]:
    """The y ticks of a panel whose tallest day is `top`: 0, the top, and its whole half."""
    return sorted({0, max(top, 1), *([top // 2] if top >= 4 else [])})


def describe_strip(data: pd.DataFrame, definition: MonthStrip) -> str:
    """The strip in words: each record's total, its busiest day, and who took the places."""
    said = []
    for record, single, plural in (
        (CHANGES, "place changed hands", "places changed hands"),
        (COUNTS, "area count", "area counts"),
        (CLAIMS, "claim", "claims"),
    ):
        rows = data[data["record"] == record]
        if not len(rows):
            continue
        per_day = rows.groupby("date")["number"].sum()
        busiest = human_date(dt.date.fromisoformat(str(per_day.idxmax())))
        total = counted(int(per_day.sum()), single, plural)
        text = f"{total}, the most ({per_day.max()}) on {busiest}"
        if record == CHANGES:
            sides = rows.groupby("side")["number"].sum().sort_values(ascending=False, kind="stable")
            text += " (" + "; ".join(f"{n} taken by {side}" for side, n in sides.items()) + ")"
        said.append(text)
    assert definition.start is not None and definition.end is not None
    span = f"{human_date(definition.start)} to {human_date(definition.end)}"
    return f"{definition.title}, {span}: " + "; ".join(said) + "."
