"""How a generated page stands in MkDocs' own structures: its table of contents, the
anchors other pages may link to, and its URL as the search index gives it; and what every
Dateline site adds to MkDocs' configuration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from builder.emit import SCRIPT, STYLESHEET
from builder.render import Page
from builder.serve_status import STATUS_SCRIPT

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


def stand_in(page: MkDocsPage, generated: Page) -> None:
    """A generated page's table of contents and anchors, given to MkDocs' page in place of
    what MkDocs would have found converting it."""
    page.toc = get_toc(toc_tokens(generated.headings))
    # MkDocs declares a set and only asks `anchor in` it: found when asked (AnchorsOf).
    page.present_anchor_ids = AnchorsOf(generated)  # type: ignore[assignment]


def add_our_files(config: MkDocsConfig, serving: bool) -> None:
    """Our stylesheet and script on every page (and, while serving, the script that shows
    an invalid save's errors), and our template overrides after the site's own custom_dir,
    before the theme's."""
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    for script in (SCRIPT, *([STATUS_SCRIPT] if serving else [])):
        if script not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(script)
    overrides = str(Path(__file__).parent / "overrides")
    if overrides not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
