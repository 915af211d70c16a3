"""Stage 5, render: pages as MkDocs Markdown, from Jinja2 templates with autoescape on.

A generated page is Markdown whose components are HTML blocks: Python-Markdown passes
those through untouched, so what we escaped stays escaped, while the section headings stay
Markdown and reach the table of contents. The story body was parsed by markdown-it-py in
`validate`; here it is rendered with its directives and references resolved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from builder.body import BodyRenderer, Directive, render_body
from builder.chart import RenderedChart
from builder.derive import Derived, Discrepancy
from builder.models import Claim, ControlChange, Figure
from builder.validate import Content, Story
from builder.wording import human_date, human_when

STORIES_DIR = "stories"


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes in the docs tree and its Markdown."""

    path: str
    markdown: str


_ENV = Environment(
    loader=PackageLoader("builder", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_COMPONENTS: Any = _ENV.get_template("components.html.j2").module


def render(
    content: Content, derived: Derived, charts: dict[str, RenderedChart], site_name: str
) -> list[Page]:
    views = _Views(content, derived, charts)
    return [render_story(story, views, site_name) for story in content.stories]


def story_path(slug: str) -> str:
    return f"{STORIES_DIR}/{slug}.md"


def render_story(story: Story, views: _Views, site_name: str) -> Page:
    article = story.article
    claims = [views.content.claims[c] for c in story.claims]
    places = views.places_of(story, claims)
    directives = {d.name for d in story.body.directives}
    placed_charts = {d.argument for d in story.body.directives if d.name == "chart"}
    place_rows = views.place_rows(places, story.claims)
    source_box = views.source_box(story, claims)

    def directive_html(directive: Directive) -> str:
        if directive.name == "chart":
            return str(_COMPONENTS.chart_figure(views.chart_view(directive.argument)))
        if directive.name == "places":
            return str(_COMPONENTS.place_list(place_rows))
        return str(_COMPONENTS.source_box(source_box))

    body_html = render_body(story.body, BodyRenderer(directive_html, _reference_href))
    markdown = _ENV.get_template("article.md.j2").render(
        meta=_front_matter(title=article.headline, description=article.standfirst),
        story=views.story_header(story, claims),
        body_html=Markup(body_html),
        body_has={"places": "places" in directives, "sources": "sources" in directives},
        trailing_charts=[views.chart_view(c) for c in story.charts if c not in placed_charts],
        discrepancies=views.discrepancies_for(story.claims),
        places=place_rows,
        sources=source_box,
        json_ld=Markup(_json_for_script(_news_article(story, views, site_name))),
    )
    return Page(story_path(article.slug or ""), markdown)


def _reference_href(kind: str, target: str) -> str:
    return f"#{kind}-{target}"


def _front_matter(**values: str) -> Markup:
    """Page meta for MkDocs. Material prints `page.title` unescaped (MkDocs' theme templates
    have no autoescape), so values go in as escaped HTML text; YAML quoting does the rest."""
    escaped = {key: str(escape(value)) for key, value in values.items()}
    return Markup(
        yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False, width=10_000).strip()
    )


def _json_for_script(data: object) -> str:
    """JSON safe inside <script>: no `</script>`, no `<!--`, whatever the content says."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _news_article(story: Story, views: _Views, site_name: str) -> dict[str, Any]:
    article = story.article
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": article.published.isoformat(),
        "dateModified": (article.modified or article.published).isoformat(),
        "author": [{"@type": "Person", "name": name} for name in article.byline],
        "publisher": {"@type": "Organization", "name": site_name},
        "dateline": views.content.places[article.dateline].name.en,
        "citation": [
            {
                "@type": "CreativeWork",
                "name": original.title,
                "author": views.content.sources[original.source].name,
                "datePublished": original.published.isoformat(),
                **({"url": original.url} if original.url else {}),
            }
            for original in article.based_on
        ],
    }


class _Views:
    """Turns models into the plain values templates show. No HTML is written here."""

    def __init__(self, content: Content, derived: Derived, charts: dict[str, RenderedChart]):
        self.content = content
        self.derived = derived
        self.charts = charts

    def source_link(self, source_id: str) -> dict[str, str]:
        return {"name": self.content.sources[source_id].name, "href": f"#source-{source_id}"}

    def sources_of(self, claim_ids: Iterable[str]) -> list[dict[str, str]]:
        sources = (a.source for c in claim_ids for a in self.content.claims[c].attributions)
        return [self.source_link(s) for s in dict.fromkeys(sources)]

    def story_header(self, story: Story, claims: list[Claim]) -> dict[str, Any]:
        article = story.article
        return {
            "type": article.type,
            "headline": article.headline,
            "standfirst": article.standfirst,
            "byline": " and ".join(article.byline),
            "dateline": self.content.places[article.dateline].name.en,
            "published": article.published.isoformat(),
            "published_text": human_date(article.published),
            "modified": article.modified.isoformat() if article.modified else None,
            "modified_text": human_date(article.modified) if article.modified else None,
            "key_figures": [self._key_figure(c, c.figure) for c in claims if c.figure],
            "corrections": [
                {"date": c.date.isoformat(), "date_text": human_date(c.date), "text": c.text}
                for c in article.corrections
            ],
        }

    def _key_figure(self, claim: Claim, figure: Figure) -> dict[str, str]:
        value = (
            f"{figure.qualifier} {_number(figure.value)}"
            if figure.qualifier
            else _number(figure.value)
        )
        label = figure.unit + (
            f", up from {_number(figure.previous)}"
            if figure.previous is not None and figure.previous < figure.value
            else ""
        )
        if figure.previous is not None and figure.previous > figure.value:
            label = f"{figure.unit}, down from {_number(figure.previous)}"
        names = [
            self.content.sources[a.source].name
            for a in claim.attributions
            if a.stance in ("reports", "confirms")
        ]
        return {
            "value": value,
            "label": label,
            "anchor": f"claim-{claim.id}",
            "sources": "Source: " + ", ".join(dict.fromkeys(names)),
        }

    def places_of(self, story: Story, claims: list[Claim]) -> list[str]:
        from_body = [r.target for r in story.body.references if r.kind == "place"]
        from_claims = [p for c in claims for p in c.places]
        return list(dict.fromkeys([*story.article.places, *from_claims, *from_body]))

    def place_rows(self, places: list[str], claim_ids: list[str]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for place_id in places:
            place = self.content.places[place_id]
            changes = [c for c in self.derived.histories.get(place_id, []) if c.claim in claim_ids]
            base = {
                "anchor": f"place-{place_id}",
                "name": place.name.en,
                "name_ar": place.name.ar,
                "area": self._area_of(place_id),
                "province": self.content.places[self.derived.province_of(place_id)].name.en,
            }
            if not changes:
                rows.append(
                    {
                        **base,
                        "change": "Named in the story; no change of control listed",
                        "date": None,
                        "when": None,
                        "sources": [],
                    }
                )
            for i, change in enumerate(changes):
                anchor = base["anchor"] if i == 0 else f"{base['anchor']}-{i + 1}"
                rows.append(
                    {
                        **base,
                        "anchor": anchor,
                        "change": self._change_text(change),
                        "date": change.date.isoformat(),
                        "when": human_when(change.date, change.part_of_day),
                        "sources": self.sources_of([change.claim]),
                    }
                )
        # What changed hands, in the order it happened; places merely named come last.
        return sorted(
            rows,
            key=lambda row: (row["date"] is None, row["date"] or "", row["province"], row["name"]),
        )

    def _area_of(self, place_id: str) -> str:
        between = self.derived.ancestors[place_id][:-1]
        return ", ".join(self.content.places[p].name.en for p in between) or "—"

    def _change_text(self, change: ControlChange) -> str:
        to_party = self.content.parties[change.to_party].name
        from_party = self.content.parties[change.from_party].name
        taken = "Partly taken" if change.extent == "partial" else "Taken"
        return f"{taken} by {to_party} from {from_party}"

    def source_box(self, story: Story, claims: list[Claim]) -> dict[str, Any]:
        said: dict[str, list[dict[str, str]]] = {}
        for claim in claims:
            for a in claim.attributions:
                said.setdefault(a.source, []).append(
                    {"stance": a.stance, "text": claim.text, "anchor": f"claim-{claim.id}"}
                )
        mentioned = [r.target for r in story.body.references if r.kind == "source"]
        return {
            "based_on": [self._based_on(original) for original in story.article.based_on],
            "sources": [
                self._source_row(s, said.get(s, [])) for s in dict.fromkeys([*said, *mentioned])
            ],
            "claims": [self._claim_view(claim) for claim in claims],
        }

    def _based_on(self, original: Any) -> dict[str, Any]:
        return {
            "source": self.content.sources[original.source].name,
            "source_href": f"#source-{original.source}",
            "title": original.title,
            "url": original.url,
            "byline": original.byline,
            "published": original.published.isoformat(),
            "published_text": human_date(original.published),
        }

    def _source_row(self, source_id: str, said: list[dict[str, str]]) -> dict[str, Any]:
        source = self.content.sources[source_id]
        return {
            "anchor": f"source-{source_id}",
            "name": source.name,
            "name_ar": source.name_ar,
            "kind": _kind_text(source.kind, source.anonymous, source.count),
            "said": said,
        }

    def _claim_view(self, claim: Claim) -> dict[str, Any]:
        # Support first, then the denials and disputes, so each sits beside what it answers.
        ordered = sorted(
            claim.attributions, key=lambda a: a.stance in ("denies", "disputes", "retracts")
        )
        return {
            "anchor": f"claim-{claim.id}",
            "text": claim.text,
            "status": claim.status,
            "date": claim.as_of.isoformat(),
            "when": human_when(claim.as_of, claim.part_of_day),
            "note": claim.note,
            "figure": _figure_text(claim.figure) if claim.figure else None,
            "attributions": [self._attribution_view(a) for a in ordered],
        }

    def _attribution_view(self, a: Any) -> dict[str, Any]:
        source = self.content.sources[a.source]
        return {
            "source": source.name,
            "source_href": f"#source-{a.source}",
            "kind": _kind_text(source.kind, source.anonymous, source.count),
            "stance": a.stance,
            "via": self.content.sources[a.via].name if a.via else None,
            "via_href": f"#source-{a.via}" if a.via else None,
            "note": a.note,
            "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "published_text": human_date(a.published) if a.published else None,
            "accessed": a.accessed.isoformat() if a.accessed else None,
            "accessed_text": human_date(a.accessed) if a.accessed else None,
        }

    def chart_view(self, chart_id: str) -> dict[str, Any]:
        chart = self.charts[chart_id]
        definition = chart.definition
        columns = ["Date", "Time of day", "Place", "Party", "Count", "Claim"]
        rows = [
            [
                r["date"],
                r["part_of_day"] or "—",
                r["place"],
                r["party"],
                r["count"],
                self.content.claims[r["claim"]].text,
            ]
            for r in chart.data.to_dict("records")
        ]
        return {
            "id": chart_id,
            "svg": Markup(chart.svg),
            "title": definition.title,
            "subtitle": definition.subtitle,
            "notes": definition.notes,
            "description": chart.description,
            "sources": self.sources_of(chart.claims),
            "columns": columns,
            "rows": rows,
        }

    def discrepancies_for(self, claim_ids: list[str]) -> list[dict[str, Any]]:
        return [
            self._discrepancy_view(d)
            for d in self.derived.discrepancies
            if d.count_claim in claim_ids or set(d.change_claims) & set(claim_ids)
        ]

    def _discrepancy_view(self, d: Discrepancy) -> dict[str, Any]:
        place = self.content.places[d.place].name.en
        party = self.content.parties[d.party].name
        when = human_date(d.date)
        direction = "rose" if d.delta > 0 else "fell"
        listed_names = ", ".join(self.content.places[c.place].name.en for c in d.listed)
        return {
            "summary": f"On {when} the count of areas of {place} held by {party} {direction} by "
            f"{abs(d.delta)}, while the places listed as changing hands that day add up "
            f"to {d.net_listed:+d}. Both are shown as reported.",
            "count_text": f"{d.count_before} → {d.count_after} ({d.delta:+d})",
            "count_sources": self.sources_of([d.count_claim]),
            "listed_text": f"{len(d.listed)} places ({d.net_listed:+d}): {listed_names}",
            "listed_sources": self.sources_of(d.change_claims),
        }


def _kind_text(kind: str, anonymous: bool, count: int | None) -> str:
    text = kind.replace("_", " ")
    if anonymous:
        text = f"{text}, unnamed" + (f" ({count})" if count and count > 1 else "")
    return text


def _number(value: float) -> str:
    return f"{value:g}"


def _figure_text(figure: Figure) -> str:
    value = _number(figure.value)
    if figure.qualifier:
        value = f"{figure.qualifier} {value}"
    if figure.previous is not None:
        return f"{_number(figure.previous)} → {value} {figure.unit}"
    return f"{value} {figure.unit}"
