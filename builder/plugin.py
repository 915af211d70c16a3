"""The MkDocs plugin `dateline`: its options, and hooks that hand each step to the `Session`
(`builder.session`), which owns the build's state.

The site is generated in `on_pre_build`, before MkDocs cleans the site folder, so invalid
content stops `mkdocs build` with the previous site untouched; under `mkdocs serve` an
invalid edit is reported and the last good pages stay served until it is fixed. Generated
pages are HTML already: MkDocs takes them as they are instead of converting them, and holds
their HTML only from `on_page_context` (where other plugins see it) until the page is
written. Written to the MkDocs 1.6 plugin API only, so ProperDocs runs it too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
from mkdocs.utils.templates import TemplateContext

from builder.errors import ContentInvalid, DatelineError
from builder.excerpt import report_with_lines
from builder.mkdocs_pages import add_our_files, stand_in
from builder.render import SiteSettings
from builder.render.settings import Licence
from builder.search_index import searchable_html
from builder.session import Session

log = get_plugin_logger("dateline")


class LicenceConfig(base.Config):
    name = c.Type(str, default=Licence.name)
    """The licence's name as readers see it, e.g. "CC BY-SA 4.0"."""

    url = c.URL(default=Licence.url)
    """Where its terms are read."""


class DatelineConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of editors' content (articles, sources, places, claims, data), relative to
    mkdocs.yml. Never copied into the site as it is."""

    charts_dir = c.Type(str, default="charts")
    """Folder of chart definitions, one YAML file per chart, relative to mkdocs.yml."""

    cache_dir = c.Type(str, default=".cache/dateline")
    """The folder of the store (`builder.store`): rendered charts and cards, specs and
    downloads kept between builds, keyed by the hash of what they hold, and the record of
    what the last build was made from; a whole build prunes what no build has used for 30
    days. Relative to mkdocs.yml; outside the site folder. Safe to delete between builds
    (the next build, and `dateline serve`, start over)."""

    licence = c.SubConfig(LicenceConfig)
    """The licence text, data and charts are published under (`name` and `url`; CC BY 4.0
    unless given): in every page's footer, on the data page and each chart's page, in a
    README beside the downloads and inside those that have room for it (JSON, GeoJSON,
    SVG), and in the pages' structured data."""


class DatelinePlugin(BasePlugin[DatelineConfig]):
    serving = False
    dirty = False
    session: Session | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.serving, self.dirty = command == "serve", dirty

    def use(self, session: Session) -> None:
        """The one seam for a caller that runs MkDocs itself (`dateline build`): the session
        it made, holding the content it has checked; it reads the report back from it.
        Kept by `on_config` as long as it is for this project and cache."""
        self.session = session

    def on_shutdown(self) -> None:
        if self.session is not None:
            self.session.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.session = Session.for_config(
                config, self.config, self.session, self.serving, self.dirty
            )
        except DatelineError as refused:
            raise PluginError(str(refused)) from None
        self.session.configured(config)
        add_our_files(config, self.serving)
        return config

    def _session(self) -> Session:
        assert self.session is not None, "MkDocs runs on_config before every other hook"
        return self.session

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        session = self._session()
        try:
            session.start(SiteSettings.of(config), config.plugins)
        except ContentInvalid as invalid:
            report = report_with_lines(invalid, session.paths.root)
            raise PluginError("Dateline content is invalid:\n" + report) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            line = self._session().files(files, config)
        except DatelineError as clash:
            raise PluginError(str(clash)) from None
        if line:
            log.info(line)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        return "" if page.file.src_uri in self._session().generated else markdown

    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self._session().generated.get(page.file.src_uri)
        if generated is None:
            return html
        stand_in(page, generated)
        return ""

    @event_priority(100)  # before the search plugin reads the page
    def _content_for_search(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self._session().generated.get(page.file.src_uri)
        if generated is not None:
            page.content = searchable_html(generated.html)
        return context

    @event_priority(-50)  # after the search plugin read the page
    def _hold_search_entries(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self._session().page_read(page.url)
        return context

    @event_priority(-100)  # after it, before the theme shows the page
    def _content_for_page(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self._session().generated.get(page.file.src_uri)
        if generated is not None:
            page.content = generated.html
        return context

    on_page_context = CombinedEvent(_content_for_search, _hold_search_entries, _content_for_page)

    @event_priority(-100)  # after every other plugin has seen the page
    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if page.file.src_uri in self._session().generated:
            page.content = ""
        return output

    @event_priority(-50)  # after the search plugin wrote its index, with no entries
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._session().finished(Path(config.site_dir))

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        env.globals.update(self._session().furniture)
        if self.serving:
            # Each rebuild loads the theme afresh; its templates need not be compiled again.
            env.bytecode_cache = self._session().compiled_templates
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        server.watch(str(self._session().paths.content))
        server.watch(str(self._session().paths.charts))
        return server
