"""The story page: header, key figures, body, charts, place list, source box, corrections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from builder.body import BodyRenderer, Directive, render_body
from builder.chart.generated import day_map_id, story_days
from builder.models import Article, BasedOn, Claim, Figure
from builder.render.links import card_path, place_page, source_page, story_page
from builder.render.mentions import story_places, story_sources
from builder.render.page import COMPONENTS, Page, json_for_script, render_page
from builder.render.view_types import (
    BasedOnView,
    GroupedPlace,
    KeyFigure,
    NamedSource,
    PlaceGroupRow,
    PlaceRow,
    SourceBox,
    StoryHeader,
)
from builder.render.views import DISSENT, Views
from builder.validate import Story

if TYPE_CHECKING:
    from builder.render.settings import SiteSettings
from builder.wording import clock_time, human_date, kind_text, number


def render_story(story: Story, views: Views, settings: SiteSettings) -> Page:
    article = story.article
    path = story_page(article.slug or "")
    views = views.at(path)
    claims = [views.content.claims[c] for c in story.claims]
    place_rows = grouped(
        views.place_rows(story_places(story, views.content, views.derived), story.claims)
    )
    box = source_box(story, claims, views)
    placed = {d.argument for d in story.body.directives if d.name == "chart"}

    def directive_html(directive: Directive) -> str:
        if directive.name == "chart":
            return str(COMPONENTS.chart_figure(views.chart_view(directive.argument)))
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
            "modified": updated_iso(article),
        },
        story=header(story, claims, views),
        body_html=Markup(body_html),
        body_has={"places": "places" in directives, "sources": "sources" in directives},
        trailing_charts=[
            views.chart_view(c)
            for c in [*story.charts, *_before_after(story, views)]
            if c not in placed
        ],
        discrepancies=views.discrepancies_for(story.claims),
        places=place_rows,
        sources=box,
        json_ld=Markup(json_for_script(news_article(story, views, settings))),
    )


def grouped(rows: list[PlaceRow]) -> list[PlaceGroupRow]:
    """The places table's rows with places that changed hands together in one row: the same
    moment, the same change (sides and extent), claim, status and sources, in the same area
    and province. A place gets a row of its own only where something differs, so twelve
    villages taken the same night are one row, not twelve repeating "Taken by ... from ..."
    (issue 25). Rows keep the order things happened; places within a row, theirs."""
    groups: dict[tuple[object, ...], PlaceGroupRow] = {}
    anchored: set[str] = set()
    for row in rows:
        key = (
            row["date"],
            row["when"],
            row["change"],
            row["claim"]["href"] if row["claim"] else None,
            row["status"]["slug"] if row["status"] else None,
            tuple(link["href"] for link in row["sources"]),
            tuple((d["stance"], d["href"]) for d in row["dissent"]),
            tuple(link["href"] for link in row["area"]),
            row["province"]["href"],
        )
        first = row["place"]["anchor"] not in anchored
        anchored.add(row["place"]["anchor"])
        place = GroupedPlace(
            name=row["name"],
            href=row["href"],
            name_ar=row["name_ar"],
            anchor=row["place"]["anchor"] if first else None,
        )
        if key in groups:
            groups[key]["places"].append(place)
            continue
        groups[key] = PlaceGroupRow(
            places=[place],
            area=row["area"],
            province=row["province"],
            change=row["change"],
            date=row["date"],
            when=row["when"],
            claim=row["claim"],
            status=row["status"],
            sources=row["sources"],
            dissent=row["dissent"],
        )
    return list(groups.values())


def _before_after(story: Story, views: Views) -> list[str]:
    """The before/after pair of control maps of the story's latest day of changes that has
    one (a day whose places have none on the map has none): after its own charts."""
    if not story.article.control_maps:
        return []
    drawn = [day_map_id(day) for day in story_days(story, views.derived)]
    return [identifier for identifier in drawn if identifier in views.charts][:1]


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
        "modified": updated_iso(article) if updated_text(article) else None,
        "modified_text": updated_text(article) or "",
        "key_figures": [key_figure(c, c.figure, views) for c in claims if c.figure],
        "corrections": [
            {"date": c.date.isoformat(), "date_text": human_date(c.date), "text": c.text}
            for c in article.corrections
        ],
    }


def _time_of_update(article: Article) -> str | None:
    """The time and zone of the story's last change, where the content gives them: its
    `modified_time`, when the modified day is the last change (a later correction has a day
    only)."""
    return article.modified_time if article.modified == article.updated else None


def updated_iso(article: Article) -> str:
    """The story's last change in ISO 8601: `2024-12-04T18:30+03:00` where the content gives
    the time and zone, else the day."""
    time = _time_of_update(article)
    return article.updated.isoformat() + (f"T{time}" if time else "")


def updated_text(article: Article) -> str | None:
    """`4 December 2024, 18:30 UTC+3` (or the day alone); None if never updated."""
    time = _time_of_update(article)
    if article.updated == article.published and not time:
        return None
    return human_date(article.updated) + (f", {clock_time(time)}" if time else "")


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
    """Each claim once, with everyone for and against it; then the sources the body names
    that said none of the story's claims. A source is not listed again beside its claims:
    a table of sources and what each said repeated every claim (issue 25)."""
    attributed = {a.source for claim in claims for a in claim.attributions}
    mentioned = [r.target for r in story.body.references if r.kind == "source"]
    named = []
    for source_id in dict.fromkeys(mentioned):
        if source_id in attributed:
            continue
        source = views.content.sources[source_id]
        named.append(
            NamedSource(
                **views.source_link(source_id),
                name_ar=source.name_ar,
                kind=kind_text(source.kind, source.anonymous, source.count),
            )
        )
    return {
        "based_on": [based_on(o, views) for o in story.article.based_on],
        "claims": [views.claim_view(claim) for claim in claims],
        "named": named,
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
        "dateModified": updated_iso(article),
        "author": [{"@type": "Person", "name": name} for name in article.byline],
        "publisher": {"@type": "Organization", "name": settings.name},
        "license": settings.licence.url,
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
