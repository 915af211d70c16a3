"""The story page: header, key figures, body, charts, place list, source box, corrections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from builder.body import BodyRenderer, Directive, render_body
from builder.chart import day_map_id, story_days
from builder.models import BasedOn, Claim, Figure
from builder.render.links import card_path, place_page, source_page, story_page
from builder.render.page import COMPONENTS, Page, json_for_script, render_page
from builder.render.view_types import (
    BasedOnView,
    ChartView,
    KeyFigure,
    Said,
    SourceBox,
    SourceRow,
    StoryHeader,
)
from builder.render.views import (
    DISSENT,
    Views,
    story_places,
    story_sources,
)
from builder.validate import Story

if TYPE_CHECKING:
    from builder.render.settings import SiteSettings
from builder.wording import human_date, kind_text, number


def render_story(story: Story, views: Views, settings: SiteSettings) -> Page:
    article = story.article
    path = story_page(article.slug or "")
    views = views.at(path)
    claims = [views.content.claims[c] for c in story.claims]
    place_rows = views.place_rows(story_places(story, views.content, views.derived), story.claims)
    box = source_box(story, claims, views)
    placed = {d.argument for d in story.body.directives if d.name == "chart"}

    def directive_html(directive: Directive) -> str:
        if directive.name == "chart":
            return str(COMPONENTS.chart_figure(chart_view(views, directive.argument)))
        if directive.name == "places":
            return str(COMPONENTS.place_list(place_rows))
        return str(COMPONENTS.source_box(box))

    def reference_href(kind: str, target: str) -> str:
        if kind == "claim":
            return f"#claim-{target}"
        if kind == "place":
            return views.link(place_page(views.content.places[target]))
        return views.link(source_page(target))

    body_html = render_body(story.body, BodyRenderer(directive_html, reference_href))
    directives = {d.name for d in story.body.directives}
    return render_page(
        path,
        "article.md.j2",
        title=article.headline,
        description=article.standfirst,
        meta={
            "card": card_path(article.slug or ""),
            "published": article.published.isoformat(),
            "modified": article.updated.isoformat(),
        },
        story=header(story, claims, views),
        body_html=Markup(body_html),
        body_has={"places": "places" in directives, "sources": "sources" in directives},
        trailing_charts=[
            chart_view(views, c)
            for c in [*story.charts, *_before_after(story, views)]
            if c not in placed
        ],
        discrepancies=views.discrepancies_for(story.claims),
        places=place_rows,
        sources=box,
        json_ld=Markup(json_for_script(news_article(story, views, settings))),
    )


def _before_after(story: Story, views: Views) -> list[str]:
    """The before/after pair of control maps of the story's latest day of changes that has
    one (a day whose places have none on the map has none): after its own charts."""
    if not story.article.control_maps:
        return []
    drawn = [day_map_id(day) for day in story_days(story, views.derived)]
    return [identifier for identifier in drawn if identifier in views.charts][:1]


def chart_view(views: Views, chart_id: str, *, keep: bool = False) -> ChartView:
    """A chart as a page shows it: its SVG, which Dateline drew, marked safe."""
    view = views.chart_view(chart_id, keep=keep)
    return {**view, "svg": Markup(view["svg"]), "svg_narrow": Markup(view["svg_narrow"])}


def header(story: Story, claims: list[Claim], views: Views) -> StoryHeader:
    article = story.article
    return {
        "type": article.type,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "byline": " and ".join(article.byline),
        "dateline": views.place_link(article.dateline),
        "published": article.published.isoformat(),
        "published_text": human_date(article.published),
        "modified": article.updated.isoformat() if article.updated != article.published else None,
        "modified_text": human_date(article.updated),
        "key_figures": [key_figure(c, c.figure, views) for c in claims if c.figure],
        "corrections": [
            {"date": c.date.isoformat(), "date_text": human_date(c.date), "text": c.text}
            for c in article.corrections
        ],
    }


def key_figure(claim: Claim, figure: Figure, views: Views) -> KeyFigure:
    value = number(figure.value)
    label = figure.unit
    if figure.previous is not None and figure.previous != figure.value:
        direction = "up" if figure.previous < figure.value else "down"
        label = f"{figure.unit}, {direction} from {number(figure.previous)}"
    names = [
        views.content.sources[a.source].name for a in claim.attributions if a.stance not in DISSENT
    ]
    return {
        "value": f"{figure.qualifier} {value}" if figure.qualifier else value,
        "label": label,
        "anchor": f"claim-{claim.id}",
        "sources": "Source: " + ", ".join(dict.fromkeys(names)),
    }


def source_box(story: Story, claims: list[Claim], views: Views) -> SourceBox:
    said: dict[str, list[Said]] = {}
    for claim in claims:
        for a in claim.attributions:
            said.setdefault(a.source, []).append(
                Said(stance=a.stance, text=claim.text, anchor=f"claim-{claim.id}")
            )
    mentioned = [r.target for r in story.body.references if r.kind == "source"]
    rows = []
    for source_id in dict.fromkeys([*said, *mentioned]):
        source = views.content.sources[source_id]
        rows.append(
            SourceRow(
                **views.source_link(source_id),
                anchor=f"source-{source_id}",
                name_ar=source.name_ar,
                said=said.get(source_id, []),
                kind=kind_text(source.kind, source.anonymous, source.count),
            )
        )
    return {
        "based_on": [based_on(o, views) for o in story.article.based_on],
        "sources": rows,
        "claims": [views.claim_view(claim) for claim in claims],
    }


def based_on(original: BasedOn, views: Views) -> BasedOnView:
    return BasedOnView(
        **views.source_link(original.source),
        title=original.title,
        url=original.url,
        byline=original.byline,
        published=original.published.isoformat(),
        published_text=human_date(original.published),
    )


def news_article(story: Story, views: Views, settings: SiteSettings) -> dict[str, Any]:
    """schema.org NewsArticle: what search engines and archives read about the story."""
    article = story.article
    content = views.content
    named = [content.sources[s] for s in story_sources(story, content)]
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": article.published.isoformat(),
        "dateModified": article.updated.isoformat(),
        "author": [{"@type": "Person", "name": name} for name in article.byline],
        "publisher": {"@type": "Organization", "name": settings.name},
        "dateline": content.places[article.dateline].name.en,
        "citation": [
            *(
                {
                    "@type": "CreativeWork",
                    "name": original.title,
                    "author": content.sources[original.source].name,
                    "datePublished": original.published.isoformat(),
                    **({"url": original.url} if original.url else {}),
                }
                for original in article.based_on
            ),
            *(
                {
                    "@type": "Organization",
                    "name": source.name,
                    **({"url": source.url} if source.url else {}),
                }
                for source in named
                if not source.anonymous
            ),
        ],
        "isBasedOn": [f"{settings.url}charts/{chart}.csv" for chart in story.charts],
        "correction": [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": c.date.isoformat()}
            for c in article.corrections
        ],
    }
