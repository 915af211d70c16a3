"""Generating again while serving: an edit to stories renders only the pages that show them.

The first build, and any edit outside `content/articles/`, run the whole pipeline. When only
articles changed since the last good build, everything else (places, sources, claims, data,
the derived numbers and the charts) is kept: the changed articles are read and checked again
against it, and `render_story_edit` renders the pages that show them. The result is the same
site the whole pipeline would make; `tests/test_incremental.py` holds the two to that.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from builder.chart import RenderedChart
from builder.chart.svg import vl_convert_processes
from builder.errors import ContentError, ContentInvalid
from builder.load import ProjectPaths, RawArticle, Stamp, content_stamps, edited_files, load_article
from builder.pipeline import Checked, GeneratedSite, generate, story_cards
from builder.render import Asset, Rendered, SiteSettings, render_story_edit
from builder.render.links import card_path
from builder.report import Tally
from builder.serving import whole_generation
from builder.store import Store
from builder.validate import Story, references, validate_stories
from builder.vlworker import warm_up


@dataclasses.dataclass
class Generation:
    """What one run made, for the build log."""

    whole: bool  # the whole pipeline ran
    pages: int  # pages rendered
    stories: int  # stories read again (all of them when whole)
    total: int  # pages of the site

    def __str__(self) -> str:
        if self.whole:
            return f"{self.stories} stories, {self.pages} pages generated"
        read = f"{self.stories} {'story' if self.stories == 1 else 'stories'} read again"
        return f"{read}, {self.pages} of {self.total} pages generated"


class Session:
    """The generator across rebuilds of one `mkdocs serve` (or a single build)."""

    def __init__(self, paths: ProjectPaths, store: Store) -> None:
        self.paths = paths
        self.store = store
        self.site: GeneratedSite | None = None  # the last good one
        self.settings: SiteSettings | None = None
        self.stamps: dict[str, Stamp] = {}
        self.last = Generation(whole=True, pages=0, stories=0, total=0)
        self.worker: ProcessPoolExecutor | None = None
        # Content the session's maker has read and checked (`dateline build`), so that the
        # first build need not read it again; taken by that build.
        self.checked: Checked | None = None
        # What the last whole build read and published, for the maker to print.
        self.report: list[Tally] | None = None

    def keep_a_worker(self) -> None:
        """While serving: a vl-convert process kept open (started now, beside the first
        build), in which a story edit makes its social cards while its pages are rendered.
        vl-convert holds the GIL while it draws a card, and starting a process would cost
        more than the edit's own pages (docs/performance.md)."""
        self.worker = vl_convert_processes(1)
        self.worker.submit(warm_up)

    def _cards(
        self, stories: list[Story], charts: dict[str, RenderedChart], site_name: str
    ) -> list[Asset]:
        try:
            return story_cards(stories, charts, site_name, self.store, self.worker)
        except BrokenProcessPool:
            # The worker was killed (out of memory, or by hand): the cards are made here,
            # and a new worker is kept for the next edit.
            self.close()
            self.keep_a_worker()
            return story_cards(stories, charts, site_name, self.store)

    def let_go_of_the_content(self) -> None:
        """After a single build's pages are made: the report is taken, and the content, the
        numbers and the charts (most of a large site's memory) are let go before MkDocs
        builds the pages."""
        if self.site is not None:
            self.report = self.site.report()
        self.site = self.checked = None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.shutdown(wait=False, cancel_futures=True)
            self.worker = None

    def generate(self, settings: SiteSettings) -> GeneratedSite:
        """The site for the content as it is now; raises ContentInvalid, keeping the last
        good site, so that the next run compares against that. Content the maker checked
        (`checked`) is used if no file changed since."""
        checked, self.checked = self.checked, None
        now = content_stamps(self.paths)
        edited = edited_files(self.stamps, now)
        articles = self.paths.content / "articles"
        if (
            self.site is not None
            and settings == self.settings
            and all(path.parent == articles for path in edited)
            # The kept charts read their images from the store: if it was deleted, start over.
            and self.store.intact()
        ):
            site = self._story_edit(self.site, edited, settings)
        else:
            with whole_generation():
                site = generate(self.paths, store=self.store, settings=settings, checked=checked)
            self.last = Generation(
                True, len(site.pages), len(site.content.stories), len(site.pages)
            )
        self.site, self.settings, self.stamps = site, settings, now
        return site

    def _story_edit(
        self, site: GeneratedSite, edited: set[Path], settings: SiteSettings
    ) -> GeneratedSite:
        errors: list[ContentError] = []
        articles = _reread(site.raw.articles, edited, self.paths, errors)
        refs = references(site.raw, site.content.places, errors)
        shown = {self.paths.shown(path) for path in edited}
        # The stories not edited were valid against the same records, which are unchanged.
        known = {s.path: s for s in site.content.stories if s.path not in shown}
        stories = validate_stories(articles, refs, errors, known)
        if errors:
            raise ContentInvalid(errors)
        content = dataclasses.replace(site.content, stories=stories)
        made = [s for s in stories if s.path in shown]
        # Each story's social card, made for its new version beside its pages (in the worker
        # kept open, if there is one): a tenth of a second or more that the edit need not wait.
        with ThreadPoolExecutor(max_workers=1) as beside:
            cards = beside.submit(self._cards, made, site.charts, settings.name)
            rendered, pages = render_story_edit(
                Rendered(site.pages, site.assets, site.mentions),
                site.content,
                content,
                site.derived,
                site.charts,
                settings,
                shown,
            )
        # The cards of the stories' old versions go.
        gone = {card_path(s.article.slug or "") for s in site.content.stories if s.path in shown}
        assets = [asset for asset in rendered.assets if asset.path not in gone]
        assets += cards.result()
        self.last = Generation(False, pages, len(made), len(rendered.pages))
        raw = dataclasses.replace(site.raw, articles=articles)
        return GeneratedSite(
            content, rendered.pages, assets, raw, site.derived, site.charts, rendered.mentions
        )


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
