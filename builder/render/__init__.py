"""Stage 5, render: every page as MkDocs Markdown, from Jinja2 templates with autoescape on.

A generated page is front matter over HTML: headings too are HTML (with the ids Python-Markdown
would give them) and are kept on the `Page` for the table of contents. So the plugin hands the
HTML to MkDocs as it is, and nothing we escaped is ever read as Markdown; any other
MkDocs-compatible builder gets the same HTML out of Python-Markdown, which passes HTML through.

Pages: stories, places, provinces, sources, claims, the section indexes, home, timeline and
data; plus the datasets as downloadable files.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from builder.chart import RenderedChart
from builder.derive import Derived
from builder.render import chart_pages, chart_tables, datasets, entities, indexes, links, story
from builder.render.feed import atom_feed
from builder.render.links import FEED, Linker, story_page
from builder.render.mentions import Mentions, around, story_places, story_sources
from builder.render.page import Asset, Page
from builder.render.settings import SiteSettings
from builder.render.views import Views
from builder.store import InMemory, Store
from builder.validate import Content, Story

__all__ = ["Asset", "Footprint", "Page", "Rendered", "SiteSettings", "render", "render_story_edit"]


@dataclass
class Rendered:
    pages: list[Page]
    assets: list[Asset]
    mentions: Mentions  # who is mentioned where, which a story edit updates


def render(
    content: Content,
    derived: Derived,
    charts: dict[str, RenderedChart],
    settings: SiteSettings,
    store: Store | None = None,
) -> Rendered:
    """Every page and download; the downloads are kept in `store` as they are made, and
    come back as its entries (with no store, held for this call only)."""
    store = store or Store.in_memory()
    views = _views(content, derived, charts, settings)
    pages = [story.render_story(s, views, settings) for s in content.stories]
    pages += entities.render_entities(views)
    pages += indexes.render_indexes(views, settings.name, settings.description)
    pages += chart_pages.render_chart_pages(views)
    tables = datasets.datasets(content)
    pages.append(datasets.render_data_page(tables, views.at(links.DATA).link, settings))
    feed = Asset(FEED, InMemory(atom_feed(content.stories, settings)))
    downloads = chain(
        datasets.files(tables, store, settings), chart_tables.chart_files(charts, store, settings)
    )
    embeds = chart_pages.render_embed_views(views, store)
    return Rendered(pages, [*downloads, *embeds, feed], views.mentions)


@dataclass(frozen=True)
class Footprint:
    """What one version of a story is shown on beyond its own page: the places (and every
    place they lie in), sources and claims it names. An edit renders again the pages of both
    versions' footprints, so a page that stops naming a story loses it too. Plain ids, so that
    a build can keep it in its manifest and hand it to the next build."""

    slug: str
    places: tuple[str, ...]
    sources: tuple[str, ...]
    claims: tuple[str, ...]

    @property
    def page(self) -> str:
        return story_page(self.slug)

    @classmethod
    def of(cls, told: Story, content: Content, derived: Derived) -> Footprint:
        return cls(
            told.article.slug or "",
            tuple(around(story_places(told, content, derived), derived)),
            tuple(story_sources(told, content)),
            tuple(told.claims),
        )


def render_story_edit(
    before: Rendered,
    was: list[Footprint],
    content: Content,
    derived: Derived,
    charts: dict[str, RenderedChart],
    settings: SiteSettings,
    edited: set[str],
) -> tuple[Rendered, int]:
    """`before` brought up to date with `content`, which differs from what `before` was
    rendered from only in the stories read from the files `edited`, whose old versions left
    the footprints `was`. Rendered again: those stories, the places, sources and claims their
    old or new versions name, the indexes that list stories, and the feed. Everything else is
    taken from `before` as it is. Also returns how many pages were rendered."""
    views = _views(
        content, derived, charts, settings, before.mentions.with_stories(content, derived, edited)
    )
    now = [s for s in content.stories if s.path in edited]
    footprints = was + [Footprint.of(s, content, derived) for s in now]
    pages = {page.path: page for page in before.pages}
    for gone in was:
        del pages[gone.page]
    fresh = [story.render_story(s, views, settings) for s in now]
    fresh += entities.render_named(
        views,
        places={p for f in footprints for p in f.places},
        sources={p for f in footprints for p in f.sources},
        claims={c for f in footprints for c in f.claims},
    )
    pages.update((page.path, page) for page in fresh)
    lists = indexes.story_indexes(views, settings.name, settings.description)
    feed = Asset(FEED, InMemory(atom_feed(content.stories, settings)))
    assets = [feed if asset.path == FEED else asset for asset in before.assets]
    ordered = _in_render_order(pages, content, was, lists)
    return Rendered(ordered, assets, views.mentions), len(fresh) + len(lists)


def _in_render_order(
    pages: dict[str, Page], content: Content, was: list[Footprint], lists: list[Page]
) -> list[Page]:
    """The pages in the order `render` gives them (the stories' in the content's order, then
    the rest as they were): MkDocs reads them in this order, and the search index follows it.
    The pages that list stories (`lists`) take the place of those they replace, whose number
    may differ (a page more of stories), where `render` puts them: from the home page on."""
    stories = [story_page(s.article.slug or "") for s in content.stories]
    skipped = {*stories, *(footprint.page for footprint in was)}
    rest: list[Page] = []
    for path, page in pages.items():
        if path == links.HOME:
            rest += lists
        elif path not in skipped and not _lists_stories(path):
            rest.append(page)
    return [pages[path] for path in stories] + rest


def _lists_stories(path: str) -> bool:
    return path == links.CORRECTIONS or links.lists_stories(path)


def _views(
    content: Content,
    derived: Derived,
    charts: dict[str, RenderedChart],
    settings: SiteSettings,
    mentions: Mentions | None = None,
) -> Views:
    return Views(
        content,
        derived,
        charts,
        mentions or Mentions.of(content, derived, charts),
        Linker("index.md", settings.directory_urls),
        settings,
    )
