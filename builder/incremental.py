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

from mkdocs.structure.files import Files

from builder.chart import RenderedChart, chart
from builder.chart.svg import vl_convert_processes
from builder.derive import Derived, derive
from builder.emit import build_only_what_changed, digests
from builder.errors import ContentError, ContentInvalid
from builder.load import (
    ProjectPaths,
    RawArticle,
    RawContent,
    Stamp,
    content_stamps,
    edited_files,
    load,
    load_article,
)
from builder.manifest import (
    LastBuild,
    Manifest,
    forget,
    input_digests,
    keep_parts,
    last_build,
    record,
)
from builder.pipeline import Checked, GeneratedSite, generate, story_cards
from builder.render import Asset, Footprint, Page, Rendered, SiteSettings, render_story_edit
from builder.render.links import card_path
from builder.render.views import Mentions
from builder.report import Tally
from builder.search_index import PackedIndex
from builder.serving import whole_generation
from builder.store import Store
from builder.validate import Content, Story, references, validate, validate_stories
from builder.vlworker import warm_up


@dataclasses.dataclass
class Recording:
    """What a build records of itself, gathered while it runs."""

    setup: str
    manifest: Manifest | None = None
    pages: list[Page] = dataclasses.field(default_factory=list)
    assets: list[Asset] = dataclasses.field(default_factory=list)

    def note(
        self,
        inputs: dict[str, str],
        stories: dict[str, Footprint],
        made: dict[str, str],
        outputs: dict[str, str],
        site: GeneratedSite,
    ) -> None:
        self.manifest = Manifest(self.setup, "", inputs, stories, made, outputs, {})
        self.pages, self.assets = site.pages, site.assets

    def keep(self, store: Store, site_dir: Path, index: PackedIndex) -> None:
        if self.manifest is None:
            return
        self.manifest.parts = keep_parts(store, self.pages, self.assets, index)
        record(store, site_dir, self.manifest)


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
        # `dateline build`: the last build this one starts from (None: a whole build), and
        # what this one will record once its site is in place (None: it records nothing).
        self.starting_from: LastBuild | None = None
        self.recording: Recording | None = None
        self.digests: dict[str, str] = {}  # content and chart files, as this build read them
        # The whole site's search index, kept where the next build reads only some pages: a
        # dirty serving rebuild, or a build starting from the last.
        self.kept_index: PackedIndex | None = None

    def plan_build(self, store_setup: str, site_dir: Path) -> str | None:
        """For `dateline build` into `site_dir`: start from the last build of it when it may
        (what it kept is then read), and record this one. Returns why the build is whole,
        or None when it starts from the last."""
        self.recording = Recording(store_setup)
        found = last_build(self.store, site_dir, store_setup)
        if isinstance(found, str):
            self.starting_from = None
            return found
        self.starting_from, self.kept_index = found, found.search
        return None

    def files_for_build(self, site: GeneratedSite, files: Files, site_dir: Path) -> str:
        """Once MkDocs has every file of a recorded build: note what each generated file is
        and where MkDocs puts it; when starting from the last build, mark what need not be
        built again. Returns a line for the build's log."""
        made = digests(site)
        if self.recording is not None:
            self.recording.note(
                self.digests or input_digests(self.stamps, self.paths.root),
                {s.path: Footprint.of(s, site.content, site.derived) for s in site.content.stories},
                made,
                {file.src_uri: file.dest_uri for file in files},
                site,
            )
        if self.starting_from is None:
            return f"{len(made)} generated files built"
        rebuilt = build_only_what_changed(files, site_dir, made, self.starting_from.manifest)
        return f"{rebuilt} of {len(made)} generated files built again"

    def whole_index(self, built: PackedIndex, pages: list[str] | None) -> PackedIndex:
        """The whole site's search index after a build whose pages' entries are `built`:
        merged into the kept one when the build read only some pages (`pages`: the URLs of
        every page the site has now), and kept when a later build will need it."""
        index = built
        if pages is not None:
            if self.kept_index is None:
                self.kept_index = PackedIndex(compressed=built.compressed)
            self.kept_index.merge(built, pages)
            index = self.kept_index
        if self.recording is not None or pages is not None:
            self.kept_index = index
        return index

    def record_build(self, site_dir: Path) -> None:
        """After the new site is in place: what it was made from, for the next build."""
        if self.recording is not None and self.kept_index is not None:
            self.recording.keep(self.store, site_dir, self.kept_index)
        self.recording = None

    def forget_last_build(self, site_dir: Path) -> None:
        """Before a new site goes in place of `site_dir`."""
        forget(self.store, site_dir)

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
        (`checked`) is used if no file changed since.

        Three ways, each giving the same site: an edit of stories only, while serving, is
        rendered from the last site held in memory; in a build that starts from the last
        one (`starting_from`), from what that build kept; anything else runs the whole
        pipeline."""
        checked, self.checked = self.checked, None
        now = content_stamps(self.paths)
        edited = edited_files(self.stamps, now)
        if (
            self.site is not None
            and settings == self.settings
            and self._stories_only(edited)
            # The kept charts read their images from the store: if it was deleted, start over.
            and self.store.intact()
        ):
            site = self._serve_edit(self.site, edited, settings)
        elif (last := self.starting_from) is not None and self._stories_only(
            edited := self._edited_since(last, now)
        ):
            site = self._build_edit(last, edited, settings, checked, now)
        else:
            with whole_generation():
                site = generate(self.paths, store=self.store, settings=settings, checked=checked)
            self.last = Generation(
                True, len(site.pages), len(site.content.stories), len(site.pages)
            )
        self.site, self.settings, self.stamps = site, settings, now
        return site

    def _stories_only(self, edited: set[Path]) -> bool:
        articles = self.paths.content / "articles"
        return all(path.parent == articles for path in edited)

    def _edited_since(self, last: LastBuild, now: dict[str, Stamp]) -> set[Path]:
        """Content and chart files whose digest differs from the one `last` was made from."""
        self.digests = input_digests(now, self.paths.root)
        before = last.manifest.inputs
        return {
            self.paths.root / path
            for path in before.keys() | self.digests.keys()
            if before.get(path) != self.digests.get(path)
        }

    def _serve_edit(
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
        was = [
            Footprint.of(s, site.content, site.derived)
            for s in site.content.stories
            if s.path in shown
        ]
        before = Rendered(site.pages, site.assets, site.mentions)
        raw = dataclasses.replace(site.raw, articles=articles)
        return self._edit(before, was, raw, content, site.derived, site.charts, settings, shown)

    def _build_edit(
        self,
        last: LastBuild,
        edited: set[Path],
        settings: SiteSettings,
        checked: Checked | None,
        now: dict[str, Stamp],
    ) -> GeneratedSite:
        """The stories edited since the last build rendered into what it kept. The content is
        checked whole (a build publishes nothing unchecked); the numbers and charts are
        derived again (the charts from the store), the pages are not."""
        if checked is not None and checked.stamps == now:
            raw, content = checked.raw, checked.content
        else:
            loaded = load(self.paths)
            raw, content = loaded.ids_only(), validate(loaded)
        derived = derive(content)
        charts = chart(content, derived, self.store)
        shown = {self.paths.shown(path) for path in edited}
        was = [last.manifest.stories[path] for path in shown if path in last.manifest.stories]
        before = Rendered(last.pages, last.assets, Mentions.of(content, derived, charts))
        return self._edit(before, was, raw, content, derived, charts, settings, shown)

    def _edit(
        self,
        before: Rendered,
        was: list[Footprint],
        raw: RawContent,
        content: Content,
        derived: Derived,
        charts: dict[str, RenderedChart],
        settings: SiteSettings,
        shown: set[str],
    ) -> GeneratedSite:
        """`before` with the stories read from `shown` rendered again: the edit path that
        serving and builds share."""
        made = [s for s in content.stories if s.path in shown]
        # Each story's social card, made for its new version beside its pages (in the worker
        # kept open, if there is one): a tenth of a second or more that the edit need not wait.
        with ThreadPoolExecutor(max_workers=1) as beside:
            cards = beside.submit(self._cards, made, charts, settings.name)
            rendered, pages = render_story_edit(
                before, was, content, derived, charts, settings, shown
            )
        # The cards of the stories' old versions go.
        gone = {card_path(footprint.slug) for footprint in was}
        assets = [asset for asset in rendered.assets if asset.path not in gone]
        assets += cards.result()
        self.last = Generation(False, pages, len(made), len(rendered.pages))
        return GeneratedSite(
            content, rendered.pages, assets, raw, derived, charts, rendered.mentions
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
