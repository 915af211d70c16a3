"""What the site search reads, and the index it writes, held page by page.

Material's search plugin keeps every entry of every page as a dict until the build ends and
then dumps them all as one JSON string: for a large site, most of the build's memory in
dicts and, at the end, two copies of the whole index (the string and its bytes). So the
plugin takes each page's entries from it as soon as the page is read, holds them as that
page's compressed JSON, and writes the index a page at a time into the file Material wrote
with no entries: the same bytes Material would write.

In a dirty build the search plugin sees only the pages built again, so its index would hold
those alone. Material keeps the previous index, but drops the old entries of the first
rebuilt page only: a story edit rebuilds the story, its places, sources, claims and the
indexes listing it, and the others' old sections would stay beside their new ones. So while
serving, the indexes are merged: every page built again replaces all of its entries, pages
no longer in the site lose theirs, and every other page keeps its entries as they were.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Entry = dict[str, Any]
# How Material's index ends when it was given no entries; ours go in between.
_NO_ENTRIES = b'"docs":[]}'


class PackedIndex:
    """Search entries by page, each page's kept as its JSON, in build order: compressed in a
    single build, where the whole index of a large site is much of its memory, and not while
    serving, where every rebuild writes the whole index again: decompressing it would be a
    large part of a story edit, and holding it whole costs little (docs/performance.md)."""

    def __init__(self, compressed: bool = True) -> None:
        self.compressed = compressed
        self.by_page: dict[str, bytes] = {}

    def take(self, entries: list[Entry], page: str) -> None:
        """Move the entries the search plugin has just made for `page` into this index."""
        # As Material encodes them: its index is json.dumps(..., separators=(",", ":")).
        encoded = json.dumps(entries, separators=(",", ":"), default=str)[1:-1].encode()
        self.by_page[page] = zlib.compress(encoded, 1) if self.compressed else encoded
        entries.clear()

    def merge(self, built: PackedIndex, pages: Iterable[str]) -> None:
        """This index after a dirty build that made `built` (held as this index holds its
        entries); `pages` are the URLs of every page the site has now, in the order a whole
        build reads them, which is the order the index then keeps: the same bytes a whole
        build writes."""
        merged = {}
        for page in pages:
            if page in built.by_page:
                merged[page] = built.by_page[page]
            elif page in self.by_page:
                merged[page] = self.by_page[page]
        self.by_page = merged

    def write_into(self, path: Path) -> None:
        """Put these entries into the index file Material wrote with none."""
        written = path.read_bytes()
        if not written.endswith(_NO_ENTRIES):
            raise ValueError(f"{path} is not a search index without entries")
        with path.open("wb") as out:
            out.write(written[: -len(b"]}")])
            if self.compressed:  # a page at a time: the whole index is never held
                first = True
                for packed in self.by_page.values():
                    encoded = zlib.decompress(packed)
                    if encoded:
                        out.write(encoded if first else b"," + encoded)
                        first = False
            else:  # held whole already: written in one go (a story edit rewrites it all)
                out.write(b",".join(encoded for encoded in self.by_page.values() if encoded))
            out.write(b"]}")


def material_search(plugins: Any) -> Any | None:
    """Material's search plugin, when the site uses it: the one whose entries we hold."""
    search = plugins.get("material/search") or plugins.get("search")
    index = getattr(search, "search_index", None)
    if type(search).__module__.startswith("material.") and isinstance(
        getattr(index, "entries", None), list
    ):
        return search
    return None


_CHART_IMAGE = re.compile(r'(<div class="dl-chart-(?:wide|narrow)">).*?(</div>)', re.DOTALL)
# Our templates mark records shown on other pages (the stories citing a source, a section's
# index, a claim quoted in a story) and a chart's citation and embed code with Material's
# `data-search-exclude`; such an element never holds another of its own kind.
_EXCLUDED = re.compile(
    r"<(ul|ol|table|section|details)\b[^>]*\sdata-search-exclude[\s>].*?</\1>", re.DOTALL
)
# The end of a table cell or row written right before the next tag.
_CELL_END = re.compile(r"(</t[dhr]>)(?=<)")


def searchable_html(html: str) -> str:
    """A page's HTML as the search plugin reads it: without the charts' inline SVG, whose
    tick labels are not what a reader searches for and which was most of the HTML to parse,
    and without the lists marked `data-search-exclude`: each record they list is found on
    its own page, and without a chart's citation and embed code (markup, not what a reader
    searches for). A chart's title, description and data table stay, with a space after
    each cell: Material's search joins the text of adjacent elements as it finds it, so
    cells written edge to edge read as one word ("PlaceKindProvince")."""
    return _CELL_END.sub(r"\1 ", _EXCLUDED.sub("", _CHART_IMAGE.sub(r"\1\2", html)))
