"""Stage 2, validate: typed models for every record, then every cross-reference checked
against the whole content set. All errors are collected; one `ContentInvalid` lists them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.body import Body, parse_body
from builder.chart_definitions import ChartDefinition
from builder.checks import build_date, check_charts, check_dates, check_places, typed_charts
from builder.colours import contrast_problem
from builder.consistency import check_governorates, check_rows_against_claims
from builder.control import check_control_changes
from builder.errors import ContentError, ContentInvalid
from builder.gazetteer import ancestor_chains
from builder.load import RawArticle, RawContent
from builder.models import AreaCount, Article, Claim, ControlChange, Party, Place, Source
from builder.outliers import check_outlying_dates
from builder.records import References, index, models, typed

_KINDS = {
    "party": "parties",
    "source": "sources",
    "place": "places",
    "claim": "claims",
    "chart": "charts",
}


@dataclass
class Story:
    """A valid story: its front matter, where it lives and its parsed body."""

    article: Article
    path: str
    body: Body
    claims: list[str]  # front matter claims, then those only the body links to
    charts: list[str]


@dataclass
class Content:
    """The whole content set, valid, every reference resolvable."""

    parties: dict[str, Party]
    sources: dict[str, Source]
    places: dict[str, Place]
    claims: dict[str, Claim]
    area_counts: list[AreaCount]
    control_changes: list[ControlChange]
    charts: dict[str, ChartDefinition]
    stories: list[Story]


def validate(raw: RawContent) -> Content:
    """Type every record and check every reference; raise ContentInvalid listing all errors."""
    errors = list(raw.errors)
    records = raw.records
    parties = index(typed(records["parties"], Party, errors), "party", errors)
    sources = index(typed(records["sources"], Source, errors), "source", errors)
    places = index(typed(records["places"], Place, errors), "place", errors)
    claims = index(typed(records["claims"], Claim, errors), "claim", errors)
    counts = typed(records["area_counts"], AreaCount, errors)
    changes = typed(records["control_changes"], ControlChange, errors)
    charts = index(typed_charts(records["charts"], errors), "chart", errors)
    refs = references(raw, models(places), errors)

    for party, record in parties.values():
        problem = contrast_problem(party.colour) if party.colour else None
        if problem:
            errors.append(ContentError(record.path, record.line_of(("colour",)), "colour", problem))
    for source, record in sources.values():
        refs.check(record, ("carried_by",), source.carried_by, "source")
    check_places(places, refs, errors)
    check_dates(records, build_date(), errors)
    for claim, record in claims.values():
        refs.check_all(record, ("places",), claim.places, "place")
        for i, attribution in enumerate(claim.attributions):
            refs.check(record, ("attributions", i, "source"), attribution.source, "source")
            refs.check(record, ("attributions", i, "via"), attribution.via, "source")
    for count, record in counts:
        refs.check(record, ("place",), count.place, "place")
        refs.check(record, ("party",), count.party, "party")
        refs.check(record, ("claim",), count.claim, "claim")
    for change, record in changes:
        refs.check(record, ("place",), change.place, "place")
        refs.check(record, ("from_party",), change.from_party, "party")
        refs.check(record, ("to_party",), change.to_party, "party")
        refs.check(record, ("claim",), change.claim, "claim")
    check_outlying_dates(counts, lambda c: c.date, lambda c: f"count {c.series}", errors)
    check_outlying_dates(changes, lambda c: c.date, lambda c: "change", errors)
    for place, record in places.values():
        if place.held_by is not None:
            refs.check(record, ("held_by", "party"), place.held_by.party, "party")
    check_control_changes(models(places), changes, errors)
    chains = ancestor_chains(models(places))
    check_governorates(places, chains, errors)
    check_rows_against_claims([*counts, *changes], models(claims), chains, build_date(), errors)
    # Series written down count as present; an empty selection is only judged when every
    # count row is valid (an invalid row has its own error).
    series = sorted({str(r.data.get("series")) for r in records["area_counts"]})
    complete = len(counts) == len(records["area_counts"])
    check_charts(
        (series, complete),
        charts,
        [c for c, _ in counts],
        [c for c, _ in changes],
        models(places),
        chains,
        refs,
        errors,
    )
    stories = validate_stories(raw.articles, refs, errors)

    if errors:
        skipped = [
            f"references to {_KINDS[kind]} were not checked: fix the {_KINDS[kind]} above first"
            for kind in sorted(refs.unjudged)
        ]
        raise ContentInvalid(errors, skipped)
    return Content(
        parties=models(parties),
        sources=models(sources),
        places=models(places),
        claims=models(claims),
        area_counts=[c for c, _ in counts],
        control_changes=[c for c, _ in changes],
        charts=models(charts),
        stories=stories,
    )


# -- typing single records -------------------------------------------------------------------


def references(raw: RawContent, places: dict[str, Place], errors: list[ContentError]) -> References:
    """What references are checked against: every id written down counts as present, even on
    a record that failed typing (that record's own errors are reported, so references to it
    are not reported again)."""
    present = {
        kind: {str(r.data.get("id")) for r in raw.records[name]} for kind, name in _KINDS.items()
    }
    # A record without an id (an entry that is not a mapping, a missing id) may be the one a
    # reference means: references to its kind are not judged, rather than all reported.
    unreadable = {
        kind
        for kind, name in _KINDS.items()
        if name in raw.unreadable
        or any(not isinstance(r.data.get("id"), str) for r in raw.records[name])
    }
    return References(present, unreadable, errors, {"place": _place_names(places)})


def validate_stories(
    articles: list[RawArticle],
    refs: References,
    errors: list[ContentError],
    known: Mapping[str, Story] | None = None,
) -> list[Story]:
    """The published stories, newest first; each article's errors go to `errors`. `known`:
    stories by path whose articles were found valid against these same records and have not
    changed since; they are taken as they are (a story edit checks only what it read again),
    and only held to the others' slugs."""
    check_dates({"articles": [a.front for a in articles]}, build_date(), errors)
    stories: list[Story] = []
    slugs: dict[str, str] = {}
    for raw_article in articles:
        story = (known or {}).get(raw_article.path) or _story(raw_article, refs, errors)
        if story is None:
            continue
        slug = story.article.slug or ""
        if slug in slugs:
            errors.append(
                ContentError(
                    story.path,
                    raw_article.front.line_of(("slug",)),
                    "slug",
                    f"slug {slug!r} is already used by {slugs[slug]}",
                )
            )
        slugs.setdefault(slug, story.path)
        if not story.article.draft:
            stories.append(story)
    stories.sort(
        key=lambda story: (story.article.published, story.article.slug or ""), reverse=True
    )
    return stories


def _story(raw_article: RawArticle, refs: References, errors: list[ContentError]) -> Story | None:
    """The article as a story, drafts too, or None if its front matter is not valid; its
    errors go to `errors`."""
    front = typed([raw_article.front], Article, errors)
    body, body_errors = parse_body(raw_article.body, raw_article.path, raw_article.body_line)
    errors.extend(body_errors)
    if not front:
        return None
    article, record = front[0]
    refs.check(record, ("dateline",), article.dateline, "place")
    refs.check_all(record, ("claims",), article.claims, "claim")
    refs.check_all(record, ("places",), article.places, "place")
    refs.check_all(record, ("charts",), article.charts, "chart")
    for i, original in enumerate(article.based_on):
        refs.check(record, ("based_on", i, "source"), original.source, "source")
    for reference in body.references:
        if not refs.known(reference.kind, reference.target):
            errors.append(
                ContentError(
                    raw_article.path,
                    reference.line,
                    "body",
                    refs.problem(reference.kind, reference.target),
                )
            )
    return Story(
        article=article,
        path=record.path,
        body=body,
        claims=_union(article.claims, [r.target for r in body.references if r.kind == "claim"]),
        charts=_union(article.charts, [r.target for r in body.references if r.kind == "chart"]),
    )


def _place_names(places: dict[str, Place]) -> dict[str, list[str]]:
    return {
        identifier: [n for n in (place.name.en, place.name.ar, *place.aliases) if n]
        for identifier, place in places.items()
    }


def _union(first: list[str], then: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *then]))
