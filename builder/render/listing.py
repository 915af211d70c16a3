"""Long lists as pages a reader can page through and filter, without JavaScript.

An index of thousands of entries is one page too heavy to load (issue 25: no page over
300 KB at 5,000 stories). A `Listing` is such a list, in its order, with its headings; it
is cut into pages of at most `per_page` entries, and each page has:

- a pager: page N of M, the previous and next pages, and the first, the last and the pages
  around this one to jump to (a windowed list, as newspapers' archives have);
- the filters: links to the same list kept to one province, one side or one status, each
  its own listing with its own pages, and the count of entries each keeps.

Where the pages live, so that URLs are the same for the same content and the first page
stays where the unsplit index was: the first page at `first`, later pages numbered
beside it (`page_path`). Filtered lists lie one folder deeper than the section's entity
pages (`stories/province/hama.md`), and numbered pages one deeper than their first
(`stories/page/2.md`), so neither can ever take the path of a story, place, claim or source,
whose ids have no `/`.

A heading whose entries run over a page break is given again at the top of the next page,
marked "(continued)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Generic, TypeVar

from builder.render.page import Page, render_page
from builder.render.view_types import (
    ChartView,
    FilterGroup,
    FilterLink,
    IndexGroup,
    IndexItem,
    PageLink,
    Pager,
)
from builder.render.views import Views

T = TypeVar("T")
# Pages listed on each side of the current one in a pager, besides the first and last.
AROUND = 2


@dataclass(frozen=True)
class Listing(Generic[T]):
    """A list of `entries` in the order shown, under headings (`group`), each shown by
    `item` with links made for the page it lands on."""

    first: str  # the docs path of its first page
    title: str
    intro: str
    entries: Sequence[T]
    group: Callable[[T], str]
    item: Callable[[Views, T], IndexItem]
    per_page: int

    def kept(self, first: str, title: str, intro: str, entries: Sequence[T]) -> Listing[T]:
        """The same list kept to `entries`, at `first`."""
        return replace(self, first=first, title=title, intro=intro, entries=entries)


@dataclass(frozen=True)
class Choice:
    """A filter's option: the listing it leads to, by its first page, and its size."""

    name: str
    first: str
    count: int


@dataclass(frozen=True)
class Filter:
    label: str
    choices: Sequence[Choice]


def page_path(first: str, number: int) -> str:
    """Page `number` (from 1) of the listing whose first page is `first`."""
    if number == 1:
        return first
    if first.endswith("index.md"):
        return f"{first.removesuffix('index.md')}page/{number}.md"
    return f"{first.removesuffix('.md')}/{number}.md"


def pages_needed(entries: int, per_page: int) -> int:
    """How many pages a listing of `entries` takes (one, even when empty)."""
    return max(1, -(-entries // per_page))


def render_listing(
    views: Views,
    listing: Listing[T],
    filters: Sequence[Filter] = (),
    *,
    in_nav: bool = False,
    searchable: bool = False,
    charts: Sequence[ChartView] = (),
) -> list[Page]:
    """Every page of `listing`. The first is in the navigation and found by search if
    `in_nav` and `searchable` (the later pages and filtered lists never are: each entry is
    found on its own page), and opens with `charts`."""
    per_page, entries = listing.per_page, listing.entries
    total = pages_needed(len(entries), per_page)
    paths = [page_path(listing.first, n) for n in range(1, total + 1)]
    pages = []
    for at, path in enumerate(paths):
        here = views.at(path)
        chunk = entries[at * per_page : (at + 1) * per_page]
        groups = _grouped(chunk, listing.group, partial(listing.item, here))
        if at > 0 and chunk and listing.group(entries[at * per_page - 1]) == groups[0]["title"]:
            groups[0]["title"] += " (continued)"
        title = listing.title if at == 0 else f"{listing.title}, page {at + 1} of {total}"
        pages.append(
            render_page(
                path,
                "index.md.j2",
                title=title,
                description=listing.intro,
                in_nav=in_nav and at == 0,
                searchable=searchable and at == 0,
                intro=listing.intro,
                groups=groups,
                charts=list(charts) if at == 0 else [],
                filters=[_filter_view(here, f, listing.first) for f in filters],
                pager=_pager(here, paths, at) if total > 1 else None,
            )
        )
    return pages


def _grouped(
    entries: Sequence[T], group: Callable[[T], str], item: Callable[[T], IndexItem]
) -> list[IndexGroup]:
    groups: list[IndexGroup] = []
    for entry in entries:
        title = group(entry)
        if not groups or groups[-1]["title"] != title:
            groups.append(IndexGroup(title=title, items=[]))
        groups[-1]["items"].append(item(entry))
    return groups


def _filter_view(views: Views, found: Filter, current: str) -> FilterGroup:
    return FilterGroup(
        label=found.label,
        links=[
            FilterLink(
                name=choice.name,
                href=views.link(choice.first),
                count=choice.count,
                current=choice.first == current,
            )
            for choice in found.choices
        ],
    )


def _pager(views: Views, paths: list[str], at: int) -> Pager:
    """Page `at` (from 0) of `paths`: the first and last pages, and those within `AROUND`
    of it, with a gap (number 0) where pages are left out."""
    near = range(max(0, at - AROUND), min(len(paths), at + AROUND + 1))
    shown = sorted({0, len(paths) - 1, *near})
    pages: list[PageLink] = []
    for index in shown:
        if pages and index > pages[-1]["number"]:
            pages.append(PageLink(number=0, href=None))
        pages.append(
            PageLink(number=index + 1, href=None if index == at else views.link(paths[index]))
        )
    return Pager(
        number=at + 1,
        total=len(paths),
        earlier=views.link(paths[at - 1]) if at > 0 else None,
        later=views.link(paths[at + 1]) if at + 1 < len(paths) else None,
        pages=pages,
    )
