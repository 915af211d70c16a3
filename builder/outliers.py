"""Dates far from all the others: one mistyped year (2014 for 2024) passes every check of a
row on its own, and stretches the chart it lands in over a decade. A row more than
`GAP_YEARS` from every other row of its table is reported with its line."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from builder.errors import ContentError
from builder.located import Record

GAP_YEARS = 10
Row = TypeVar("Row")


def check_outlying_dates(
    rows: Iterable[tuple[Row, Record]],
    day: Callable[[Row], dt.date],
    group: Callable[[Row], str],
    errors: list[ContentError],
) -> None:
    """Report the first or last row of each group when a gap of `GAP_YEARS` parts it from
    the rest; a table of one or two rows has nothing to compare with."""
    groups: dict[str, list[tuple[dt.date, Record]]] = defaultdict(list)
    for row, record in rows:
        groups[group(row)].append((day(row), record))
    for dated in groups.values():
        if len(dated) < 3:
            continue
        dated.sort(key=lambda pair: pair[0])
        for (lonely, record), (near, _) in ((dated[0], dated[1]), (dated[-1], dated[-2])):
            years = _whole_years(min(lonely, near), max(lonely, near))
            if years > GAP_YEARS or (years == GAP_YEARS and _after_anniversary(lonely, near)):
                side = "before" if lonely < near else "after"
                errors.append(
                    ContentError(
                        record.path,
                        record.line,
                        "date",
                        f"{lonely} is {years} years {side} every other row; is the year mistyped?",
                    )
                )


def _whole_years(earlier: dt.date, later: dt.date) -> int:
    """Full years from `earlier` to `later`, as a calendar counts them."""
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


def _after_anniversary(one: dt.date, other: dt.date) -> bool:
    """Whether the later of two dates `GAP_YEARS` apart lies past the anniversary itself:
    exactly ten years is not more than ten."""
    earlier, later = min(one, other), max(one, other)
    return (later.month, later.day) != (earlier.month, earlier.day)
