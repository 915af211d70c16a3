"""What each chart plots, as the rows a reader sees in its table and downloads, and where a
map's places and labels go (`map_layout`); `captions` says it in words."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from builder import colours, status
from builder.chart import maps
from builder.chart.strip import strip_rows
from builder.chart_definitions import (
    ChangesChart,
    ChartDefinition,
    ControlMap,
    LocatorMap,
    MonthStrip,
    SiteMap,
)
from builder.control import END_OF_DAY, HeldAt, Moment, held_level, held_since, holder_at, part_name
from builder.derive import Derived, change_order
from builder.geography import governorate_coded
from builder.models import PART_OF_DAY_ORDER, ControlChange
from builder.validate import Content

# Kinds of place that are areas, not points: a control map shows the places inside them.
AREAS = ("governorate", "district", "subdistrict", "region")
NOT_RECORDED_COLOUR = colours.NO_HOLDER


def rows(definition: ChartDefinition, content: Content, derived: Derived) -> pd.DataFrame:
    if isinstance(definition, MonthStrip):
        return strip_rows(definition, content, derived)
    if isinstance(definition, ControlMap):
        return _control(definition, content, derived)
    if isinstance(definition, LocatorMap):
        return _places(definition, content, derived)
    if isinstance(definition, ChangesChart):
        return _changes(definition, content, derived)
    counts = derived.counts_of(definition.series, definition.places)
    # Compared as whole columns: a province's rows grow with the site, and thousands of
    # charts each pick a window of them.
    days = counts["date"]
    in_window = (days >= definition.start if definition.start else True) & (
        days <= definition.end if definition.end else True
    )
    picked = counts[counts["party"].isin(definition.parties) & in_window]
    return pd.DataFrame(
        {
            "date": [day.isoformat() for day in picked["date"]],
            "part_of_day": picked["part_of_day"].tolist(),
            "place": [content.places[p].name.en for p in picked["place"]],
            "party": [content.parties[p].name for p in picked["party"]],
            "count": picked["count"].astype(int).tolist(),
            "status": [content.claims[c].status for c in picked["claim"]],
            "claim": picked["claim"].tolist(),
        }
    )


def _changes(definition: ChangesChart, content: Content, derived: Derived) -> pd.DataFrame:
    if definition.places:
        # An area's own changes and those inside it (each list in order of date), within
        # the window; each change once, however many of the chart's areas contain it.
        found = {
            id(change): change
            for area in definition.places
            for changes in (derived.histories.get(area, []), derived.changes_within.get(area, []))
            for change in definition.within(changes, _date)
        }
        picked = sorted(found.values(), key=change_order)
    else:
        picked = [c for changes in derived.histories.values() for c in changes]
        picked = [c for c in picked if definition.covers(c.date)]
    picked.sort(key=lambda c: (c.date, content.places[c.place].name.en))
    return pd.DataFrame(
        {
            "date": [c.date.isoformat() for c in picked],
            "part_of_day": [c.part_of_day or "" for c in picked],
            "place": [content.places[c.place].name.en for c in picked],
            "from_party": [content.parties[c.from_party].name for c in picked],
            "to_party": [content.parties[c.to_party].name for c in picked],
            "status": [content.claims[c.claim].status for c in picked],
            "claim": [c.claim for c in picked],
        },
        columns=["date", "part_of_day", "place", "from_party", "to_party", "status", "claim"],
    )


def _date(change: ControlChange) -> dt.date:
    return change.date


def _places(definition: LocatorMap, content: Content, derived: Derived) -> pd.DataFrame:
    located = [content.places[p] for p in definition.places]
    return pd.DataFrame(
        {
            "place": [p.name.en for p in located],
            "kind": [p.kind for p in located],
            "province": [content.places[derived.province_of(p.id)].name.en for p in located],
            "lat": [p.coordinates.lat if p.coordinates else None for p in located],
            "lon": [p.coordinates.lon if p.coordinates else None for p in located],
        }
    )


# -- control maps ----------------------------------------------------------------------------

CONTROL_COLUMNS = [
    "date",
    "part_of_day",
    "place",
    "kind",
    "province",
    "holder",
    "since",
    "status",
    "lat",
    "lon",
    "claim",
    "_colour",  # columns starting with _ draw the map; tables and downloads leave them out
]


def mapped_places(definition: ControlMap, content: Content, derived: Derived) -> list[str]:
    """The places a control map shows: those it names that are not areas, and the places
    inside the areas it names (every place, when it names none); each once, by name."""
    places = content.places
    if definition.places:
        named = [p for p in definition.places if p in places]
        areas = [p for p in named if places[p].kind in AREAS]
        inside = (i for area in areas for i in derived.places_inside.get(area, ()))
        points = {p for p in (*named, *inside) if places[p].kind not in AREAS}
    else:
        points = {p for p, place in places.items() if place.kind not in AREAS}
    return sorted(points, key=lambda p: (places[p].name.en, p))


def map_moments(
    definition: ControlMap, content: Content, derived: Derived, places: list[str]
) -> list[Moment]:
    """The moments a control map shows: its `dates` (each at its end), its `date` and part
    of day, or the end of the day of the latest record of its places."""
    if definition.dates:
        return [(day, END_OF_DAY) for day in definition.dates]
    if definition.date is not None:
        part = PART_OF_DAY_ORDER[definition.part_of_day] if definition.part_of_day else END_OF_DAY
        return [(definition.date, part)]
    days = [c.date for p in places for c in derived.histories.get(p, [])]
    days += [h.since for p in places for h in derived.holdings.get(p, [])]
    if not days:
        days = [c.date for c in content.control_changes]
    return [(max(days), END_OF_DAY)] if days else [(dt.date.min, END_OF_DAY)]


def party_colours(content: Content) -> dict[str, str]:
    """Each party's colour by its name: its own from parties.yml, or the house palette's in
    the order the parties are written (never in the order of a chart's data)."""
    return colours.party_colours((p.name, p.colour) for p in content.parties.values())


def _control(definition: ControlMap, content: Content, derived: Derived) -> pd.DataFrame:
    places = mapped_places(definition, content, derived)
    moments = map_moments(definition, content, derived, places)
    colour_of = party_colours(content)
    records = []
    for at in moments:
        for place_id in places:
            place = content.places[place_id]
            held = holder_at(
                derived.holdings.get(place_id, []), derived.histories.get(place_id, []), at
            )
            holder = content.parties[held.party].name if held else status.NOT_RECORDED.name
            coordinates = place.coordinates
            records.append(
                {
                    "date": at[0].isoformat() if at[0] != dt.date.min else "",
                    "part_of_day": "end of day" if at[1] == END_OF_DAY else part_name(at[1]) or "",
                    "place": place.name.en,
                    "kind": place.kind,
                    "province": content.places[derived.province_of(place_id)].name.en,
                    "holder": holder,
                    "since": _since(held),
                    "status": held_level(held, content.claims).name,
                    "lat": coordinates.lat if coordinates else None,
                    "lon": coordinates.lon if coordinates else None,
                    "claim": held.claim if held and held.claim else "",
                    "_colour": colour_of.get(holder, NOT_RECORDED_COLOUR),
                }
            )
    data = pd.DataFrame(records, columns=CONTROL_COLUMNS)
    data.attrs[SHOWN_WHOLE] = _province_shown_whole(definition, content)
    return data


# A map's rows' `attrs` key: corners (lon, lat) its frame takes in beyond its places.
SHOWN_WHOLE = "shown_whole"


def _province_shown_whole(definition: ControlMap, content: Content) -> list[tuple[float, float]]:
    """A province's own map (drawn for its page) shows the whole province in its outline:
    fitted to its places alone, a province with two places in one city showed a city block
    with no outline in it."""
    if not isinstance(definition, SiteMap) or len(definition.places) != 1:
        return []
    place = content.places[definition.places[0]]
    if place.kind != "governorate":
        return []
    outline = governorate_coded(place.iso_code, place.pcode)
    return outline.corners() if outline else []


def _since(held: HeldAt | None) -> str:
    return held_since(held) if held else ""


def map_layout(
    data: pd.DataFrame, definition: ChartDefinition, narrow: bool = False
) -> tuple[maps.Frame, dict[int, maps.Label], int]:
    """The frame of a map's rows and its labels (by the index of the place among the first
    panel's located rows), with how many labels were left out: the same for every panel.
    A control map of every place shows the whole country; other maps fit their places.
    Labels are placed in order of the kind of place (cities first), then of name. The
    narrow layout (for phones) has a frame as wide as a phone's column, and may place fewer
    labels."""
    located = drawn_rows(data, definition)
    if "date" in located and len(located):
        located = located[located["date"] == located["date"].iloc[0]]
    points = list(zip(located["lon"].astype(float), located["lat"].astype(float), strict=True))
    national = isinstance(definition, ControlMap) and not definition.places
    size = (maps.NARROW_WIDTH, maps.NARROW_HEIGHT) if narrow else (maps.WIDTH, maps.HEIGHT)
    frame = maps.fit([] if national else points + data.attrs.get(SHOWN_WHOLE, []), *size)
    names = [str(name) for name in located["place"]]
    order = sorted(
        range(len(names)),
        key=lambda i: maps.label_priority(str(located["kind"].iloc[i]), names[i]),
    )
    placed, dropped = maps.place_labels(
        frame, [(names[i], points[i][0], points[i][1]) for i in order]
    )
    return frame, {order[i]: label for i, label in placed.items()}, dropped


def located_rows(data: pd.DataFrame) -> pd.DataFrame:
    return data[data["lat"].notna() & data["lon"].notna()]


# A control map draws at most this many places. Three thousand dots on a map a column wide
# are one blot, and their drawing (twice: wide and narrow) weighed 2 MB of page (issue 25:
# no page over 300 KB at 5,000 stories). Its table and downloads keep every place.
MAP_POINTS_MOST = 300


def drawn_rows(data: pd.DataFrame, definition: ChartDefinition) -> pd.DataFrame:
    """The rows a map draws: its located rows; of a control map of more than
    `MAP_POINTS_MOST` places, those of the largest kinds of place first (cities, then
    towns), then by name, the same places in every panel."""
    located = located_rows(data)
    if not isinstance(definition, ControlMap):
        return located
    places = located.drop_duplicates("place")
    if len(places) <= MAP_POINTS_MOST:
        return located
    ranked = sorted(
        zip(places["kind"].astype(str), places["place"].astype(str), strict=True),
        key=lambda kind_name: maps.label_priority(*kind_name),
    )
    kept = {name for _, name in ranked[:MAP_POINTS_MOST]}
    return located[located["place"].isin(kept)]
