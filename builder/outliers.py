"""Dates far from all the others: one mistyped year (2014 for 2024) passes every check of a
row on its own, and stretches the chart it lands in over a decade. A row more than
`GAP_YEARS` from every other row of its table is reported with its line."""

from __future__ import annotations

import datetime as dt
import itertools
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
    """Report the rows parted from the rest of their group by a gap of more than
    `GAP_YEARS`: the fewer side of the widest such gap (a single mistyped row, or a few
    typed together), each at its line. A group of one or two rows has nothing to compare."""
    groups: dict[str, list[tuple[dt.date, Record]]] = defaultdict(list)
    for row, record in rows:
        groups[group(row)].append((day(row), record))
    for dated in groups.values():
        if len(dated) < 3:
            continue
        dated.sort(key=lambda pair: pair[0])
        gaps = [
            (b[0].toordinal() - a[0].toordinal(), i + 1)
            for i, (a, b) in enumerate(itertools.pairwise(dated))
            if _more_than_gap(a[0], b[0])
        ]
        if not gaps:
            continue
        _, split = max(gaps)
        before, after = dated[:split], dated[split:]
        parted, rest, side = (
            (before, after, "before")
            if len(before) <= len(after)
            else (
                after,
                before,
                "after",
            )
        )
        near = rest[0][0] if side == "before" else rest[-1][0]
        for lonely, record in parted:
            years = _whole_years(min(lonely, near), max(lonely, near))
            others = "every other row" if len(parted) == 1 else f"the other {len(rest)} rows"
            errors.append(
                ContentError(
                    record.path,
                    record.line,
                    "date",
                    f"{lonely} is {years} years {side} {others}; is the year mistyped?",
                )
            )


def _more_than_gap(earlier: dt.date, later: dt.date) -> bool:
    years = _whole_years(earlier, later)
    return years > GAP_YEARS or (years == GAP_YEARS and _after_anniversary(earlier, later))


def _whole_years(earlier: dt.date, later: dt.date) -> int:
    """Full years from `earlier` to `later`, as a calendar counts them."""
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


def _after_anniversary(one: dt.date, other: dt.date) -> bool:
    """Whether the later of two dates `GAP_YEARS` apart lies past the anniversary itself:
    exactly ten years is not more than ten."""
    earlier, later = min(one, other), max(one, other)
    return (later.month, later.day) != (earlier.month, earlier.day)
