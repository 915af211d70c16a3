"""The pages that list: home, one index per section, and the timeline.

Sections have index pages so the navigation stays a handful of entries however many
stories, places and sources there are; no page renders the whole site's list in its nav.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from builder.chart import NATIONAL_MAP, month_strip_id
from builder.models import Claim, ControlChange, ProvinceOverview
from builder.render import links
from builder.render.links import claim_page
from builder.render.page import Page, render_page
from builder.render.view_types import (
    ChartView,
    CorrectionRow,
    CountRecord,
    IndexGroup,
    IndexItem,
    MonthLink,
    MonthRow,
    PlaceLink,
    TimelineCount,
    TimelineDay,
)
from builder.render.views import Views
from builder.status import view as status_view
from builder.validate import Story
from builder.wording import counted, human_date, human_when, kind_text

T = TypeVar("T")
LATEST = 10


def render_indexes(views: Views, site_name: str, description: str) -> list[Page]:
    return [
        *story_indexes(views, site_name, description),
        provinces(views.at(links.PROVINCES)),
        places(views.at(links.PLACES)),
        sources(views.at(links.SOURCES)),
        claims(views.at(links.CLAIMS)),
        *timeline(views.at(links.TIMELINE)),
    ]


def story_indexes(views: Views, site_name: str, description: str) -> list[Page]:
    """The pages that list stories, which an edit to any story may change."""
    return [
        home(views.at(links.HOME), site_name, description),
        stories(views.at(links.STORIES)),
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


def _grouped(
    items: Iterable[T], key: Callable[[T], str], item: Callable[[T], IndexItem]
) -> list[IndexGroup]:
    groups: dict[str, list[IndexItem]] = defaultdict(list)
    for each in items:
        groups[key(each)].append(item(each))
    return [IndexGroup(title=title, items=rows) for title, rows in groups.items()]


def _entry(link: PlaceLink, detail: str) -> IndexItem:
    return IndexItem(name=link["name"], href=link["href"], name_ar=link["name_ar"], detail=detail)


def _index(
    path: str,
    title: str,
    intro: str,
    groups: list[IndexGroup],
    *,
    searchable: bool = True,
    charts: list[ChartView] | None = None,
) -> Page:
    return render_page(
        path,
        "index.md.j2",
        title=title,
        description=intro,
        in_nav=True,
        searchable=searchable,
        intro=intro,
        groups=groups,
        charts=charts or [],
    )


def stories(views: Views) -> Page:
    def item(story: Story) -> IndexItem:
        link = views.story_link(story)
        return IndexItem(name=link["headline"], href=link["href"], detail=link["date_text"])

    return _index(
        links.STORIES,
        "Stories",
        "Every story, newest first.",
        _grouped(views.content.stories, lambda s: f"{s.article.published:%B %Y}", item),
    )


def provinces(views: Views) -> Page:
    governorates = sorted(
        (p for p in views.content.places.values() if p.kind == "governorate"),
        key=lambda p: p.name.en,
    )
    return _index(
        links.PROVINCES,
        "Provinces",
        "Each province: its counts over time, the places that changed hands, its stories.",
        _grouped(
            governorates,
            lambda p: "Provinces",
            lambda p: _entry(views.place_link(p.id), p.iso_code or ""),
        ),
        # The page opens with the national map of who holds what.
        charts=[views.chart_view(NATIONAL_MAP)] if NATIONAL_MAP in views.charts else [],
    )


def places(views: Views) -> Page:
    others = [p for p in views.content.places.values() if p.kind != "governorate"]
    province = views.derived.province_of
    others.sort(key=lambda p: (views.content.places[province(p.id)].name.en, p.name.en))
    return _index(
        links.PLACES,
        "Places",
        "Every place in the gazetteer, by province.",
        _grouped(
            others,
            lambda p: views.content.places[province(p.id)].name.en,
            lambda p: _entry(views.place_link(p.id), p.kind),
        ),
    )


def sources(views: Views) -> Page:
    ordered = sorted(views.content.sources.values(), key=lambda s: (s.kind, s.name))
    return _index(
        links.SOURCES,
        "Sources",
        "Everyone whose claims we record, by kind.",
        _grouped(
            ordered,
            lambda s: kind_text(s.kind, False, None).capitalize(),
            lambda s: _entry(
                PlaceLink(**views.source_link(s.id), name_ar=s.name_ar),
                counted(len(views.mentions.said_by_source.get(s.id, [])), "claim", "claims"),
            ),
        ),
    )


def claims(views: Views) -> Page:
    ordered = sorted(views.content.claims.values(), key=lambda c: (c.as_of, c.id), reverse=True)
    return _index(
        links.CLAIMS,
        "Claims",
        "Every claim on record, by the day it is about.",
        _grouped(
            ordered,
            lambda c: human_date(c.as_of),
            lambda c: {
                "name": c.text,
                "href": views.link(claim_page(c.id)),
                "status": status_view(c.status),
            },
        ),
        # Search finds each claim on its own page; this list of them all would match nearly
        # every search (and is the largest page to index but the timeline).
        searchable=False,
    )


def timeline(views: Views) -> list[Page]:
    """The timeline: a page of days for each month, and an index of the months. One page of
    every day was megabytes at a thousand stories."""
    changes: dict[str, list[ControlChange]] = defaultdict(list)
    for history in views.derived.histories.values():
        for change in history:
            changes[_month(change.date)].append(change)
    claims: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(views.content.claims.values(), key=lambda c: (c.as_of, c.id)):
        claims[_month(claim.as_of)].append(claim)
    counts: dict[str, list[CountRecord]] = defaultdict(list)
    for count in cast(list[CountRecord], views.derived.counts.to_dict("records")):
        counts[_month(count["date"])].append(count)
    months = sorted({*changes, *claims, *counts})
    pages = [
        _timeline_month(
            views.at(links.timeline_month(month)),
            month,
            changes[month],
            claims[month],
            counts[month],
            months,
        )
        for month in months
    ]
    rows = [
        MonthRow(
            **_month_link(views, month),
            changes=len(changes[month]),
            counts=len(counts[month]),
            claims=len(claims[month]),
        )
        for month in reversed(months)
    ]
    index = render_page(
        links.TIMELINE,
        "timeline.md.j2",
        title="Timeline",
        in_nav=True,
        searchable=False,  # every claim and change again, each found on its own page
        description="Every claim and change of control, month by month.",
        months=rows,
    )
    return [index, *pages]


def _timeline_month(
    views: Views,
    month: str,
    changes: list[ControlChange],
    claims: list[Claim],
    counts: list[CountRecord],
    months: list[str],
) -> Page:
    days: dict[dt.date, TimelineDay] = {}

    def day(date: dt.date) -> TimelineDay:
        return days.setdefault(
            date,
            TimelineDay(
                date=date.isoformat(), title=human_date(date), changes=[], counts=[], claims=[]
            ),
        )

    for change in changes:
        day(change.date)["changes"].append(views.change_row(change))
    for claim in claims:
        day(claim.as_of)["claims"].append(views.claim_view(claim))
    for count in counts:
        day(count["date"])["counts"].append(
            TimelineCount(
                place=views.place_link(count["place"]),
                count=count["count"],
                series=str(count["series"]).replace("-", " "),
                claim=views.claim_link(count["claim"]),
                party=views.content.parties[count["party"]].name,
                sources=views.sources_of([count["claim"]]),
                dissent=views.dissent_of([count["claim"]]),
                status=views.status_of(count["claim"]),
                when=human_when(count["date"], count["part_of_day"] or None),
            )
        )
    for entry in days.values():
        entry["changes"].sort(key=lambda row: (row["when"], row["place"]["name"]))
    at = months.index(month)
    title = _month_title(month)
    return render_page(
        links.timeline_month(month),
        "timeline_month.md.j2",
        title=f"Timeline: {title}",
        searchable=False,
        description=f"Every claim and change of control in {title}, day by day.",
        month=title,
        # The month's strip of changes per day opens the page (builder.chart.month_strips).
        strip=views.chart_view(month_strip_id(month))
        if month_strip_id(month) in views.charts
        else None,
        days=[days[date] for date in sorted(days)],
        index=views.link(links.TIMELINE),
        earlier=_month_link(views, months[at - 1]) if at > 0 else None,
        later=_month_link(views, months[at + 1]) if at + 1 < len(months) else None,
    )


def _month_link(views: Views, month: str) -> MonthLink:
    return MonthLink(title=_month_title(month), href=views.link(links.timeline_month(month)))


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def _month_title(month: str) -> str:
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
