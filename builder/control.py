"""Who holds a place, as of when: the holder each place has after its changes of control,
starting from the holder the gazetteer gives it (`Place.held_by`), if any.

The changes of one place must follow each other: each is taken from whoever held the place
at that moment, when that is known. A change from a party to itself, a change from a party
that did not hold the place then (the same village "taken from the government" six times),
and two changes of one place at one moment that disagree are errors, each with its line:
published, they would tell the reader two stories at once.

Moments are ordered by day, then part of day; a change without a part of day comes first
in its day. Only a full change passes the place to its new holder; a partial one leaves it
contested, and its holder as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from builder import status
from builder.errors import ContentError
from builder.located import Record
from builder.models import PART_OF_DAY_ORDER, Claim, ControlChange, PartOfDay, Place
from builder.wording import human_when

Moment = tuple[dt.date, int]


def moment(day: dt.date, part_of_day: PartOfDay | None) -> Moment:
    return day, PART_OF_DAY_ORDER[part_of_day]


def part_name(order: int) -> str | None:
    """The part of day a moment's order stands for; None where none was given."""
    return next((str(name) for name, o in PART_OF_DAY_ORDER.items() if o == order and name), None)


@dataclass(frozen=True)
class Holding:
    """A place held by `party` from `since` (its day and part of day), per `claim` (None
    where the gazetteer gives the starting holder)."""

    party: str
    since: dt.date
    part_of_day: PartOfDay | None
    claim: str | None


def holdings(
    places: Mapping[str, Place], changes: Iterable[ControlChange]
) -> dict[str, list[Holding]]:
    """Each place's holders in order, from its starting holder (if given) through every full
    change; the last is who holds it now, as far as the content says."""
    found: dict[str, list[Holding]] = defaultdict(list)
    for identifier, place in sorted(places.items()):
        if place.held_by is not None:
            found[identifier].append(Holding(place.held_by.party, place.held_by.as_of, None, None))
    for change in sorted(changes, key=lambda c: (c.place, moment(c.date, c.part_of_day))):
        if change.extent == "full":
            found[change.place].append(
                Holding(change.to_party, change.date, change.part_of_day, change.claim)
            )
    return dict(found)


def check_control_changes(
    places: Mapping[str, Place],
    changes: Iterable[tuple[ControlChange, Record]],
    errors: list[ContentError],
) -> None:
    """Report the changes that do not follow from each other (see the module's docstring)."""
    by_place: dict[str, list[tuple[ControlChange, Record]]] = defaultdict(list)
    for change, record in changes:
        if change.from_party == change.to_party:
            errors.append(
                ContentError(
                    record.path,
                    record.line,
                    "to_party",
                    f"{change.to_party!r} is also the from_party; a change of control passes "
                    "a place from one party to another",
                )
            )
            continue
        by_place[change.place].append((change, record))
    for place, rows in by_place.items():
        rows.sort(key=lambda pair: (moment(pair[0].date, pair[0].part_of_day), pair[1].line))
        start = places[place].held_by if place in places else None
        holder = (start.party, "its held_by in the gazetteer") if start is not None else None
        _check_sequence(rows, holder, errors)


def _check_sequence(
    rows: list[tuple[ControlChange, Record]],
    holder: tuple[str, str] | None,
    errors: list[ContentError],
) -> None:
    """`holder`: who holds the place before the first row, and where that is said."""
    last: tuple[ControlChange, Record] | None = None
    for change, record in rows:
        if last is not None and _same_moment(last[0], change):
            if last[0].to_party == change.to_party:
                continue  # the same change, reported by another claim
            errors.append(
                ContentError(
                    record.path,
                    record.line,
                    "to_party",
                    f"{change.place!r} also goes to {last[0].to_party!r} at this moment "
                    f"(line {last[1].line}); keep the change the sources support, or give "
                    "each its part of day",
                )
            )
            continue
        if holder is not None and change.from_party != holder[0]:
            errors.append(
                ContentError(
                    record.path,
                    record.line,
                    "from_party",
                    f"{change.place!r} was held by {holder[0]!r} then (per {holder[1]}), not "
                    f"by {change.from_party!r}; correct the from_party, or add the change "
                    "in between",
                )
            )
        if change.extent == "full":
            holder = (change.to_party, f"line {record.line}")
        last = (change, record)


def _same_moment(one: ControlChange, other: ControlChange) -> bool:
    return (one.date, one.part_of_day) == (other.date, other.part_of_day)


@dataclass(frozen=True)
class HeldAt:
    """Who held a place at a moment, as a map shows it: `party` per `claim` (None where the
    gazetteer gives it), held `since` (None where it is known only as the side a later change
    took the place from), and a side that had partly taken it since, if any."""

    party: str
    claim: str | None
    since: Moment | None
    partly_taken_by: str | None = None


END_OF_DAY = max(PART_OF_DAY_ORDER.values())


def holder_at(held: list[Holding], changes: list[ControlChange], at: Moment) -> HeldAt | None:
    """Who held a place at `at`, from its holders in order (`holdings`) and its changes in
    order; None where nothing recorded says. Before its first recorded holder, a place is
    held by the side its first change (full or partial) took it from, per that change's
    claim."""
    current = None
    for holding in held:
        if moment(holding.since, holding.part_of_day) <= at:
            current = holding
    if current is None:
        if not changes:
            return None
        first = changes[0]
        return HeldAt(first.from_party, first.claim, None, _partly(changes, None, at))
    since = moment(current.since, current.part_of_day)
    return HeldAt(current.party, current.claim, since, _partly(changes, since, at))


def _partly(changes: list[ControlChange], since: Moment | None, at: Moment) -> str | None:
    """The side that partly took the place after `since`, up to `at`: its hold is contested."""
    partial = [
        c
        for c in changes
        if c.extent == "partial"
        and moment(c.date, c.part_of_day) <= at
        and (since is None or moment(c.date, c.part_of_day) > since)
    ]
    return partial[-1].to_party if partial else None


def held_since(held: HeldAt) -> str:
    """When the holder took the place, in words; a holder known only as the side the
    place's first recorded change took it from has no such day."""
    if held.since is None:
        return "before its first recorded change"
    day, part = held.since
    return human_when(day, part_name(part))


def holder_now(held: list[Holding], changes: list[ControlChange]) -> HeldAt | None:
    """Who holds a place after all its recorded changes: what its page, its province's tally
    and the places index say, as the map of the latest moment draws it. One answer for all
    of them: a page saying "not recorded" beside a map that draws a holder would tell the
    reader two stories."""
    return holder_at(held, changes, (dt.date.max, END_OF_DAY))


def held_level(held: HeldAt | None, claims: Mapping[str, Claim]) -> status.Level:
    """How sure we are of who holds a place: its holder's claim's status; contested while
    another side holds part of it; the gazetteer's for a starting holder; none when nothing
    says."""
    if held is None:
        return status.NOT_RECORDED
    if held.partly_taken_by is not None:
        return status.LEVELS["contested"]
    return status.level(claims[held.claim].status if held.claim else None)
