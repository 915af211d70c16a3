"""Stage 5, render: every page as MkDocs Markdown, from Jinja2 templates with autoescape on.

A generated page is Markdown whose components are HTML blocks: Python-Markdown passes those
through untouched, so what we escaped stays escaped, while section headings stay Markdown and
reach the table of contents. Pages: stories, places, provinces, sources, claims, the section
indexes, home, timeline and data; plus the datasets as downloadable files.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.chart import RenderedChart
from builder.derive import Derived
from builder.render import datasets, entities, indexes, story
from builder.render.feed import atom_feed
from builder.render.links import Linker
from builder.render.page import Asset, Page
from builder.render.views import Mentions, Views
from builder.validate import Content

__all__ = ["Asset", "Page", "Rendered", "SiteSettings", "render"]


@dataclass(frozen=True)
class SiteSettings:
    name: str
    description: str = ""
    directory_urls: bool = True
    url: str = ""  # site_url: absolute links in the feed and structured data, when known


@dataclass
class Rendered:
    pages: list[Page]
    assets: list[Asset]


def render(
    content: Content, derived: Derived, charts: dict[str, RenderedChart], settings: SiteSettings
) -> Rendered:
    views = Views(
        content,
        derived,
        charts,
        Mentions.of(content, derived, charts),
        Linker("index.md", settings.directory_urls),
    )
    pages = [story.render_story(s, views, settings) for s in content.stories]
    pages += entities.render_entities(views)
    pages += indexes.render_indexes(views, settings.name, settings.description)
    tables = datasets.datasets(content)
    pages.append(datasets.render_data_page(tables, views, settings.url))
    feed = Asset("feed.xml", atom_feed(content.stories, settings))
    return Rendered(pages, [*datasets.files(tables), *datasets.chart_files(charts), feed])
