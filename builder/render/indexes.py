"""The pages that list: home, one index per section (the timeline's in `timeline`).

Sections have index pages so the navigation stays a handful of entries however many
stories, places and sources there are; no page renders the whole site's list in its nav.
Each long index is cut into pages and can be filtered (`builder.render.listing`): stories
by province, places by province, holder and status, claims by status, province and
month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from builder.chart.generated import NATIONAL_MAP
from builder.chart_definitions import ProvinceOverview
from builder.control import held_level
from builder.models import Claim, Place
from builder.render import links
from builder.render.links import claim_page
from builder.render.listing import Choice, Filter, Listing, render_listing
from builder.render.page import Page, render_page
from builder.render.timeline import timeline
from builder.render.view_types import CorrectionRow, IndexItem, PlaceLink
from builder.render.views import Views
from builder.status import ALL as ALL_LEVELS
from builder.status import LEVELS
from builder.status import view as status_view
from builder.validate import Story
from builder.wording import counted, human_date, kind_text

LATEST = 10
# Entries a page of each index holds (about 150, 250, 100 and 250 bytes of HTML each), so
# that a page stays well under 300 KB with the theme's 30 KB around it.
STORIES_PER_PAGE = 100
PLACES_PER_PAGE = 300
SOURCES_PER_PAGE = 300
CLAIMS_PER_PAGE = 250


def render_indexes(views: Views, site_name: str, description: str) -> list[Page]:
    return [
        *story_indexes(views, site_name, description),
        *provinces(views),
        *places(views),
        *sources(views),
        *claims(views),
        *timeline(views.at(links.TIMELINE)),
    ]


def story_indexes(views: Views, site_name: str, description: str) -> list[Page]:
    """The pages that list stories, which an edit to any story may change (and those of
    them that are pages of the stories index, `links.lists_stories`, it may add or remove)."""
    return [
        home(views.at(links.HOME), site_name, description),
        *stories(views),
        corrections(views.at(links.CORRECTIONS)),
    ]


def home(views: Views, site_name: str, description: str) -> Page:
    # The situation: one figure per count series, every province a panel on one scale.
    overviews = [
        identifier
        for identifier, chart in sorted(views.charts.items())
        if isinstance(chart.definition, ProvinceOverview)
    ]
    return render_page(
        links.HOME,
        "home.md.j2",
        title=site_name,
        description=description,
        in_nav=True,
        site_name=site_name,
        stories=views.stories_of(views.content.stories[:LATEST]),
        charts=[views.chart_view(identifier, keep=True) for identifier in overviews],
        all_stories=views.link(links.STORIES),
        timeline=views.link(links.TIMELINE),
        data=views.link(links.DATA),
    )


def _entry(link: PlaceLink, detail: str) -> IndexItem:
    return IndexItem(name=link["name"], href=link["href"], name_ar=link["name_ar"], detail=detail)


def _governorates(views: Views) -> list[Place]:
    return sorted(
        (p for p in views.content.places.values() if p.kind == "governorate"),
        key=lambda p: p.name.en,
    )


def stories(views: Views) -> list[Page]:
    """Every story, newest first, a page of `STORIES_PER_PAGE` at a time under the month
    it was published; and the same kept to each province (the stories that name a place
    in it)."""

    def item(here: Views, story: Story) -> IndexItem:
        link = here.story_link(story)
        return IndexItem(name=link["headline"], href=link["href"], detail=link["date_text"])

    everything = views.content.stories
    listing = Listing(
        links.STORIES,
        "Stories",
        "Every story, newest first.",
        everything,
        lambda s: f"{s.article.published:%B %Y}",
        item,
        STORIES_PER_PAGE,
    )
    by_province = {
        p.id: (p, views.mentions.stories_by_place.get(p.id, [])) for p in _governorates(views)
    }
    by_province = {key: pair for key, pair in by_province.items() if pair[1]}
    province = Filter(
        "Province",
        [
            Choice("All", links.STORIES, len(everything)),
            *(
                Choice(p.name.en, links.filtered("stories", "province", key), len(found))
                for key, (p, found) in by_province.items()
            ),
        ],
    )
    pages = render_listing(
        views, listing, [province] if by_province else [], in_nav=True, searchable=True
    )
    for key, (place, found) in by_province.items():
        pages += render_listing(
            views,
            listing.kept(
                links.filtered("stories", "province", key),
                f"Stories: {place.name.en}",
                f"Every story about a place in {place.name.en}, newest first.",
                found,
            ),
            [province],
        )
    return pages


def provinces(views: Views) -> list[Page]:
    return render_listing(
        views,
        Listing(
            links.PROVINCES,
            "Provinces",
            "Each province: its counts over time, the places that changed hands, its stories.",
            _governorates(views),
            lambda p: "Provinces",
            lambda here, p: _entry(here.place_link(p.id), p.iso_code or ""),
            PLACES_PER_PAGE,
        ),
        in_nav=True,
        searchable=True,
        # The page opens with the national map of who holds what.
        charts=[views.at(links.PROVINCES).chart_view(NATIONAL_MAP)]
        if NATIONAL_MAP in views.charts
        else [],
    )


def places(views: Views) -> list[Page]:
    """Every place but the provinces, by province, `PLACES_PER_PAGE` a page, each with who
    holds it and how sure we are; and the same kept to one province, one holder or one
    status."""
    province_of = views.derived.province_of
    others = [p for p in views.content.places.values() if p.kind != "governorate"]
    others.sort(key=lambda p: (views.content.places[province_of(p.id)].name.en, p.name.en))
    holder: dict[str, str | None] = {}
    level: dict[str, str] = {}
    for place in others:
        held = views.derived.held_now(place.id)
        holder[place.id] = held.party if held else None
        level[place.id] = held_level(held, views.content.claims).name

    def item(here: Views, place: Place) -> IndexItem:
        party = holder[place.id]
        held = f", held by {views.content.parties[party].name}" if party else ""
        return {
            **_entry(here.place_link(place.id), f"{place.kind}{held}"),
            "status": status_view(level[place.id]),
        }

    intro = "Every place in the gazetteer, by province, with who holds it and how sure we are."
    listing = Listing(
        links.PLACES,
        "Places",
        intro,
        others,
        lambda p: views.content.places[province_of(p.id)].name.en,
        item,
        PLACES_PER_PAGE,
    )

    # Each filtered list by its first page: the filter's name for it, its title, its intro
    # and its places.
    kept: dict[str, tuple[str, str, str, list[Place]]] = {}
    for gov in _governorates(views):
        inside = [p for p in others if province_of(p.id) == gov.id]
        name = gov.name.en
        kept[links.filtered("places", "province", gov.id)] = (
            name,
            name,
            f"Every place in {name}.",
            inside,
        )
    for party_id, party in views.content.parties.items():
        kept[links.filtered("places", "held-by", party_id)] = (
            party.name,
            f"held by {party.name}",
            f"Every place {party.name} hold, as of the latest record, by province.",
            [p for p in others if holder[p.id] == party_id],
        )
    for each in ALL_LEVELS:
        kept[links.filtered("places", "status", each.name)] = (
            each.name,
            each.name,
            f"Every place whose holder is {each.name} ({each.meaning}), by province.",
            [p for p in others if level[p.id] == each.name],
        )
    kept = {first: found for first, found in kept.items() if found[3]}

    def choices(prefix: str) -> list[Choice]:
        return [
            Choice(name, first, len(found))
            for first, (name, _, _, found) in kept.items()
            if first.startswith(prefix)
        ]

    every = Choice("All", links.PLACES, len(others))
    filters = [
        Filter("Province", [every, *choices("places/province/")]),
        Filter("Held by", choices("places/held-by/")),
        Filter("Status", choices("places/status/")),
    ]
    filters = [f for f in filters if f.choices]
    pages = render_listing(views, listing, filters, in_nav=True, searchable=True)
    for first, (_, title, about, found) in kept.items():
        pages += render_listing(
            views, listing.kept(first, f"Places: {title}", about, found), filters
        )
    return pages


def sources(views: Views) -> list[Page]:
    ordered = sorted(views.content.sources.values(), key=lambda s: (s.kind, s.name))
    return render_listing(
        views,
        Listing(
            links.SOURCES,
            "Sources",
            "Everyone whose claims we record, by kind.",
            ordered,
            lambda s: kind_text(s.kind, False, None).capitalize(),
            lambda here, s: _entry(
                PlaceLink(**here.source_link(s.id), name_ar=s.name_ar),
                counted(len(views.mentions.said_by_source.get(s.id, [])), "claim", "claims"),
            ),
            SOURCES_PER_PAGE,
        ),
        in_nav=True,
        searchable=True,
    )


def claims(views: Views) -> list[Page]:
    """Every claim, newest first under the day it is about, `CLAIMS_PER_PAGE` a page; and
    the same kept to one status or one month. Search finds each claim on its own page; these
    lists of them would match nearly every search, so they are left out of it."""
    ordered = sorted(views.content.claims.values(), key=lambda c: (c.as_of, c.id), reverse=True)

    def item(here: Views, claim: Claim) -> IndexItem:
        return {
            "name": claim.text,
            "href": here.link(claim_page(claim.id)),
            "status": status_view(claim.status),
        }

    intro = "Every claim on record, by the day it is about, newest first."
    listing = Listing(
        links.CLAIMS, "Claims", intro, ordered, lambda c: human_date(c.as_of), item, CLAIMS_PER_PAGE
    )

    kept: dict[str, tuple[str, str, list[Claim]]] = {}
    for level in LEVELS.values():
        found = [c for c in ordered if c.status == level.name]
        about = f"Every claim that is {level.name} ({level.meaning}), newest first."
        kept[links.filtered("claims", "status", level.name)] = (level.name, about, found)
    months: dict[str, list[Claim]] = defaultdict(list)
    for claim in ordered:
        months[f"{claim.as_of:%Y-%m}"].append(claim)
    for month, found in months.items():
        name = f"{claim_month(month)}"
        kept[links.filtered("claims", "month", month)] = (
            name,
            f"Every claim about a day in {name}.",
            found,
        )
    by_province: dict[str, list[Claim]] = defaultdict(list)
    for claim in ordered:
        for province_id in dict.fromkeys(map(views.derived.province_of, claim.places)):
            by_province[province_id].append(claim)
    for province in _governorates(views):
        name = province.name.en
        kept[links.filtered("claims", "province", province.id)] = (
            name,
            f"Every claim about {name} or a place in it, newest first.",
            by_province[province.id],
        )
    kept = {first: found for first, found in kept.items() if found[2]}
    filters = [
        Filter(
            label,
            [
                *([Choice("All", links.CLAIMS, len(ordered))] if label == "Status" else []),
                *(
                    Choice(name, first, len(found))
                    for first, (name, _, found) in kept.items()
                    if first.startswith(prefix)
                ),
            ],
        )
        for label, prefix in (
            ("Status", "claims/status/"),
            ("Province", "claims/province/"),
            ("Month", "claims/month/"),
        )
    ]
    pages = render_listing(views, listing, filters, in_nav=True)
    for first, (name, about, found) in kept.items():
        pages += render_listing(
            views, listing.kept(first, f"Claims: {name}", about, found), filters
        )
    return pages


def claim_month(month: str) -> str:
    return f"{dt.date.fromisoformat(month + '-01'):%B %Y}"


def corrections(views: Views) -> Page:
    """Every correction on the site, newest first, each with its story."""
    found = sorted(
        ((c, story) for story in views.content.stories for c in story.article.corrections),
        key=lambda pair: (pair[0].date, pair[1].article.slug or ""),
        reverse=True,
    )
    rows = [
        CorrectionRow(
            date=c.date.isoformat(),
            date_text=human_date(c.date),
            text=c.text,
            story=views.story_link(story),
        )
        for c, story in found
    ]
    return render_page(
        links.CORRECTIONS,
        "corrections.md.j2",
        title="Corrections",
        description="Every correction to our stories, newest first.",
        in_nav=True,
        corrections=rows,
    )
