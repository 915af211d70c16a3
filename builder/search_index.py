"""What the site search reads, and its index across dirty rebuilds while serving.

In a dirty build the search plugin sees only the pages built again, so its index would hold
those alone. Material keeps the previous index, but drops the old entries of the first
rebuilt page only: a story edit rebuilds the story, its places, sources, claims and the
indexes listing it, and the others' old sections would stay beside their new ones. So the
plugin merges here: every page built again replaces all of its entries, pages no longer in
the site lose theirs, and every other page keeps its entries as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

Entry = dict[str, Any]


def page_of(entry: Entry) -> str:
    """The page an entry belongs to: its location without the section anchor."""
    return str(entry["location"]).split("#", 1)[0]


class WholeIndex:
    """The whole search index across dirty rebuilds, each page's entries kept together: a
    large site has tens of thousands of entries, and a story edit rebuilds a few dozen."""

    def __init__(self) -> None:
        self.by_page: dict[str, list[Entry]] = {}

    def merge(self, built: list[Entry], pages: Iterable[str]) -> list[Entry]:
        """The whole index after a build that made the entries `built`; `pages` are the URLs
        of every page the site has now."""
        rebuilt: dict[str, list[Entry]] = {}
        for entry in built:
            rebuilt.setdefault(page_of(entry), []).append(entry)
        present = set(pages)
        kept = {
            page: entries
            for page, entries in self.by_page.items()
            if page not in rebuilt and page in present
        }
        self.by_page = {**kept, **rebuilt}
        return [entry for entries in self.by_page.values() for entry in entries]


def index_entries(search_plugin: Any) -> list[Entry] | None:
    """The entries the search plugin (MkDocs' or Material's) collected in this build, or
    None where it keeps them some other way."""
    index = getattr(search_plugin, "search_index", None)
    for name in ("entries", "_entries"):  # Material's, MkDocs'
        entries = getattr(index, name, None)
        if isinstance(entries, list):
            return entries
    return None


def replace_entries(search_plugin: Any, entries: list[Entry]) -> None:
    """Have the search plugin write `entries` as the whole index."""
    index = search_plugin.search_index
    setattr(index, "entries" if hasattr(index, "entries") else "_entries", entries)
    if hasattr(search_plugin, "search_index_prev"):
        # Material would merge its previous index in again; ours is already complete.
        search_plugin.search_index_prev = None


_CHART_IMAGE = re.compile(r'(<div class="dl-chart-(?:light|dark)">).*?(</div>)', re.DOTALL)
# Our templates mark records shown on other pages (the stories citing a source, a section's
# index, a claim quoted in a story) with Material's `data-search-exclude`; such an element
# never holds another of its own kind.
_EXCLUDED = re.compile(
    r"<(ul|ol|table|section)\b[^>]*\sdata-search-exclude[\s>].*?</\1>", re.DOTALL
)


def searchable_html(html: str) -> str:
    """A page's HTML as the search plugin reads it: without the charts' inline SVG, whose
    tick labels are not what a reader searches for and which was most of the HTML to parse,
    and without the lists marked `data-search-exclude`: each record they list is found on
    its own page. A chart's title, description and data table stay."""
    return _EXCLUDED.sub("", _CHART_IMAGE.sub(r"\1\2", html))
