"""Checks that need the whole content set: places (names, parents, coordinates), dates (none
in the future), and charts (kind, series, selection, coordinates to map)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from builder.chart_definitions import (
    CHART_MODELS,
    PROVINCE_CHART_PREFIX,
    ChangesChart,
    ChartDefinition,
    ControlMap,
    LocatorMap,
)
from builder.errors import ContentError, DatelineError
from builder.gazetteer import inside_syria
from builder.located import Record
from builder.models import AreaCount, ControlChange, Place
from builder.names import closest, normalise_name
from builder.records import Indexed, References, field_name, typed


def check_places(places: Indexed[Place], refs: References, errors: list[ContentError]) -> None:
    owners: dict[str, tuple[str, Record]] = {}
    for place, record in places.values():
        refs.check(record, ("parent",), place.parent, "place")
        c = place.coordinates
        if c is not None and not inside_syria(c.lat, c.lon):
            hint = "; are latitude and longitude swapped?" if inside_syria(c.lon, c.lat) else ""
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("coordinates",)),
                    "coordinates",
                    f"{c.lat}, {c.lon} is outside Syria{hint}",
                )
            )
        if _in_cycle(place.id, places):
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("parent",)),
                    "parent",
                    f"place {place.id!r} is its own ancestor",
                )
            )
        names: list[tuple[tuple[str | int, ...], str | None]] = [
            (("name", "en"), place.name.en),
            (("name", "ar"), place.name.ar),
        ]
        names += [(("aliases", i), alias) for i, alias in enumerate(place.aliases)]
        for loc, name in names:
            key = normalise_name(name) if name else ""
            owner = owners.setdefault(key, (place.id, record)) if key else None
            if owner and owner[0] != place.id:
                errors.append(
                    ContentError(
                        record.path,
                        record.line_of(loc),
                        field_name(loc),
                        f"name {name!r} is also a name of place {owner[0]!r} "
                        f"({owner[1].path}:{owner[1].line})",
                    )
                )


def build_date() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that checks repeat exactly in CI."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise DatelineError(
            f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970 (as "
            f"`git log -1 --format=%ct` prints), got {epoch!r}"
        ) from None


# Where each kind of record keeps its dates; nothing reported can be dated after today.
DATED: dict[str, list[tuple[str, ...]]] = {
    "claims": [("as_of",), ("attributions", "*", "published"), ("attributions", "*", "accessed")],
    "area_counts": [("date",)],
    "control_changes": [("date",)],
    "articles": [("published",), ("modified",), ("corrections", "*", "date")],
}


def check_dates(
    records: Mapping[str, list[Record]], today: dt.date, errors: list[ContentError]
) -> None:
    for kind, paths in DATED.items():
        for record in records.get(kind, []):
            for loc, value in _dated_values(record.data, paths):
                _not_future(record, loc, value, today, errors)


def _dated_values(
    data: Mapping[str, Any], paths: list[tuple[str, ...]]
) -> Iterable[tuple[tuple[str | int, ...], object]]:
    for path in paths:
        if len(path) == 1:
            yield path, data.get(path[0])
        else:
            items = data.get(path[0])
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, Mapping):
                    yield (path[0], i, path[2]), item.get(path[2])


def _not_future(
    record: Record,
    loc: tuple[str | int, ...],
    value: object,
    today: dt.date,
    errors: list[ContentError],
) -> None:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return  # not a date: typing reports it
    if day > today:
        errors.append(
            ContentError(
                record.path, record.line_of(loc), field_name(loc), f"{day} is in the future"
            )
        )


def _in_cycle(start: str, places: Indexed[Place]) -> bool:
    seen = {start}
    current = places[start][0].parent
    while current is not None and current in places:
        if current in seen:
            return current == start
        seen.add(current)
        current = places[current][0].parent
    return False


def typed_charts(
    records: Iterable[Record], errors: list[ContentError]
) -> list[tuple[ChartDefinition, Record]]:
    """Charts are typed by their `kind`: each kind has its own fields."""
    charts: list[tuple[ChartDefinition, Record]] = []
    for record in records:
        kind = record.data.get("kind")
        model = CHART_MODELS.get(str(kind))
        if model is None:
            expected = ", ".join(repr(k) for k in CHART_MODELS)
            message = "is required" if kind is None else f"expected one of {expected}; got {kind!r}"
            errors.append(ContentError(record.path, record.line_of(("kind",)), "kind", message))
            continue
        if str(record.data.get("id")).startswith(PROVINCE_CHART_PREFIX):
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("id",)),
                    "id",
                    f"chart ids starting with {PROVINCE_CHART_PREFIX!r} are kept for the "
                    "province charts Dateline draws; rename the chart",
                )
            )
            continue
        charts.extend(typed([record], model, errors))
    return charts


def check_charts(
    written: tuple[list[str], bool],
    charts: Indexed[ChartDefinition],
    counts: list[AreaCount],
    changes: list[ControlChange],
    places: Mapping[str, Place],
    chains: Mapping[str, list[str]],
    refs: References,
    errors: list[ContentError],
) -> None:
    series, counts_complete = written
    # Days indexed once, so that each chart looks up its places instead of scanning all rows.
    change_days: dict[str, list[dt.date]] = defaultdict(list)
    for change in changes:
        for area in (change.place, *chains.get(change.place, [])):
            change_days[area].append(change.date)
    count_days: dict[tuple[str, str, str], list[dt.date]] = defaultdict(list)
    for count in counts:
        count_days[count.series, count.place, count.party].append(count.date)
    for days in (*change_days.values(), *count_days.values()):
        days.sort()
    for chart, record in charts.values():
        refs.check_all(record, ("places",), chart.places, "place")

        def report(loc: tuple[str | int, ...], message: str, record: Record = record) -> None:
            field = field_name(loc) if loc else "(selection)"
            errors.append(ContentError(record.path, record.line_of(loc), field, message))

        if isinstance(chart, ControlMap):
            # An unknown place has its own error; the map is judged once they are known.
            known = all(p in places for p in chart.places)
            if known and not _anything_to_map(chart, places, chains):
                report(
                    (),
                    "no place to map: none of these places, nor any inside them, has coordinates",
                )
            continue
        if isinstance(chart, LocatorMap):
            for i, place_id in enumerate(chart.places):
                if place_id in places and places[place_id].coordinates is None:
                    report(("places", i), f"place {place_id!r} has no coordinates to map")
            continue
        if isinstance(chart, ChangesChart):
            if chart.places:
                shown = any(chart.within(change_days[area], _same) for area in chart.places)
            else:
                shown = any(chart.covers(c.date) for c in changes)
            if not shown:
                report((), "no control changes match these places and dates")
            continue
        refs.check_all(record, ("parties",), chart.parties, "party")
        if chart.series not in series:
            close = closest(chart.series, dict.fromkeys(series, ()))
            report(
                ("series",),
                f"unknown series {chart.series!r}"
                + (f"; did you mean {close!r}?" if close else ""),
            )
            continue
        selected = (
            chart.within(count_days[chart.series, place, party], _same)
            for place in chart.places
            for party in chart.parties
        )
        if counts_complete and not any(selected):
            report((), "no rows of the area counts match this series, places, parties and dates")


def _anything_to_map(
    chart: ControlMap, places: Mapping[str, Place], chains: Mapping[str, list[str]]
) -> bool:
    """Whether a control map has a place with coordinates to draw (its unknown places have
    their own errors)."""
    named = {p for p in chart.places if p in places}
    return any(
        place.coordinates is not None
        and (
            not chart.places
            or identifier in named
            or named.intersection(chains.get(identifier, []))
        )
        for identifier, place in places.items()
    )


def _same(day: dt.date) -> dt.date:
    return day
