"""Who mentions what, across the whole site: the stories that name each place, source and
claim, what each source said or relayed, the counts and discrepancies by place and claim.

Made once per build (`Mentions.of`) and kept across story edits, which change only the
stories' part (`Mentions.with_stories`). Pages are made from it by `builder.render.views`.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import cast

from builder.chart import RenderedChart
from builder.chart_definitions import ProvinceChart
from builder.derive import Derived
from builder.models import Attribution, Claim
from builder.render.view_types import ChartView, CountRecord
from builder.validate import Content, Story


@dataclass
class Memos:
    """What pages show that is made once and kept across story edits. Each holds as long as
    what it is made from: a whole generation makes new mentions, and with them new memos;
    a story edit keeps them, less what it knew of the stories edited (`without_stories`).
    A source's tables are made from the claims alone, which a story edit never changes;
    they are kept deflated (`builder.render.page.packed`): hundreds of rows a source, held
    from the sources' pages to the end of the build (docs/performance.md, "The peak")."""

    # story file -> the places the story names with every place they lie in, and the
    # sources it names
    named: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    said_tables: dict[str, bytes] = field(default_factory=dict)  # source id -> its table
    carried_tables: dict[str, bytes] = field(default_factory=dict)
    # (chart id, page it is shown on) -> what the page shows of it (the home page's charts)
    chart_views: dict[tuple[str, str], ChartView] = field(default_factory=dict)

    def without_stories(self, paths: set[str]) -> Memos:
        named = {path: kept for path, kept in self.named.items() if path not in paths}
        return dataclasses.replace(self, named=named)


@dataclass
class Mentions:
    """Who is mentioned where, computed once for the whole site."""

    stories_by_place: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    stories_by_source: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    stories_by_claim: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    said_by_source: dict[str, list[tuple[Claim, Attribution]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # what an outlet relayed: attributions naming it as `via`, or by a source it carries
    carried_by_source: dict[str, list[tuple[Claim, Attribution]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    claims_by_place: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    charts_by_province: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # count rows (as `Derived.counts` records) by place and by claim
    counts_by_place: dict[str, list[CountRecord]] = field(default_factory=lambda: defaultdict(list))
    counts_by_claim: dict[str, list[CountRecord]] = field(default_factory=lambda: defaultdict(list))
    # claim id -> the discrepancies it is a side of, by their place in `Derived.discrepancies`
    discrepancies_by_claim: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    discrepancies_by_place: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    kept: Memos = field(default_factory=lambda: Memos())

    @classmethod
    def of(
        cls, content: Content, derived: Derived, charts: Mapping[str, RenderedChart] | None = None
    ) -> Mentions:
        mentions = cls()
        for claim in sorted(content.claims.values(), key=lambda c: (c.as_of, c.id)):
            for attribution in claim.attributions:
                mentions.said_by_source[attribution.source].append((claim, attribution))
                relay = relayed_by(attribution, content)
                if relay:
                    mentions.carried_by_source[relay].append((claim, attribution))
            for place in claim.places:
                mentions.claims_by_place[place].append(claim)
        mentions._add_stories(content, derived)
        for row in cast(list[CountRecord], derived.counts.to_dict("records")):
            mentions.counts_by_place[row["place"]].append(row)
            mentions.counts_by_claim[row["claim"]].append(row)
        for i, d in enumerate(derived.discrepancies):
            for claim_id in dict.fromkeys([d.count_claim, *d.change_claims]):
                mentions.discrepancies_by_claim[claim_id].append(i)
            mentions.discrepancies_by_place[d.place].append(i)
        for identifier, chart in sorted((charts or {}).items()):
            if isinstance(chart.definition, ProvinceChart):
                mentions.charts_by_province[chart.definition.places[0]].append(identifier)
        return mentions

    def with_stories(self, content: Content, derived: Derived, edited: set[str]) -> Mentions:
        """These mentions for `content`, which differs from theirs only in the stories read
        from the files `edited`: the rest is kept, as a story edit keeps it, and what was
        kept of those stories is forgotten."""
        mentions = dataclasses.replace(
            self,
            stories_by_place=defaultdict(list),
            stories_by_source=defaultdict(list),
            stories_by_claim=defaultdict(list),
            kept=self.kept.without_stories(edited),
        )
        mentions._add_stories(content, derived)
        return mentions

    def _add_stories(self, content: Content, derived: Derived) -> None:
        for story in content.stories:
            places, sources = self._named_by(story, content, derived)
            for place in places:
                self.stories_by_place[place].append(story)
            for source in sources:
                self.stories_by_source[source].append(story)
            for claim_id in story.claims:
                self.stories_by_claim[claim_id].append(story)

    def _named_by(
        self, story: Story, content: Content, derived: Derived
    ) -> tuple[list[str], list[str]]:
        """The places a story names with every place they lie in (a story about a town is
        about its district and province too: their pages list it), and the sources it names;
        kept while it is the same story: a story edit keeps every other story as it was, and
        the records they name are unchanged."""
        named = self.kept.named.get(story.path)
        if named is None:
            named = self.kept.named[story.path] = (
                around(story_places(story, content, derived), derived),
                story_sources(story, content),
            )
        return named


def story_places(story: Story, content: Content, derived: Derived) -> list[str]:
    """Every place a story names: in its front matter, its claims, their changes, its body."""
    claims = [content.claims[c] for c in story.claims]
    changed = [c.place for claim in story.claims for c in derived.changes_by_claim.get(claim, [])]
    from_body = [r.target for r in story.body.references if r.kind == "place"]
    return list(
        dict.fromkeys(
            [*story.article.places, *(p for c in claims for p in c.places), *changed, *from_body]
        )
    )


def around(places: Iterable[str], derived: Derived) -> list[str]:
    """The places and every place they lie in, each once."""
    return list(dict.fromkeys(a for p in places for a in (p, *derived.ancestors.get(p, []))))


def relayed_by(attribution: Attribution, content: Content) -> str | None:
    """The outlet through which we know what a source said: the attribution's `via`, or
    else the outlet that carries the source (`carried_by`)."""
    relay = attribution.via or content.sources[attribution.source].carried_by
    return relay if relay != attribution.source else None


def story_sources(story: Story, content: Content) -> list[str]:
    attributions = [a for c in story.claims for a in content.claims[c].attributions]
    said = [a.source for a in attributions]
    via = [r for a in attributions if (r := relayed_by(a, content))]
    originals = [o.source for o in story.article.based_on]
    from_body = [r.target for r in story.body.references if r.kind == "source"]
    return list(dict.fromkeys([*said, *via, *originals, *from_body]))
