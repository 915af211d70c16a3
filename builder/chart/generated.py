"""The charts Dateline draws without being asked, made from the records alone, never the
stories (so a story edit, which keeps the charts, gives the same site as a whole build):
one per province and count series, the home page's overview of the provinces, the control
maps (national, each province's, each day's before and after) and each timeline month's
strip. Their ids start with `PROVINCE_CHART_PREFIX`, which editors' charts may not use."""

from __future__ import annotations

import datetime as dt

from builder.chart.select import AREAS
from builder.chart_definitions import (
    PROVINCE_CHART_PREFIX,
    ChartDefinition,
    MonthStrip,
    ProvinceChart,
    ProvinceOverview,
    SiteMap,
)
from builder.derive import Derived
from builder.validate import Content, Story
from builder.wording import human_date


def province_definitions(content: Content, derived: Derived) -> dict[str, ChartDefinition]:
    """One chart per province and count series, for province pages and the home page."""
    definitions: dict[str, ChartDefinition] = {}
    for (series, place), picked in derived.counts.groupby(["series", "place"], sort=True):
        province = content.places[str(place)]
        if province.kind != "governorate":
            continue
        identifier = f"{PROVINCE_CHART_PREFIX}{place}-{series}"
        definitions[identifier] = ProvinceChart(
            id=identifier,
            kind="step",
            series=str(series),
            places=[str(place)],
            parties=sorted(picked["party"].unique()),
            title=f"{str(series).replace('-', ' ').capitalize()} in {province.name.en}",
            subtitle="Areas of the province held by each party, as reported",
        )
    return definitions


def overview_id(series: str) -> str:
    return f"{PROVINCE_CHART_PREFIX}overview-{series}"


def province_overviews(content: Content, derived: Derived) -> dict[str, ChartDefinition]:
    """One figure per count series of every province that has counts of it, a panel each
    on one shared scale (Vega-Lite's facets share their scales), for the home page."""
    overviews: dict[str, ChartDefinition] = {}
    for series, picked in derived.counts.groupby("series", sort=True):
        provinces = sorted(
            p for p in picked["place"].unique() if content.places[str(p)].kind == "governorate"
        )
        if not provinces:
            continue
        shown = picked[picked["place"].isin(provinces)]
        words = str(series).replace("-", " ")
        overviews[overview_id(str(series))] = ProvinceOverview(
            id=overview_id(str(series)),
            kind="small-multiples",
            series=str(series),
            places=[str(p) for p in provinces],
            parties=sorted(shown["party"].unique()),
            title=f"{words.capitalize()}, province by province",
            subtitle="Every province on the same scale; each panel's title leads to its page",
        )
    return overviews


NATIONAL_MAP = f"{PROVINCE_CHART_PREFIX}syria-control"


def province_map_id(province: str) -> str:
    return f"{PROVINCE_CHART_PREFIX}{province}-control"


def day_map_id(day: dt.date) -> str:
    return f"{PROVINCE_CHART_PREFIX}changes-{day.isoformat()}-control"


def story_days(story: Story, derived: Derived) -> list[dt.date]:
    """The days on which a story's claims report changes of control, the latest first: its
    before/after pair is that of the latest with a map (one with a place on the map)."""
    days = {c.date for claim in story.claims for c in derived.changes_by_claim.get(claim, [])}
    return sorted(days, reverse=True)


def site_maps(content: Content, derived: Derived) -> dict[str, ChartDefinition]:
    """The control maps Dateline draws unasked: the national map (the provinces index),
    each province's (its page's first figure), and for each day with changes of control a
    before/after pair of the places that changed hands that day (the end of the day before,
    and of that day), which each story shows for its latest day of changes that has one
    (unless its front matter says `control_maps: false`). Each only where it has a place
    with coordinates.

    The pairs are the days', not the stories': so the charts never depend on the stories,
    and a story edit while serving, which keeps the charts, gives the same site as a whole
    build."""
    located = {
        identifier
        for identifier, place in content.places.items()
        if place.coordinates is not None and place.kind not in AREAS
    }
    maps: dict[str, ChartDefinition] = {}
    if located:
        maps[NATIONAL_MAP] = SiteMap(
            id=NATIONAL_MAP,
            kind="control-map",
            title="Who holds what",
            subtitle="Each place by the side holding it, as of the latest record",
        )
    for identifier, place in sorted(content.places.items()):
        if place.kind != "governorate":
            continue
        if not any(identifier in derived.ancestors.get(p, []) for p in located):
            continue
        maps[province_map_id(identifier)] = SiteMap(
            id=province_map_id(identifier),
            kind="control-map",
            title=f"Who holds what in {place.name.en}",
            subtitle="Each place by the side holding it, as of the latest record",
            places=[identifier],
        )
    by_day: dict[dt.date, list[str]] = {}
    for changes in derived.histories.values():
        for change in changes:
            by_day.setdefault(change.date, []).append(change.place)
    for day, places in sorted(by_day.items()):
        if not located.intersection(places):
            continue
        identifier = day_map_id(day)
        maps[identifier] = SiteMap(
            id=identifier,
            kind="control-map",
            title=f"Before and after {human_date(day)}: the places that changed hands",
            subtitle="Who held each place at the end of the day before, and at the end of the day",
            places=sorted(set(places)),
            dates=[day - dt.timedelta(days=1), day],
        )
    return maps


def month_strip_id(month: str) -> str:
    """`month` as `2024-12`."""
    return f"{PROVINCE_CHART_PREFIX}timeline-{month}-changes"


def month_strips(content: Content, derived: Derived) -> dict[str, ChartDefinition]:
    """The strip that opens each timeline month (`strip`): day by day, the places changing
    hands, the area counts and the claims recorded, from the month's first day to its last
    day with a record. Like the control maps, drawn from the records alone, never the
    stories."""
    last_day: dict[str, dt.date] = {}
    days = [c.date for changes in derived.histories.values() for c in changes]
    days += [c.as_of for c in content.claims.values()] + list(derived.counts["date"])
    for day in days:
        month = f"{day:%Y-%m}"
        last_day[month] = max(last_day.get(month, day), day)
    return {
        month_strip_id(month): MonthStrip(
            id=month_strip_id(month),
            kind="changes-per-day",
            title=f"Day by day in {end:%B %Y}",
            subtitle="Places changing hands, area counts and claims recorded each day, by side",
            notes=f"Each entry of the timeline for {end:%B %Y} names its sources.",
            start=end.replace(day=1),
            end=end,
        )
        for month, end in sorted(last_day.items())
    }
