"""Reading generated pages as a reader sees them: their text, and the rows of their tables."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from builder.render import Page


def soup(page: Page) -> BeautifulSoup:
    return BeautifulSoup(page.html, "html.parser")


def found(tag: object) -> Tag:
    """The element looked for, which must be there."""
    assert isinstance(tag, Tag), tag
    return tag


def text(tag: Tag | None) -> str:
    assert tag is not None
    return tag.get_text(" ", strip=True)


def rows(table: Tag | None) -> list[list[str]]:
    assert table is not None
    return [[text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
