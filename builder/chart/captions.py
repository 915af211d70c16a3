"""What a chart says in words: the sentence a reader (or a screen reader) can use in place
of the picture, a map's "as of" stamp, and what a map's caption says it leaves out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from builder import status
from builder.chart.kinds import marks_only_the_latest
from builder.chart.select import drawn_rows, located_rows, map_layout
from builder.chart.strip import describe_strip
from builder.chart_definitions import (
    ChangesChart,
    ChartDefinition,
    ControlMap,
    LocatorMap,
    MonthStrip,
)
from builder.wording import counted, human_date, human_when, movement


def remarks(data: pd.DataFrame, definition: ChartDefinition) -> list[str]:
    """What a chart's caption says of what it leaves out: a chart of many counts, the marks
    of all but each line's latest; a map, places without coordinates (named) and labels
    that could not be placed without overlapping (counted)."""
    if marks_only_the_latest(data, definition):
        return [
            "Only each line's latest count is marked; every count, with the status of the "
            "claim behind it, is in the data."
        ]
    if not isinstance(definition, ControlMap | LocatorMap):
        return []
    panels = data["date"].iloc[0] if isinstance(definition, ControlMap) and len(data) else None
    first = data[data["date"] == panels] if panels is not None else data
    unlocated = first[first["lat"].isna() | first["lon"].isna()]["place"].tolist()
    said = []
    if unlocated:
        said.append(
            f"Not on the map, for want of coordinates ({len(unlocated)}): "
            + ", ".join(unlocated)
            + "."
        )
    located = located_rows(first)
    drawn = drawn_rows(first, definition)
    if len(drawn) < len(located):
        said.append(
            f"{len(located) - len(drawn):,} of the {len(located):,} places are not drawn at "
            "this scale, the smallest kinds of place first"
            + ("; each province's own map draws them" if not definition.places else "")
            + "."
        )
    if len(located):
        _, _, dropped = map_layout(data, definition)
        if dropped:
            said.append(
                f"{counted(dropped, 'label is', 'labels are')} left out where "
                f"{'it' if dropped == 1 else 'they'} would overlap others; the data behind "
                "the chart names every place."
            )
    return said


def _control_sentence(data: pd.DataFrame, definition: ControlMap) -> str:
    days = list(dict.fromkeys(zip(data["date"], data["part_of_day"], strict=True)))
    first = data[(data["date"] == days[0][0]) & (data["part_of_day"] == days[0][1])]
    if len(days) == 1:
        held = first.groupby("holder", sort=True).size().sort_values(ascending=False, kind="stable")
        parts = [
            f"{n} held by {holder}"
            if holder != status.NOT_RECORDED.name
            else f"{n} with no holder recorded"
            for holder, n in held.items()
        ]
        unsettled = int(first["status"].isin(["unverified", "contested"]).sum())
        sentence = (
            f"as of {_in_words(days[0])}, {counted(len(first), 'place', 'places')}: "
            + "; ".join(parts)
        )
        if unsettled:
            sentence += f"; {unsettled} of them only as claimed or contested"
        return sentence
    last = data[(data["date"] == days[-1][0]) & (data["part_of_day"] == days[-1][1])]
    before = dict(zip(first["place"], first["holder"], strict=True))
    moved: dict[tuple[str, str], int] = {}
    for place, holder in zip(last["place"], last["holder"], strict=True):
        if before.get(place) != holder:
            key = (before.get(place, status.NOT_RECORDED.name), holder)
            moved[key] = moved.get(key, 0) + 1
    span = f"between {_in_words(days[0])} and {_in_words(days[-1])}"
    if not moved:
        return f"no place shown changed hands {span}"
    told = [
        f"{counted(n, 'place', 'places')} changed from {_side(a)} to {_side(b)} {span}"
        if a != status.NOT_RECORDED.name
        else f"{counted(n, 'place', 'places')} with no holder recorded before came under {b} {span}"
        for (a, b), n in sorted(moved.items(), key=lambda item: (-item[1], item[0]))
    ]
    return "; ".join(told)


def _side(holder: str) -> str:
    return holder if holder != status.NOT_RECORDED.name else "no recorded holder"


def stamp_of(day: tuple[str, str]) -> str:
    """A map's moment as its rows give it: `2 December 2024, end of day`,
    `2 December 2024 (evening)`."""
    when, part = day
    if not when:
        return "no record"
    text = human_date(dt.date.fromisoformat(when))
    return f"{text}, {part}" if part == "end of day" else f"{text} ({part})"


def _in_words(day: tuple[str, str]) -> str:
    """A map's moment in a sentence: `the end of 2 December 2024`, `2 December 2024
    (evening)`."""
    when, part = day
    if when and part == "end of day":
        return f"the end of {human_date(dt.date.fromisoformat(when))}"
    return stamp_of(day)


def describe(data: pd.DataFrame, definition: ChartDefinition) -> str:
    """A sentence a reader (or a screen reader) can use in place of the picture."""
    if isinstance(definition, ControlMap):
        return (
            f"{definition.title}: a map of who holds what, {_control_sentence(data, definition)}."
        )
    if isinstance(definition, LocatorMap):
        return f"{definition.title}: a map of Syria locating {_listed(data['place'].tolist())}."
    if isinstance(definition, MonthStrip):
        return describe_strip(data, definition)
    if isinstance(definition, ChangesChart):
        return f"{definition.title}: {_changes_sentence(data)}."
    parts = []
    for (party, place), series in data.groupby(["party", "place"], sort=False):
        first, last = series.iloc[0], series.iloc[-1]
        moved = movement(int(first["count"]), _when(first), int(last["count"]), _when(last))
        parts.append(f"{party} in {place} {moved}")
    return f"{definition.title}: " + "; ".join(parts) + "."


def _changes_sentence(data: pd.DataFrame) -> str:
    days = sorted(set(data["date"]))
    first, last = (human_date(dt.date.fromisoformat(d)) for d in (days[0], days[-1]))
    per_day = data.groupby("date").size()
    busiest = str(per_day.idxmax())
    takers = data.groupby("to_party").size().sort_values(ascending=False)
    who = "; ".join(f"{n} taken by {party}" for party, n in takers.items())
    span = f"on {first}" if first == last else f"between {first} and {last}"
    return (
        f"{len(data)} places changed hands {span}, the most ({per_day.max()}) on "
        f"{human_date(dt.date.fromisoformat(busiest))}; {who}"
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _when(row: pd.Series) -> str:
    return human_when(dt.date.fromisoformat(row["date"]), row["part_of_day"] or None)
