"""The edit path: an edit to stories renders only the pages that show them.

When only articles changed since the last good site, everything else (places, sources,
claims, data, the derived numbers and the charts) stays as it was, and `render_story_edit`
renders the edited stories, the pages their old and new versions name, and the lists of
stories, into the pages the last site had. Serving and building share it and differ only
in where the last site comes from:

- while serving (`serve_edit`), the last good site is held in memory, and the edited files
  are read and checked again against it;
- a build (`build_edit`) starts from what the last build kept (`builder.manifest`): the
  content is checked whole, as every build checks it, and derived and charted again (charts
  from the store); the pages are not rendered again.

Either gives the site the whole pipeline gives for the same content: `tests/test_session.py`
and `tests/test_manifest.py` hold them to that.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from builder.chart import RenderedChart
from builder.errors import ContentError, ContentInvalid
from builder.load import ProjectPaths, RawArticle, load_article
from builder.manifest import LastBuild
from builder.pipeline import Checked, GeneratedSite, Prepared, prepare
from builder.render import Asset, Footprint, Rendered, SiteSettings, render_story_edit
from builder.render.links import card_path
from builder.render.mentions import Mentions
from builder.store import Store
from builder.validate import Story, references, validate_stories

# Social cards of stories, for their charts, under the site's name.
Cards = Callable[[list[Story], dict[str, RenderedChart], str], list[Asset]]


@dataclasses.dataclass(frozen=True)
class Edited:
    """An edit's result: the site, with how many pages were rendered and stories read."""

    site: GeneratedSite
    pages: int
    stories: int


def serve_edit(
    site: GeneratedSite,
    edited: set[Path],
    paths: ProjectPaths,
    settings: SiteSettings,
    cards: Cards,
) -> Edited:
    """`site` with the story files `edited` read and checked again; ContentInvalid if one
    of them is not valid."""
    errors: list[ContentError] = []
    articles = _reread(site.raw.articles, edited, paths, errors)
    refs = references(site.raw, site.content.places, errors)
    shown = {paths.shown(path) for path in edited}
    # The stories not edited were valid against the same records, which are unchanged.
    known = {s.path: s for s in site.content.stories if s.path not in shown}
    stories = validate_stories(articles, refs, errors, known)
    if errors:
        raise ContentInvalid(errors)
    was = [
        Footprint.of(s, site.content, site.derived) for s in site.content.stories if s.path in shown
    ]
    ready = Prepared(
        dataclasses.replace(site.raw, articles=articles),
        dataclasses.replace(site.content, stories=stories),
        site.derived,
        site.charts,
    )
    before = Rendered(site.pages, site.assets, site.mentions)
    return _edit(before, was, ready, settings, shown, cards)


def build_edit(
    last: LastBuild,
    edited: set[Path],
    paths: ProjectPaths,
    store: Store,
    settings: SiteSettings,
    checked: Checked | None,
    cards: Cards,
) -> Edited:
    """The stories edited since the last build rendered into what it kept."""
    ready = prepare(paths, store, checked, on_demand=True)
    shown = {paths.shown(path) for path in edited}
    was = [last.manifest.stories[path] for path in shown if path in last.manifest.stories]
    mentions = Mentions.of(ready.content, ready.derived, ready.charts)
    before = Rendered(last.pages, last.assets, mentions)
    return _edit(before, was, ready, settings, shown, cards)


def _edit(
    before: Rendered,
    was: list[Footprint],
    ready: Prepared,
    settings: SiteSettings,
    shown: set[str],
    cards: Cards,
) -> Edited:
    """`before` with the stories read from `shown` rendered again."""
    made = [s for s in ready.content.stories if s.path in shown]
    # Each story's social card, made for its new version beside its pages (in the worker
    # kept open while serving): a tenth of a second or more that the edit need not wait.
    with ThreadPoolExecutor(max_workers=1) as beside:
        drawn = beside.submit(cards, made, ready.charts, settings.name)
        rendered, pages = render_story_edit(
            before, was, ready.content, ready.derived, ready.charts, settings, shown
        )
    # The cards of the stories' old versions go.
    gone = {card_path(footprint.slug) for footprint in was}
    assets = [asset for asset in rendered.assets if asset.path not in gone]
    assets += drawn.result()
    site = GeneratedSite(
        ready.content,
        rendered.pages,
        assets,
        ready.raw,
        ready.derived,
        ready.charts,
        rendered.mentions,
    )
    return Edited(site, pages, len(made))


def _reread(
    articles: list[RawArticle], edited: set[Path], paths: ProjectPaths, errors: list[ContentError]
) -> list[RawArticle]:
    """The articles with the edited files read again (or dropped, if removed), in the order
    `load` reads them."""
    by_path = {paths.root / article.path: article for article in articles}
    for path in edited:
        by_path.pop(path, None)
        if path.suffix == ".md" and path.is_file():
            article = load_article(paths, path, errors)
            if article is not None:
                by_path[path] = article
    return [by_path[path] for path in sorted(by_path)]
