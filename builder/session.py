"""One owner for the state of a build or of a serving run (`mkdocs serve`, `dateline serve`).

A `Session` holds what lives longer than one stage: the store, the last good site and what
it was made from, the kept vl-convert worker, the content its maker checked, the record of
the last build it starts from and of this one, the search index it keeps, the staging folder
of a dirty serving run, the collector's policy and the report. Its maker (the CLI, or the
plugin when MkDocs runs alone) makes it; the plugin hands every MkDocs hook to it.

Where the site comes from, three ways that each give the same site: an edit of stories
only, while serving, is rendered from the last site held in memory; in a build that starts
from the last one (`starting_from`), from what that build kept; anything else runs the whole
pipeline (`builder.edit`, `builder.pipeline`).
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import signal
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from builder.chart import RenderedChart
from builder.chart.svg import vl_convert_processes
from builder.edit import Edited, build_edit, serve_edit
from builder.emit import (
    Generated,
    Output,
    Staging,
    build_only_what_changed,
    digests,
    link_unchanged,
    mkdocs_files,
)
from builder.errors import ContentInvalid, DatelineError
from builder.excerpt import report_with_lines
from builder.furniture import template_values
from builder.load import ProjectPaths, Stamp, content_stamps, edited_files
from builder.manifest import LastBuild, Recording, forget, input_digests, last_build
from builder.mkdocs_pages import search_url
from builder.pipeline import Checked, GeneratedSite, generate, story_cards
from builder.progress import log
from builder.publish import kept_folders, refuse_unsafe_site_dir
from builder.render import Asset, Footprint, Page, SiteSettings
from builder.render.links import page_url
from builder.report import Tally
from builder.search_index import PackedIndex, material_search
from builder.serve_status import write_status
from builder.serving import (
    CompiledTemplates,
    IdleCollection,
    SetupStamp,
    ThemeListing,
    not_dirty_warning,
    stop_as_if_interrupted,
    uncounted_log,
    whole_generation,
)
from builder.store import Store
from builder.validate import Story
from builder.vlworker import warm_up

plugin_log = get_plugin_logger("dateline")


class Options(Protocol):
    """The plugin's options a session is made from (`builder.plugin.DatelineConfig`)."""

    content_dir: str
    charts_dir: str
    cache_dir: str


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
    """A build, or a serving run and its rebuilds."""

    def __init__(
        self, paths: ProjectPaths, store: Store, *, serving: bool = False, dirty: bool = False
    ) -> None:
        self.paths, self.store, self.serving = paths, store, serving
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
        # Each story's footprint, taken for the record before a single build lets go of the
        # content (`_output`).
        self.footprints: dict[str, Footprint] = {}
        # `dateline build`: the last build this one starts from (None: a whole build), and
        # what this one will record once its site is in place (None: it records nothing).
        self.starting_from: LastBuild | None = None
        self.recording: Recording | None = None
        self.digests: dict[str, str] = {}  # content and chart files, as this build read them
        # The whole site's search index, kept where the next build reads only some pages: a
        # dirty serving rebuild, or a build starting from the last.
        self.kept_index: PackedIndex | None = None
        # The build MkDocs is running: the pages it takes from us, by their path in the docs
        # tree; the search entries of the pages it built; in a dirty build, every page's URL.
        self.generated: dict[str, Page] = {}
        # What the theme shows around every page (`builder.furniture`), for `on_env`.
        self.furniture: dict[str, object] = {}
        self.search: Any = None  # Material's search plugin, whose entries we hold
        self.built_index = PackedIndex(compressed=not serving)
        self.page_urls: list[str] | None = None
        self.problems: str | None = None  # while serving: why the last save was not taken
        # While serving: generated files kept on disk for MkDocs' dirty rebuilds (`dateline
        # serve`), the theme's compiled templates, whether the setup changed, the collector.
        self.staging = (
            Staging(Path(tempfile.mkdtemp(prefix="dateline-serve-"))) if serving and dirty else None
        )
        self.compiled_templates = CompiledTemplates()
        self.setup_stamp = SetupStamp()
        self.theme_listing = ThemeListing()
        self.setup_changed = False
        self.idle_collection = IdleCollection()
        if serving:
            signal.signal(signal.SIGTERM, stop_as_if_interrupted)
            self.keep_a_worker()

    @classmethod
    def for_config(
        cls,
        config: MkDocsConfig,
        options: Options,
        kept: Session | None,
        serving: bool,
        dirty: bool,
    ) -> Session:
        """The session for the project `config` names: `kept` while it is for the same
        project and store (a serving run's rebuilds, or the session `dateline build` made),
        else a new one. A build refuses a site folder it could not safely replace."""
        root = Path(config.config_file_path).resolve().parent
        paths = ProjectPaths.at(root, options.content_dir, options.charts_dir, config.docs_dir)
        if not serving:  # a served site goes to a temporary folder of MkDocs'
            folders = kept_folders(paths, config, options.cache_dir)
            site_dir = Path(config.site_dir)
            refuse_unsafe_site_dir(site_dir, root, folders, f"site_dir {site_dir}")
        store = Store.at(root / options.cache_dir)
        if kept is not None and (kept.paths, kept.store) == (paths, store):
            return kept
        if kept is not None:
            kept.close()
        return cls(paths, store, serving=serving, dirty=dirty)

    # -- the site ------------------------------------------------------------------------

    def generate(self, settings: SiteSettings) -> GeneratedSite:
        """The site for the content as it is now; raises ContentInvalid, keeping the last
        good site, so that the next run compares against that. Content the maker checked
        (`checked`) is used if no file changed since."""
        checked, self.checked = self.checked, None
        now = content_stamps(self.paths)
        edited = edited_files(self.stamps, now)
        whole = False
        if (
            self.site is not None
            and settings == self.settings
            and self._stories_only(edited)
            # The kept charts read their images from the store: if it was deleted, start over.
            and self.store.intact()
        ):
            made = serve_edit(self.site, edited, self.paths, settings, self._cards)
        elif (last := self.starting_from) is not None and self._stories_only(
            edited := self._edited_since(last, now)
        ):
            made = build_edit(last, edited, self.paths, self.store, settings, checked, self._cards)
        else:
            with whole_generation():
                site = generate(self.paths, store=self.store, settings=settings, checked=checked)
            made, whole = Edited(site, len(site.pages), len(site.content.stories)), True
        self.last = Generation(whole, made.pages, made.stories, len(made.site.pages))
        self.site, self.settings, self.stamps = made.site, settings, now
        return made.site

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
            self._stop_worker()
            self.keep_a_worker()
            return story_cards(stories, charts, site_name, self.store)

    def let_go_of_the_content(self) -> None:
        """After a single build's pages are made: the report is taken, and the content, the
        numbers and the charts (most of a large site's memory) are let go before MkDocs
        builds the pages."""
        if self.site is not None:
            self.report = self.site.report()
        self.site = self.checked = None

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.shutdown(wait=False, cancel_futures=True)
            self.worker = None

    def close(self) -> None:
        """The run is over: its worker, its collection timer and its staging folder go."""
        self._stop_worker()
        self.idle_collection.cancel()
        if self.staging is not None:
            shutil.rmtree(self.staging.folder, ignore_errors=True)

    # -- the record of builds (`dateline build`) -----------------------------------------

    def plan_build(self, setup: str, site_dir: Path, *, whole: bool = False) -> str | None:
        """For `dateline build` into `site_dir`: record this build, and start from the last
        build of it when it may (what it kept is then read) and `whole` is not asked for.
        Returns why the build is whole, or None when it starts from the last."""
        self.recording = Recording(setup)
        self.starting_from = None
        if whole:
            return "--full was given"
        found = last_build(self.store, site_dir, setup)
        if isinstance(found, str):
            return found
        self.starting_from, self.kept_index = found, found.search
        return None

    def forget_last_build(self, site_dir: Path) -> None:
        """Before a new site goes in place of `site_dir`."""
        forget(self.store, site_dir)

    def record_build(self, site_dir: Path) -> None:
        """After the new site is in place: what it was made from, for the next build. A
        record that cannot be written fails nothing: the next build is whole."""
        recording, self.recording = self.recording, None
        if recording is None or self.kept_index is None:
            return
        try:
            recording.keep(self.store, site_dir, self.kept_index)
        except OSError as exc:
            log.warning(
                "dateline: could not record what the build was made from (%s); the next "
                "build is whole",
                exc.strerror or exc,
            )

    # -- MkDocs' build, hook by hook (`builder.plugin`) -----------------------------------

    def configured(self, config: MkDocsConfig) -> None:
        """While serving dirty: whether mkdocs.yml or the theme changed since the last build,
        so that every page is built again (and the theme's files are listed again)."""
        if self.staging is not None:
            custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
            self.setup_changed = self.setup_stamp.changed(Path(config.config_file_path), custom_dir)
            self.theme_listing.keep(config.theme, again=self.setup_changed)

    def start(self, settings: SiteSettings, plugins: Any) -> None:
        """A build starts: the site is generated, and the log says what was made. While
        serving, invalid content is reported and the last good pages stay (`problems` says
        why); otherwise it raises ContentInvalid."""
        started = time.perf_counter()
        if not settings.url:
            # Information, not a warning: a site is whole without it, and strict mode (as
            # `dateline build` and a new site run) would count a warning as a failure.
            plugin_log.info(
                "site_url is not set in mkdocs.yml: the feed and structured data use links "
                "relative to the site, and social cards cannot point at their images."
            )
        if self.serving:
            self.idle_collection.put_off()
        if self.staging is not None or self.starting_from is not None:
            # MkDocs warns on every dirty build, which strict mode would count as a failure.
            logging.getLogger("mkdocs.commands.build").addFilter(not_dirty_warning)
        self.search = material_search(plugins)
        self.built_index = PackedIndex(compressed=not self.serving)
        try:
            self.generate(settings)
        except ContentInvalid as invalid:
            if not (self.serving and self.site):
                raise
            self.problems = report_with_lines(invalid, self.paths.root)
            # Not counted: MkDocs' live server stalls every request after a failed build.
            uncounted_log().error(
                "Content is invalid; still serving the last good version.\n%s", self.problems
            )
            return
        self.problems = None
        plugin_log.info("%s in %.2f s", self.last, time.perf_counter() - started)

    def files(self, files: Files, config: MkDocsConfig) -> str | None:
        """Give MkDocs the generated files; a line for the build's log, if any."""
        site = self.site
        assert site is not None
        assert self.settings is not None, "set by the generation that made `site`"
        # The site's own pages, listed once: each listing looks at every file of the site.
        own = files.documentation_pages()
        self.furniture = template_values(
            {f.src_uri for f in own} | {page.path for page in site.pages},
            site.content.stories,
            self.settings,
        )
        # A dirty build reads only some pages; the search index needs every page's URL.
        if self.staging is not None or self.starting_from is not None:
            self.page_urls = [search_url(f.url) for f in own] + [
                page_url(page.path, config.use_directory_urls) for page in site.pages
            ]
        if self.staging is not None:
            # A changed page of the site's own may link to any generated page: then MkDocs
            # is given them all, so that it can check and rewrite those links.
            own_pages_changed = any(f.is_modified() for f in own)
            generated = self.staging.files(
                site, config, everything=self.setup_changed, changed_only=not own_pages_changed
            )
            output: Generated = site
        else:
            output = self._output(site)
            del site  # its content goes now, if this build lets go of it (see `_output`)
            generated = mkdocs_files(output, config)
        clashes = [f.src_uri for f in generated if files.get_file_from_path(f.src_uri)]
        if clashes:
            raise DatelineError(
                "Dateline generates these pages; remove or rename the hand-written ones in "
                f"{config.docs_dir}: " + ", ".join(sorted(clashes))
            )
        for file in generated:
            files.append(file)
        self.generated = {page.path: page for page in output.pages}
        if self.serving:
            return None
        return self._files_for_build(output, files, Path(config.site_dir))

    def _output(self, site: GeneratedSite) -> Generated:
        """The files of `site`. A single build takes what it needs of the content (the
        report, the stories' footprints) and lets go of the content before MkDocs is given
        the files, whose objects then take the content's memory instead of adding to it: at
        5,000 stories they were the build's peak (docs/performance.md)."""
        if self.serving:
            return site
        if self.recording is not None:
            self.footprints = {
                s.path: Footprint.of(s, site.content, site.derived) for s in site.content.stories
            }
        self.let_go_of_the_content()
        return Output(site.pages, site.assets)

    def _files_for_build(self, site: Generated, files: Files, site_dir: Path) -> str | None:
        """Once MkDocs has every file of a recorded build: note what each generated file is
        and where MkDocs puts it; when starting from the last build, mark what need not be
        built again."""
        if self.recording is None:
            return None
        made = digests(site, self._carried())
        self.recording.note(
            self.digests or input_digests(self.stamps, self.paths.root),
            self.footprints,
            made,
            {file.src_uri: file.dest_uri for file in files},
            site.pages,
            site.assets,
        )
        if self.starting_from is None:
            return f"{len(made)} generated files built"
        last = self.starting_from
        rebuilt = build_only_what_changed(files, made, last.manifest, last.site_dir)
        return f"{rebuilt} of {len(made)} generated files built again"

    def _carried(self) -> dict[int, str]:
        """What this build took from the last as it was, by object, with the digest the last
        build recorded of it."""
        last = self.starting_from
        if last is None:
            return {}
        recorded = last.manifest.pages
        carried = {id(p): recorded[p.path] for p in last.pages if p.path in recorded}
        carried.update((id(a.data), recorded[a.path]) for a in last.assets if a.path in recorded)
        return carried

    def page_read(self, url: str) -> None:
        """The search plugin has read the page at `url`: its entries are held here."""
        if self.search is not None:
            self.built_index.take(self.search.search_index.entries, url)

    def finished(self, site_dir: Path) -> None:
        """MkDocs has written every page: the search index gets every page's entries (the
        search plugin wrote it with none), and while serving, the open page learns whether
        the last save was taken, and the collector runs once the editor pauses."""
        if self.starting_from is not None and self.recording and self.recording.manifest:
            outputs = self.recording.manifest.outputs.values()
            link_unchanged(self.starting_from.site_dir, site_dir, outputs)
        written = site_dir / "search" / "search_index.json"
        if self.search is not None and written.is_file():
            self.whole_index(self.built_index, self.page_urls).write_into(written)
        if self.serving:
            write_status(site_dir, self.problems)
            self.idle_collection.schedule()

    def whole_index(self, built: PackedIndex, pages: list[str] | None) -> PackedIndex:
        """The whole site's search index after a build whose pages' entries are `built`:
        merged into the kept one when the build read only some pages (`pages`: the URLs of
        every page the site has now), and kept when a later build will need it."""
        if pages is None:  # a whole build read every page
            if self.recording is not None:
                self.kept_index = built  # for the record of this build
            return built
        if self.kept_index is None:
            self.kept_index = PackedIndex(compressed=built.compressed)
        self.kept_index.merge(built, pages)
        return self.kept_index
