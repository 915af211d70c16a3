"""Stage 3, derive: the numbers behind the pages, computed with pandas from valid content.

Counts become ordered series with deltas; control changes become per-place histories; and
the two are reconciled: where a count moves by one amount while the changes listed for that
day inside the same admin unit add up to another, a `Discrepancy` keeps both sides and both
claims, to be shown side by side. Nothing is merged or corrected silently.

Reconciling, a change is set against a count when it happened on the count's day and is not
known to fall outside the count's window: after the count (a change that night against a
count that evening), or at or before the previous count of the same day. A part of day left
empty is not known, and does not rule a change out. A place inside another place listed that
day (a city's citadel, with the city) is not another area: it is listed, not counted again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

import numpy as np
import pandas as pd

from builder.control import HeldAt, Holding, holder_now, holdings
from builder.gazetteer import ancestor_chains
from builder.models import PART_OF_DAY_ORDER, AreaCount, ControlChange
from builder.validate import Content


@dataclass(frozen=True)
class Discrepancy:
    """A count's move on a day that the place-by-place changes listed for it do not match."""

    date: dt.date
    part_of_day: str | None
    place: str
    party: str
    count_before: int
    count_after: int
    count_claim: str
    net_listed: int
    listed: tuple[ControlChange, ...]  # every change set against the count
    counted: tuple[ControlChange, ...]  # those that are areas: not inside another listed

    @property
    def delta(self) -> int:
        return self.count_after - self.count_before

    @property
    def change_claims(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(change.claim for change in self.listed))


@dataclass
class Derived:
    counts: pd.DataFrame  # one row per count, ordered, with `previous` and `delta`
    ancestors: dict[str, list[str]]  # place id -> parent, grandparent, ... up to the top
    histories: dict[str, list[ControlChange]]  # place id -> its changes, in order
    # area id -> the changes of the places inside it (not its own), by date and place
    changes_within: dict[str, list[ControlChange]]
    changes_by_claim: dict[str, list[ControlChange]]
    discrepancies: list[Discrepancy]
    # place id -> who held it, in order, from the gazetteer's holder through each full change
    holdings: dict[str, list[Holding]] = field(default_factory=dict)

    def held_now(self, place: str) -> HeldAt | None:
        """Who holds `place` after all its recorded changes (`control.holder_now`)."""
        return holder_now(self.holdings.get(place, []), self.histories.get(place, []))

    def counts_of(self, series: str, places: list[str]) -> pd.DataFrame:
        """The count rows of one series for these places, in the frame's order."""
        found = [self._count_rows.get((series, place)) for place in places]
        rows = np.unique(np.concatenate([r for r in found if r is not None] or [np.array([], int)]))
        return self.counts.iloc[rows]

    @cached_property
    def _count_rows(self) -> dict[tuple[str, str], np.ndarray]:
        # Each chart picks its rows here: scanning the whole frame for each of thousands of
        # charts made the chart stage grow with the square of the stories.
        groups = self.counts.groupby(["series", "place"], sort=False).indices
        return {cast(tuple[str, str], key): np.asarray(rows) for key, rows in groups.items()}

    @cached_property
    def places_inside(self) -> dict[str, list[str]]:
        """Area id -> the places inside it at any depth, in the gazetteer's order: a map of
        an area asks for them, and scanning every place for each of a site's thousands of
        maps grew with the square of the places."""
        inside: dict[str, list[str]] = {}
        for place, chain in self.ancestors.items():
            for area in chain:
                inside.setdefault(area, []).append(place)
        return inside

    def province_of(self, place: str) -> str:
        """The top of a place's chain of parents: its governorate, or itself."""
        return _top(place, self.ancestors)


COUNT_COLUMNS = ["series", "date", "part_of_day", "place", "party", "count", "claim"]


def derive(content: Content) -> Derived:
    ancestors = ancestor_chains(content.places)
    counts = counts_frame(content.area_counts)
    histories: dict[str, list[ControlChange]] = {}
    by_claim: dict[str, list[ControlChange]] = {}
    in_order = sorted(content.control_changes, key=change_order)
    for change in in_order:
        histories.setdefault(change.place, []).append(change)
        by_claim.setdefault(change.claim, []).append(change)
    within: dict[str, list[ControlChange]] = {}
    for change in sorted(in_order, key=lambda c: (c.date, c.place)):
        for area in ancestors[change.place]:
            within.setdefault(area, []).append(change)
    discrepancies = reconcile(counts, content.control_changes, ancestors)
    held = holdings(content.places, content.control_changes)
    return Derived(counts, ancestors, histories, within, by_claim, discrepancies, held)


def counts_frame(rows: list[AreaCount]) -> pd.DataFrame:
    frame = pd.DataFrame([row.model_dump() for row in rows], columns=COUNT_COLUMNS)
    frame["order"] = frame["part_of_day"].map(PART_OF_DAY_ORDER).fillna(0).astype(int)
    # "" rather than NaN where the part of day is not known: it reads as nothing, not "nan".
    frame["part_of_day"] = frame["part_of_day"].fillna("")
    frame = frame.sort_values(["series", "place", "party", "date", "order"], kind="stable")
    keys = ["series", "place", "party"]
    frame["previous"] = frame.groupby(keys)["count"].shift(1).astype("Int64")
    frame["delta"] = (frame["count"] - frame["previous"]).astype("Int64")
    return frame.reset_index(drop=True)


def reconcile(
    counts: pd.DataFrame, changes: list[ControlChange], ancestors: dict[str, list[str]]
) -> list[Discrepancy]:
    """Each count that moved, against the net changes listed in its window within its place."""
    by_day: dict[dt.date, list[ControlChange]] = {}
    for change in sorted(changes, key=change_order):
        by_day.setdefault(change.date, []).append(change)
    found = []
    rows = cast(list[dict[str, Any]], counts.to_dict("records"))
    # The frame is in order within each series, place and party, so a count that has a
    # previous one (a delta) follows it directly.
    for earlier, row in zip([{}, *rows], rows, strict=False):
        if pd.isna(row["delta"]):
            continue
        after = earlier["part_of_day"] if earlier["date"] == row["date"] else ""
        listed = tuple(
            change
            for change in by_day.get(row["date"], [])
            if row["place"] in (change.place, *ancestors[change.place])
            and row["party"] in (change.to_party, change.from_party)
            and _in_window(change.part_of_day, after, row["part_of_day"])
        )
        counted = _areas(listed, ancestors)
        net = sum(1 if change.to_party == row["party"] else -1 for change in counted)
        if listed and net != row["delta"]:
            found.append(_discrepancy(row, net, listed, counted))
    return found


def _in_window(part: str | None, after: str, until: str) -> bool:
    """Whether a change that part of the count's day may fall after the previous count of
    that day (`after`) and no later than this count (`until`); "" is a part not known."""
    order = PART_OF_DAY_ORDER
    if not part:
        return True
    return not (after and order[part] <= order[after]) and not (
        until and order[part] > order[until]
    )


def _areas(
    listed: tuple[ControlChange, ...], ancestors: dict[str, list[str]]
) -> tuple[ControlChange, ...]:
    """The changes whose place lies inside no other place listed with them."""
    places = {change.place for change in listed}
    return tuple(c for c in listed if not places.intersection(ancestors[c.place]))


def _discrepancy(
    row: dict[str, Any],
    net: int,
    listed: tuple[ControlChange, ...],
    counted: tuple[ControlChange, ...],
) -> Discrepancy:
    return Discrepancy(
        date=row["date"],
        part_of_day=row["part_of_day"] or None,
        place=row["place"],
        party=row["party"],
        count_before=int(row["previous"]),
        count_after=int(row["count"]),
        count_claim=row["claim"],
        net_listed=net,
        listed=listed,
        counted=counted,
    )


def _top(place: str, ancestors: dict[str, list[str]]) -> str:
    return ([place, *ancestors[place]])[-1]


def change_order(change: ControlChange) -> tuple[dt.date, int, str]:
    return (change.date, PART_OF_DAY_ORDER[change.part_of_day], change.place)
