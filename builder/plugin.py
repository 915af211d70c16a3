"""The MkDocs plugin `dateline`: a thin adapter over `builder.pipeline` and `builder.emit`.

The pipeline runs in `on_pre_build`, before MkDocs cleans the site folder, so invalid
content stops `mkdocs build` with the previous site untouched. Generated pages are HTML
already: MkDocs takes them as they are instead of converting them, which was about half of a
large site's build, and holds their HTML only from `on_page_context` (where other plugins
see it) until the page is written. Under `mkdocs serve` an invalid edit is reported and the
last good pages stay served until it is fixed.
Written to the MkDocs 1.6 plugin API only, so ProperDocs runs it too.
"""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from builder.emit import (
    SCRIPT,
    STYLESHEET,
    Staging,
    kept_folders,
    mkdocs_files,
    refuse_unsafe_site_dir,
)
from builder.errors import ContentInvalid, DatelineError
from builder.excerpt import report_with_lines
from builder.incremental import Session
from builder.load import ProjectPaths
from builder.mkdocs_pages import AnchorsOf, search_url, toc_tokens
from builder.pipeline import GeneratedSite
from builder.render import Page, SiteSettings
from builder.render.links import page_url
from builder.search_index import PackedIndex, material_search, searchable_html
from builder.serve_status import STATUS_SCRIPT, write_status
from builder.serving import (
    CompiledTemplates,
    IdleCollection,
    SetupStamp,
    not_dirty_warning,
    stop_as_if_interrupted,
)
from builder.store import Store

log = get_plugin_logger("dateline")


def _uncounted_log() -> logging.Logger:
    """A logger outside `mkdocs`, for the one message strict mode must not count: under
    `mkdocs serve --strict` a counted error aborts the rebuild, and MkDocs' live server then
    stalls every request until the content is fixed."""
    logger = logging.getLogger("dateline")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  dateline: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


class DatelineConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of editors' content (articles, sources, places, claims, data), relative to
    mkdocs.yml. Never copied into the site as it is."""

    charts_dir = c.Type(str, default="charts")
    """Folder of chart definitions, one YAML file per chart, relative to mkdocs.yml."""

    cache_dir = c.Type(str, default=".cache/dateline")
    """The folder of the store (`builder.store`): rendered charts and cards, specs and
    downloads kept between builds, keyed by the hash of what they hold; a whole build prunes
    what no build has used for 30 days. Relative to mkdocs.yml; outside the site folder.
    Safe to delete between builds (`dateline serve` starts over when it is gone)."""


class DatelinePlugin(BasePlugin[DatelineConfig]):
    serving = False
    staging: Staging | None = None
    session: Session | None = None
    site: GeneratedSite | None = None  # the last good one, while serving
    search: Any = None  # Material's search plugin, whose entries we hold (search_index)
    built_index: PackedIndex  # the search entries of the pages built in this build
    page_urls: list[str] | None = None  # in a dirty build: every page's, for the search index
    problems: str | None = None  # while serving: why the last save was not taken
    generated: dict[str, Page]  # generated pages by their path in the docs tree
    setup_changed = False  # while serving dirty: mkdocs.yml or the theme changed

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.compiled_templates = CompiledTemplates()
        self.idle_collection = IdleCollection()
        self.setup_stamp = SetupStamp()
        if self.serving:
            signal.signal(signal.SIGTERM, stop_as_if_interrupted)
        if self.serving and dirty:
            # `mkdocs serve --dirty` (as `dateline serve` runs it): generated files are kept
            # on disk, so that MkDocs builds again only the pages an edit changed.
            self.staging = Staging(Path(tempfile.mkdtemp(prefix="dateline-serve-")))
            logging.getLogger("mkdocs.commands.build").addFilter(not_dirty_warning)

    def use(self, session: Session) -> None:
        """The one seam for a caller that runs MkDocs itself (`dateline build`): the session
        it made, holding the content it has checked; it reads the report back from it.
        Kept by `on_config` as long as it is for this project and cache."""
        self.session = session

    def on_shutdown(self) -> None:
        if self.serving:
            self.idle_collection.cancel()
        if self.session is not None:
            self.session.close()
        if self.staging is not None:
            shutil.rmtree(self.staging.folder, ignore_errors=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.generated = {}
        self.root = Path(config.config_file_path).resolve().parent
        try:
            self.paths = ProjectPaths.at(
                self.root, self.config.content_dir, self.config.charts_dir, config.docs_dir
            )
            if not self.serving:  # a served site goes to a temporary folder of MkDocs'
                kept = kept_folders(self.paths, config, self.config.cache_dir)
                site_dir = Path(config.site_dir)
                refuse_unsafe_site_dir(site_dir, self.root, kept, f"site_dir {site_dir}")
        except DatelineError as refused:
            raise PluginError(str(refused)) from None
        store = Store.at(self.root / self.config.cache_dir)
        if self.session is None or (self.session.paths, self.session.store) != (
            self.paths,
            store,
        ):
            if self.session is not None:
                self.session.close()
            self.session = Session(self.paths, store)
            if self.serving:
                self.session.keep_a_worker()
        if self.staging is not None:  # a dirty build: see whether it may stay dirty
            custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
            self.setup_changed = self.setup_stamp.changed(Path(config.config_file_path), custom_dir)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for script in (SCRIPT, *([STATUS_SCRIPT] if self.serving else [])):
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        # Our template overrides go after the site's own custom_dir, before the theme.
        overrides = str(Path(__file__).parent / "overrides")
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.idle_collection.put_off()
        self.search = material_search(config.plugins)
        self.built_index = PackedIndex(compressed=not self.serving)
        started = time.perf_counter()
        assert self.session is not None
        if not config.site_url:
            # Information, not a warning: a site is whole without it, and strict mode (as
            # `dateline build` and a new site run) would count a warning as a failure.
            log.info(
                "site_url is not set in mkdocs.yml: the feed and structured data use links "
                "relative to the site, and social cards cannot point at their images."
            )
        settings = SiteSettings.of(config)
        try:
            self.site = self.session.generate(settings)
        except ContentInvalid as invalid:
            if not (self.serving and self.site):
                raise PluginError(
                    "Dateline content is invalid:\n" + report_with_lines(invalid, self.root)
                ) from None
            # MkDocs' live server stalls every request after a failed rebuild, so while
            # serving, an invalid edit keeps the last good pages and reports to the terminal.
            self.problems = report_with_lines(invalid, self.root)
            _uncounted_log().error(
                "Content is invalid; still serving the last good version.\n%s", self.problems
            )
            return
        self.problems = None
        log.info("%s in %.2f s", self.session.last, time.perf_counter() - started)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.session is not None
        # A dirty build reads only some pages; the search index needs every page's URL.
        dirty = self.staging is not None or self.session.starting_from is not None
        self.page_urls = (
            [search_url(f.url) for f in files.documentation_pages()]
            + [page_url(page.path, config.use_directory_urls) for page in self.site.pages]
            if dirty
            else None
        )
        if self.staging is not None:
            # A changed page of the site's own may link to any generated page: then MkDocs
            # is given them all, so that it can check and rewrite those links.
            own_pages_changed = any(f.is_modified() for f in files.documentation_pages())
            generated = self.staging.files(
                self.site, config, everything=self.setup_changed, changed_only=not own_pages_changed
            )
        else:
            generated = mkdocs_files(self.site, config)
        clashes = [f.src_uri for f in generated if files.get_file_from_path(f.src_uri)]
        if clashes:
            raise PluginError(
                "Dateline generates these pages; remove or rename the hand-written ones in "
                f"{config.docs_dir}: " + ", ".join(sorted(clashes))
            )
        for file in generated:
            files.append(file)
        self.generated = {page.path: page for page in self.site.pages}
        if not self.serving:  # MkDocs needs only the pages from here on
            if self.session.recording is not None:
                log.info(self.session.files_for_build(self.site, files, Path(config.site_dir)))
            self.session.let_go_of_the_content()
            self.site = None
        return files

    # A generated page is HTML already: MkDocs takes it as it is instead of running
    # Python-Markdown over it (most of a large site's build), and holds it only while the
    # page is being built.
    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        return "" if page.file.src_uri in self.generated else markdown

    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return html
        page.toc = get_toc(toc_tokens(generated.headings))
        # MkDocs declares a set and only asks `anchor in` it: found when asked (AnchorsOf).
        page.present_anchor_ids = AnchorsOf(generated)  # type: ignore[assignment]
        return ""

    @event_priority(100)  # before the search plugin reads the page
    def _content_for_search(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.content = searchable_html(generated.html)
        return context

    @event_priority(-50)  # after the search plugin read the page
    def _hold_search_entries(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.search is not None:
            self.built_index.take(self.search.search_index.entries, page.url)
        return context

    @event_priority(-100)  # after it, before the theme shows the page
    def _content_for_page(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.content = generated.html
        return context

    on_page_context = CombinedEvent(_content_for_search, _hold_search_entries, _content_for_page)

    @event_priority(-100)  # after every other plugin has seen the page
    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.generated:
            page.content = ""
        return output

    @event_priority(-50)  # after the search plugin wrote its index, with no entries
    def _write_search_index(self, *, config: MkDocsConfig) -> None:
        written = Path(config.site_dir) / "search" / "search_index.json"
        if self.search is None or not written.is_file():
            return
        assert self.session is not None
        self.session.whole_index(self.built_index, self.page_urls).write_into(written)

    @event_priority(-100)  # after every other plugin: the build is over
    def _collect_when_idle(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.idle_collection.schedule()

    def _show_problems_in_the_browser(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            write_status(Path(config.site_dir), self.problems)

    on_post_build = CombinedEvent(
        _write_search_index, _show_problems_in_the_browser, _collect_when_idle
    )

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self.serving:
            # Each rebuild loads the theme afresh; its templates need not be compiled again.
            env.bytecode_cache = self.compiled_templates
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        server.watch(str(self.paths.content))
        server.watch(str(self.paths.charts))
        return server
