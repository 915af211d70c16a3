"""The latest entries of a long list, on a page that is about something else.

A province page lists the changes of control inside it, the claims that name it, its
stories and its counts. At 5,000 stories a province has thousands of each, and one page of
them all weighed megabytes (issue 25: no page over 300 KB). So such a page shows the latest
few of each list and says how many there are, with a link to where every one of them is
listed, page by page (`builder.render.listing`) or as data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from builder.render.view_types import More

T = TypeVar("T")

# How many of each list a page shows: about 50 changes (400 bytes each), 20 claims (2 KB
# each with their sources), 20 stories and 40 counts keep a province page near 100 KB.
CHANGES_SHOWN = 50
CLAIMS_SHOWN = 20
STORIES_SHOWN = 20
COUNTS_SHOWN = 40
NOTES_SHOWN = 10


def latest(
    entries: Sequence[T], most: int | None, when: Callable[[T], Any] | None = None
) -> list[T]:
    """The last `most` (None: all) of `entries`, which run oldest first, in their order; or, given
    `when`, the `most` latest by it, oldest first (entries in another order, such as counts
    by series and then by date)."""
    if most is None or len(entries) <= most:
        return list(entries)
    if when is not None:
        return sorted(entries, key=when)[-most:]
    return list(entries[-most:])


def more(total: int, most: int, what: str, href: str | None, link_text: str) -> More | None:
    """What a page says under a list it shows `most` of, if `total` is more: "The latest
    50 of 4,321 changes of control." and the link to them all. None when all are shown."""
    if total <= most:
        return None
    return More(text=f"The latest {most} of {total:,} {what}.", href=href, link_text=link_text)
