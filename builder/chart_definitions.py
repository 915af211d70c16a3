"""What a valid chart definition is: each kind's fields, checked on their own, and the
charts Dateline draws without being asked (their `origin` says which).

Apart from `builder.models` because charts are a family of their own (five kinds an editor
writes, four Dateline generates) that only the chart and render stages read; they share its
field types (ids, days, plain text), so an editor's mistakes read the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Annotated, Literal, TypeVar

from pydantic import Field, ValidationInfo, field_validator

from builder.models import Date, Id, PartOfDay, Strict, Text

# Records with a date, of any kind (see `TimeWindow.within`).
Dated = TypeVar("Dated")


class Annotation(Strict):
    date: Date
    text: Text


class ChartBase(Strict):
    """What every chart has. Its source line is built from the claims behind what it
    plots, never typed."""

    id: Id
    title: Text
    subtitle: Text | None = None
    notes: Text | None = None


class TimeWindow(Strict):
    start: Date | None = Field(default=None, description="first day shown (inclusive)")
    end: Date | None = Field(default=None, description="last day shown (inclusive)")

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start")
        if start and end and end < start:
            raise ValueError(f"end {end} is before start {start}")
        return end

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def within(self, dated: Sequence[Dated], day: Callable[[Dated], dt.date]) -> Sequence[Dated]:
        """The part of `dated`, in order of `day`, that the window covers. Found by bisection:
        a place's record grows with the site, and thousands of charts each show a window of
        one, so scanning it all for each chart grew with the square of the stories."""
        first = 0 if self.start is None else bisect_left(dated, self.start, key=day)
        last = len(dated) if self.end is None else bisect_right(dated, self.end, key=day)
        return dated[first:last]


class StepChart(ChartBase, TimeWindow):
    """Counts over time as steps, one line per place and party."""

    kind: Literal["step"]
    series: Id
    places: Annotated[list[Id], Field(min_length=1)]
    parties: Annotated[list[Id], Field(min_length=1)]
    annotations: list[Annotation] = []


class SmallMultiplesChart(ChartBase, TimeWindow):
    """Counts over time, one panel per place (usually per province)."""

    kind: Literal["small-multiples"]
    series: Id
    places: Annotated[list[Id], Field(min_length=1)]
    parties: Annotated[list[Id], Field(min_length=1)]


class ChangesChart(ChartBase, TimeWindow):
    """Places changing hands per day, stacked by who took them."""

    kind: Literal["changes-per-day"]
    places: list[Id] = Field(default=[], description="admin units to count within; all if empty")
    annotations: list[Annotation] = []


class LocatorMap(ChartBase):
    """Places by their coordinates over governorate outlines."""

    kind: Literal["locator-map"]
    places: Annotated[list[Id], Field(min_length=1)]


class ControlMap(ChartBase):
    """Who holds each place at a date (the latest record by default), or at each of
    `dates` side by side, over governorate outlines."""

    kind: Literal["control-map"]
    places: list[Id] = Field(
        default=[],
        description="places to map, and areas whose places are mapped; every place if empty",
    )
    date: Date | None = Field(
        default=None, description="the day shown; the latest record's if none"
    )
    part_of_day: PartOfDay | None = Field(
        default=None, description="the part of `date` shown; the end of the day if none"
    )
    dates: list[Date] = Field(
        default=[], description="two to four days, each at its end: one map each, side by side"
    )

    @field_validator("part_of_day")
    @classmethod
    def _with_a_date(cls, part: PartOfDay | None, info: ValidationInfo) -> PartOfDay | None:
        if part is not None and info.data.get("date") is None:
            raise ValueError("a part of day needs the date it is part of")
        return part

    @field_validator("dates")
    @classmethod
    def _in_order(cls, dates: list[dt.date], info: ValidationInfo) -> list[dt.date]:
        if not dates:
            return dates
        if info.data.get("date") is not None:
            raise ValueError("give either date (one map) or dates (one map each), not both")
        if not 2 <= len(dates) <= MAP_PANELS:
            raise ValueError(
                f"give 2 to {MAP_PANELS} days, one map each (for one map, use date); "
                f"got {len(dates)}"
            )
        for earlier, later in pairwise(dates):
            if later <= earlier:
                raise ValueError(f"days must be in order, each once: {later} follows {earlier}")
        return dates


MAP_PANELS = 4  # the most maps of one frame side by side


class ProvinceChart(StepChart):
    """A province's counts over time, one per province and count series, which Dateline
    draws for province pages and the home page. Never written by editors: ids starting
    with `PROVINCE_CHART_PREFIX` are kept for them (`checks.typed_charts`)."""

    origin: Literal["province"] = "province"


class ProvinceOverview(SmallMultiplesChart):
    """Every province's counts of one series as panels on one scale, each panel's title a
    link to its province: the home page's situation. Drawn by Dateline, never written by
    editors (its id starts with `PROVINCE_CHART_PREFIX`)."""

    origin: Literal["overview"] = "overview"


class SiteMap(ControlMap):
    """A control map Dateline draws without being asked: the national map of the provinces
    index, each province's, and each day's before and after (which stories show). Its id starts with
    `PROVINCE_CHART_PREFIX`, kept for the charts Dateline draws."""

    origin: Literal["site"] = "site"


class MonthStrip(ChangesChart):
    """A timeline month's strip, which Dateline draws for each month with records: day by
    day, the places changing hands, the area counts and the claims recorded (`strip`)."""

    origin: Literal["timeline"] = "timeline"


PROVINCE_CHART_PREFIX = "province-"
ChartDefinition = StepChart | SmallMultiplesChart | ChangesChart | LocatorMap | ControlMap
CHART_MODELS: dict[str, type[ChartDefinition]] = {
    "step": StepChart,
    "small-multiples": SmallMultiplesChart,
    "changes-per-day": ChangesChart,
    "locator-map": LocatorMap,
    "control-map": ControlMap,
}
