"""The whole pipeline, top to bottom: load -> validate -> derive -> chart -> render.

`emit` is left to the caller (the MkDocs plugin or the folder writer), because only it
touches MkDocs or the site's disk. What is worth keeping between builds (drawn images,
specs, downloads) goes to the `Store` each stage is given; the rest is computed in memory
and can be thrown away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from builder.chart import RenderedChart, chart, chart_scripts, charts_on_demand, in_batches
from builder.chart.cards import card_svg, render_cards
from builder.chart.svg import Workers, renderers_for
from builder.derive import Derived, derive
from builder.errors import ContentInvalid
from builder.history import correction_changes
from builder.load import ProjectPaths, RawContent, Stamp, content_stamps, load
from builder.render import Asset, Page, SiteSettings, render
from builder.render.links import card_path
from builder.render.mentions import Mentions
from builder.report import Tally, tally
from builder.store import Store
from builder.validate import Content, Story, validate


@dataclass
class GeneratedSite:
    content: Content
    pages: list[Page]
    assets: list[Asset]
    # What the pages were made from, kept so that an edit can be rendered from them.
    raw: RawContent
    derived: Derived
    charts: dict[str, RenderedChart]
    mentions: Mentions

    def report(self) -> list[Tally]:
        """Each kind of record: how many were read and how many the output shows."""
        return tally(self.raw, self.content, self.pages, self.assets)


def story_cards(
    stories: Iterable[Story],
    charts: dict[str, RenderedChart],
    site_name: str,
    store: Store,
    workers: Workers = None,
) -> list[Asset]:
    """A social card image per story, with its first chart. Made a batch at a time, like
    charts: a card holds its chart's SVG, and thousands of them need not all be in memory."""
    cards: list[Asset] = []
    with renderers_for(workers) as shared:  # the batches share the processes
        for batch, label in in_batches(list(stories), "cards"):
            svgs = [
                card_svg(
                    site_name,
                    story.article.headline,
                    story.article.standfirst,
                    charts[story.charts[0]].svg if story.charts else None,
                )
                for story in batch
            ]
            pngs = render_cards(svgs, store, workers=shared, label=label)
            cards += [
                Asset(card_path(story.article.slug or ""), png)
                for story, png in zip(batch, pngs, strict=True)
            ]
    return cards


@dataclass(frozen=True)
class Checked:
    """Content loaded and found valid, with the state of the files it was read from."""

    stamps: dict[str, Stamp]
    raw: RawContent
    content: Content


def check(paths: ProjectPaths, corrections_base: str | None = None) -> Checked:
    """Load and validate everything, and hold corrections to their history in git; raise
    ContentInvalid listing every error."""
    stamps = content_stamps(paths)
    raw = load(paths)
    rewritten = correction_changes(paths, raw.articles, corrections_base)
    try:
        content = validate(raw)
    except ContentInvalid as invalid:
        raise ContentInvalid([*invalid.errors, *rewritten], invalid.skipped) from None
    if rewritten:
        raise ContentInvalid(rewritten)
    return Checked(stamps, raw.ids_only(), content)


@dataclass(frozen=True)
class Prepared:
    """Everything a page is rendered from: the content read and checked, its numbers and its
    charts."""

    raw: RawContent
    content: Content
    derived: Derived
    charts: dict[str, RenderedChart]


def prepare(
    paths: ProjectPaths, store: Store, checked: Checked | None = None, *, on_demand: bool = False
) -> Prepared:
    """load -> validate -> derive -> chart. `checked` is used instead of reading the content
    again if no file changed since (`dateline build` checks before MkDocs runs the plugin).
    `on_demand`: each chart is drawn when first used (an edit uses a few)."""
    if checked is not None and checked.stamps == content_stamps(paths):
        raw, content = checked.raw, checked.content
    else:
        loaded = load(paths)
        raw, content = loaded.ids_only(), validate(loaded)
    derived = derive(content)
    drawn = (charts_on_demand if on_demand else chart)(content, derived, store)
    return Prepared(raw, content, derived, drawn)


def generate(
    paths: ProjectPaths,
    *,
    store: Store,
    settings: SiteSettings,
    checked: Checked | None = None,
) -> GeneratedSite:
    """The site from the content, drawn with what `store` keeps (see `prepare` for
    `checked`). A whole build: what the store keeps that it did not use is pruned at the end
    (see `Store.prune`)."""
    ready = prepare(paths, store, checked)
    rendered = render(ready.content, ready.derived, ready.charts, settings, store)
    scripts = [Asset(path, data) for path, data in chart_scripts(store)]
    scripts += story_cards(ready.content.stories, ready.charts, settings.name, store)
    store.prune()
    return GeneratedSite(
        ready.content,
        rendered.pages,
        rendered.assets + scripts,
        ready.raw,
        ready.derived,
        ready.charts,
        rendered.mentions,
    )
