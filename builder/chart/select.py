"""What each chart plots, as the rows a reader sees in its table and downloads, and the
sentence that says it in words."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from builder.derive import Derived, change_order
from builder.models import ChangesChart, ChartDefinition, ControlChange, LocatorMap
from builder.validate import Content
from builder.wording import human_date, human_when, movement


def rows(definition: ChartDefinition, content: Content, derived: Derived) -> pd.DataFrame:
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


def describe(data: pd.DataFrame, definition: ChartDefinition) -> str:
    """A sentence a reader (or a screen reader) can use in place of the picture."""
    if isinstance(definition, LocatorMap):
        return f"{definition.title}: a map of Syria locating {_listed(data['place'].tolist())}."
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
