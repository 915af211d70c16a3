"""Turning models into the plain values templates show, with links made for one page.

No HTML is written here; templates escape every value. A `Views` is made once per build and
`at(page)` gives the same views linking from that page.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from builder.chart import RenderedChart
from builder.chart.select import party_colours
from builder.chart_definitions import ProvinceOverview
from builder.colours import PARTY_COLUMNS, swatch
from builder.derive import Derived, Discrepancy
from builder.models import Attribution, Claim, ControlChange
from builder.render.chart_tables import chart_dataset, is_dated, shown_rows
from builder.render.embed import embed_snippet
from builder.render.licence import citation
from builder.render.links import (
    Linker,
    chart_page,
    claim_page,
    page_url,
    place_page,
    source_page,
    story_page,
)
from builder.render.mentions import Mentions
from builder.render.panels import linked_panels
from builder.render.settings import SiteSettings
from builder.render.view_types import (
    AttributionView,
    ChangeFacts,
    ChangeGroup,
    ChangeRow,
    ChartFace,
    ChartView,
    ClaimLink,
    ClaimView,
    DiscrepancyView,
    Dissent,
    Link,
    PlaceBase,
    PlaceLink,
    PlaceRow,
    StoryLink,
)
from builder.status import StatusView
from builder.status import view as status_view
from builder.validate import Content, Story
from builder.wording import figure_text, human_date, human_when, kind_text, sentence

DISSENT = ("denies", "disputes", "retracts")


# A chart's source line names at most this many sources, those behind the most of its claims
# first, and links to the chart's own page, which names them all: a province's map at 5,000
# stories drew on 490 sources, 25 KB of links on each page that showed it (issue 25: no page
# over 300 KB).
SOURCES_NAMED = 10


@dataclass(frozen=True)
class Views:
    content: Content
    derived: Derived
    charts: dict[str, RenderedChart]
    mentions: Mentions
    link: Linker
    settings: SiteSettings

    def at(self, here: str) -> Views:
        return dataclasses.replace(self, link=dataclasses.replace(self.link, here=here))

    # -- links -------------------------------------------------------------------------------

    def place_link(self, place_id: str) -> PlaceLink:
        place = self.content.places[place_id]
        return {
            "name": place.name.en,
            "name_ar": place.name.ar,
            "href": self.link(place_page(place)),
        }

    def source_link(self, source_id: str) -> Link:
        return {
            "name": self.content.sources[source_id].name,
            "href": self.link(source_page(source_id)),
        }

    def claim_link(self, claim_id: str) -> ClaimLink:
        return {"text": self.content.claims[claim_id].text, "href": self.link(claim_page(claim_id))}

    def story_link(self, story: Story) -> StoryLink:
        article = story.article
        return {
            "headline": article.headline,
            "standfirst": article.standfirst,
            "href": self.link(story_page(article.slug or "")),
            "date": article.published.isoformat(),
            "date_text": human_date(article.published),
        }

    def sources_of(self, claim_ids: Iterable[str]) -> list[Link]:
        """The sources that assert the claims (not those that deny them)."""
        sources = (
            a.source
            for c in claim_ids
            for a in self.content.claims[c].attributions
            if a.stance not in DISSENT
        )
        return [self.source_link(s) for s in dict.fromkeys(sources)]

    def chart_sources(self, claim_ids: Iterable[str], most: int | None) -> tuple[list[Link], int]:
        """At most `most` (None: all) of the sources that assert the claims, those behind the
        most claims first (in the order met where as many), and how many more there are."""
        backed = Counter(
            source
            for c in claim_ids
            for source in dict.fromkeys(
                a.source for a in self.content.claims[c].attributions if a.stance not in DISSENT
            )
        )
        ranked = [source for source, _ in backed.most_common(most)]
        return [self.source_link(s) for s in ranked], len(backed) - len(ranked)

    def dissent_of(self, claim_ids: Iterable[str]) -> list[Dissent]:
        """Those on record against the claims, each with its stance (`denies`, `disputes`,
        `retracts`): shown next to the sources that support them, never left out."""
        against = (
            (a.source, a.stance)
            for c in claim_ids
            for a in self.content.claims[c].attributions
            if a.stance in DISSENT
        )
        return [
            Dissent(**self.source_link(source), stance=stance)
            for source, stance in dict.fromkeys(against)
        ]

    def status_of(self, claim_id: str) -> StatusView:
        """The status a record takes from its claim, as pages show it."""
        return status_view(self.content.claims[claim_id].status)

    def stories_of(self, stories: Iterable[Story]) -> list[StoryLink]:
        return [self.story_link(story) for story in stories]

    # -- claims ------------------------------------------------------------------------------

    def claim_view(self, claim: Claim) -> ClaimView:
        # Support first, then denials and disputes, so each sits beside what it answers.
        ordered = sorted(claim.attributions, key=lambda a: a.stance in DISSENT)
        return {
            "anchor": f"claim-{claim.id}",
            "href": self.link(claim_page(claim.id)),
            "text": claim.text,
            "status": status_view(claim.status),
            "date": claim.as_of.isoformat(),
            "when": human_when(claim.as_of, claim.part_of_day),
            "note": claim.note,
            "figure": figure_text(claim.figure) if claim.figure else None,
            "attributions": [self.attribution_view(a) for a in ordered],
        }

    def attribution_view(self, a: Attribution) -> AttributionView:
        source = self.content.sources[a.source]
        return AttributionView(
            **self.source_link(a.source),
            kind=kind_text(source.kind, source.anonymous, source.count),
            stance=a.stance,
            via=self.source_link(a.via) if a.via else None,
            note=sentence(a.note) if a.note else None,
            url=a.url,
            published=a.published.isoformat() if a.published else None,
            published_text=human_date(a.published) if a.published else None,
            accessed=a.accessed.isoformat() if a.accessed else None,
            accessed_text=human_date(a.accessed) if a.accessed else None,
        )

    # -- places ------------------------------------------------------------------------------

    def area_of(self, place_id: str) -> list[PlaceLink]:
        """The places between a place and its province: region, district, city."""
        return [self.place_link(p) for p in self.derived.ancestors[place_id][:-1]]

    def change_text(self, change: ControlChange) -> str:
        to_party = self.content.parties[change.to_party].name
        from_party = self.content.parties[change.from_party].name
        taken = "Partly taken" if change.extent == "partial" else "Taken"
        return f"{taken} by {to_party} from {from_party}"

    def change_row(self, change: ControlChange) -> ChangeRow:
        return {**self.change_facts(change), "place": self.place_link(change.place)}

    def change_groups(self, changes: Iterable[ControlChange]) -> list[ChangeGroup]:
        """`changes` with the places that changed hands together in one group (twelve
        villages taken the same night under one claim are one row, not twelve that repeat
        each other), in the order of each group's first change; places in theirs."""
        groups: dict[tuple[object, ...], ChangeGroup] = {}
        for change in changes:
            key = (
                change.date,
                change.part_of_day,
                change.from_party,
                change.to_party,
                change.extent,
                change.claim,
            )
            if key not in groups:
                groups[key] = {
                    **self.change_facts(change),
                    "places": [],
                    "part_of_day": change.part_of_day,
                }
            groups[key]["places"].append(self.place_link(change.place))
        return list(groups.values())

    def change_facts(self, change: ControlChange) -> ChangeFacts:
        return {
            "change": self.change_text(change),
            "date": change.date.isoformat(),
            "when": human_when(change.date, change.part_of_day),
            "claim": self.claim_link(change.claim),
            "status": self.status_of(change.claim),
            "sources": self.sources_of([change.claim]),
            "dissent": self.dissent_of([change.claim]),
        }

    def place_rows(self, places: list[str], claim_ids: list[str] | None = None) -> list[PlaceRow]:
        """One row per change of hands (only those backed by `claim_ids`, when given), and
        one for each place with none; in the order things happened."""
        rows: list[PlaceRow] = []
        for place_id in places:
            changes = [
                c
                for c in self.derived.histories.get(place_id, [])
                if claim_ids is None or c.claim in claim_ids
            ]
            base = PlaceBase(
                anchor=f"place-{place_id}",
                **self.place_link(place_id),
                area=self.area_of(place_id),
                province=self.place_link(self.derived.province_of(place_id)),
            )
            if not changes:
                rows.append(
                    {
                        **base,
                        "place": base,
                        "change": "Named; no change of control listed",
                        "date": None,
                        "when": None,
                        "claim": None,
                        "status": None,
                        "sources": [],
                        "dissent": [],
                    }
                )
            for i, change in enumerate(changes):
                anchor = base["anchor"] if i == 0 else f"{base['anchor']}-{i + 1}"
                rows.append({**base, **self.change_row(change), "anchor": anchor, "place": base})
        return sorted(
            rows,
            key=lambda row: (
                row["date"] is None,
                row["date"] or "",
                row["province"]["name"],
                row["name"],
            ),
        )

    # -- charts ------------------------------------------------------------------------------

    def chart_view(
        self, chart_id: str, *, keep: bool = False, every_source: bool = False
    ) -> ChartView:
        """What a page shows of a chart. `keep`: keep it with the mentions, for a page made
        again on every story edit (the home page); a chart and all it shows stay the same
        until the whole site is generated again, which makes new mentions. `every_source`:
        its source line names them all (its own page), not the leading `SOURCES_NAMED`."""
        chart = self.charts[chart_id]
        if not keep:
            return self._chart_view(chart, every_source)
        views = self.mentions.kept.chart_views
        key = (chart_id, self.link.here)
        if key not in views:
            views[key] = self._chart_view(chart, every_source)
        return views[key]

    def chart_face(self, chart_id: str, *, every_source: bool = False) -> ChartFace:
        """What every showing of a chart has, its embed view included (`ChartFace`); see
        `chart_view` for `every_source`."""
        chart = self.charts[chart_id]
        sources, more = self.chart_sources(chart.claims, None if every_source else SOURCES_NAMED)
        definition = chart.definition
        panels: list[Link] = []
        # Dateline's own drawings, the one part of a chart a template shows unescaped
        svg, svg_narrow = Markup(chart.svg), Markup(chart.narrow_svg)
        if isinstance(definition, ProvinceOverview):
            panels = sorted(map(self.place_link, definition.places), key=lambda p: p["name"])
            hrefs = {link["name"]: link["href"] for link in panels}
            svg, svg_narrow = linked_panels(svg, hrefs), linked_panels(svg_narrow, hrefs)
        return {
            "id": chart_id,
            "svg": svg,
            "svg_narrow": svg_narrow,
            "title": definition.title,
            "subtitle": definition.subtitle,
            "notes": definition.notes,
            "description": chart.description,
            "sources": sources,
            "sources_more": more,
            "page": self.link(chart_page(chart_id)),
            "credits": chart.credits,
            "remarks": chart.remarks,
            "as_of": human_date(chart.data_as_of) if chart.data_as_of else None,
            "files": {
                kind: self.link(f"charts/{chart_id}.{kind}")
                for kind in ("csv", "json", "svg", "png", "vl.json", "narrow.vl.json")
            },
            "panels": panels,
        }

    def _chart_view(self, chart: RenderedChart, every_source: bool) -> ChartView:
        chart_id = chart.definition.id
        face = self.chart_face(chart_id, every_source=every_source)
        table = chart_dataset(chart)
        sides = party_colours(self.content)
        rows = [
            [
                self.claim_link(row["claim"])
                if column.name == "claim" and row["claim"]
                else status_view(row["status"])
                if column.name == "status"
                else swatch(row[column.name], sides)
                if column.name in PARTY_COLUMNS and row[column.name]
                else (row[column.name] if row[column.name] not in ("", None) else "—")
                for column in table.columns
            ]
            for row in shown_rows(table)
        ]
        return {
            **face,
            "columns": [column.description for column in table.columns],
            "rows": rows,
            "rows_total": len(table.rows),
            "rows_latest": is_dated(table),
            "citation": citation(
                self.settings,
                chart.definition.title,
                chart.data_as_of,
                self.address(chart_page(chart_id)),
            ),
            "embed": embed_snippet(chart_id, chart.definition.title, face["svg"], self.settings),
            "whole_addresses": bool(self.settings.url),
        }

    def address(self, path: str) -> str:
        """Where a page is read: its full URL when the site's is known (`site_url`), else
        its address from the site's root."""
        return self.settings.url + page_url(path, self.settings.directory_urls)

    def discrepancy_view(self, d: Discrepancy) -> DiscrepancyView:
        place = self.content.places[d.place].name.en
        party = self.content.parties[d.party].name
        direction = "rose" if d.delta > 0 else "fell"
        areas = "area" if len(d.counted) == 1 else "areas"
        return {
            "summary": f"On {human_when(d.date, d.part_of_day)} the count of areas of {place} "
            f"held by {party} {direction} by {abs(d.delta)}, while the places listed as "
            f"changing hands that day, up to the count, add up to {d.net_listed:+d}. "
            "Both are shown as reported.",
            "count_text": f"{d.count_before} → {d.count_after} ({d.delta:+d})",
            "count_sources": self.sources_of([d.count_claim]),
            "listed_text": f"{len(d.counted)} {areas} ({d.net_listed:+d})",
            "listed_places": [self.place_link(c.place) for c in d.counted],
            # Listed too, but inside one of those: not counted as another area.
            "inside_places": [self.place_link(c.place) for c in d.listed if c not in d.counted],
            "listed_sources": self.sources_of(d.change_claims),
        }

    def discrepancies_for(self, claim_ids: Iterable[str]) -> list[DiscrepancyView]:
        by_claim = self.mentions.discrepancies_by_claim
        found = sorted({i for claim_id in claim_ids for i in by_claim.get(claim_id, [])})
        return [self.discrepancy_view(self.derived.discrepancies[i]) for i in found]
