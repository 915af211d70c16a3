"""How a generated page stands in MkDocs' own structures: its table of contents, the
anchors other pages may link to, and its URL as the search index gives it."""

from __future__ import annotations

import re
from typing import Any

from builder.render import Page

_ID = re.compile(r'\sid="([^"]+)"')


class AnchorsOf:
    """A generated page's ids, as MkDocs asks for them: only to check a hand-written page's
    link to an anchor on it. Found when asked instead of kept as a set for every page: a set
    for each of a large site's pages, most never asked about."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def __contains__(self, anchor: object) -> bool:
        return anchor in _ID.findall(self.page.markdown)


def search_url(url: str) -> str:
    """A page's URL as search entries give it (MkDocs' `Page.url`): the home page's is ''."""
    return "" if url in (".", "./") else url


def toc_tokens(headings: tuple[tuple[str, str], ...]) -> list[Any]:
    """A generated page's headings as the tokens MkDocs makes its table of contents from."""
    return [{"level": 2, "id": i, "name": name, "children": []} for i, name in headings]
