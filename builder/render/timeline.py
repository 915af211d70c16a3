"""The timeline: a page of days for each month, and an index of the months.

One page of every day was megabytes at a thousand stories; one page a month still is at
five thousand (about 3,000 entries a month, 1.6 MB). So a month with more than
`ENTRIES_PER_PAGE` entries (changes, counts and claims) is cut into parts of whole days,
each at most that long unless one day alone is longer: the first part is the month's own
page (`timeline/2024-12/`), each later part is named by its first day
(`timeline/2024-12/08/`), and every part lists them all ("1 to 7 December", "8 to 14 December").
The same content always gives the same parts; the month's strip opens its first part.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import cast

from builder.chart.generated import month_strip_id
from builder.derive import change_order
from builder.models import Claim, ControlChange
from builder.render import links
from builder.render.listing import Choice, Filter, Listing, render_listing
from builder.render.page import Page, render_page
from builder.render.view_types import (
    CountRecord,
    FilterLink,
    IndexItem,
    MonthLink,
    MonthRow,
    TimelineCount,
    TimelineDay,
    TimelinePart,
)
from builder.render.views import Views
from builder.wording import human_date, human_when

# Changes a page of a province's timeline holds (about 400 bytes of HTML each).
CHANGES_PER_PAGE = 250
# At most this many entries on a page of a month, unless one day alone has more. An entry
# is about 500 bytes of HTML: 300 keep a part near 150 KB beside the theme's 30 KB.
ENTRIES_PER_PAGE = 300


def timeline(views: Views) -> list[Page]:
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
        page
        for month in months
        for page in _timeline_month(
            views, month, changes[month], claims[month], counts[month], months
        )
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
    provinces = province_changes(views)
    index = render_page(
        links.TIMELINE,
        "timeline.md.j2",
        title="Timeline",
        in_nav=True,
        searchable=False,  # every claim and change again, each found on its own page
        description="Every claim and change of control, month by month.",
        months=rows,
        provinces=[
            FilterLink(name=c.name, href=views.link(c.first), count=c.count, current=False)
            for f in provinces.filters
            for c in f.choices
        ],
    )
    return [index, *pages, *provinces.pages]


@dataclass(frozen=True)
class ProvinceTimelines:
    pages: list[Page]
    filters: list[Filter]


def province_changes(views: Views) -> ProvinceTimelines:
    """The timeline kept to each province's changes of control, newest first by month,
    `CHANGES_PER_PAGE` a page (`timeline/province/hama/`): where a province page's "latest
    changes" lead (builder.render.more), with a filter to the other provinces."""
    derived, places = views.derived, views.content.places
    found = {
        # newest first; places of one moment stay in the order of their names (a stable sort)
        province: sorted(changes, key=lambda c: change_order(c)[:2], reverse=True)
        for province, changes in sorted(derived.changes_within.items())
        if changes and places[province].kind == "governorate"
    }
    if not found:
        return ProvinceTimelines([], [])
    found = dict(sorted(found.items(), key=lambda item: places[item[0]].name.en))
    choices = [
        Choice(places[p].name.en, links.filtered("timeline", "province", p), len(changes))
        for p, changes in found.items()
    ]
    filters = [Filter("Province", choices)]

    def item(here: Views, change: ControlChange) -> IndexItem:
        place = here.place_link(change.place)
        return {
            "name": place["name"],
            "href": place["href"],
            "detail": f"{here.change_text(change)}, {human_when(change.date, change.part_of_day)}",
            "status": here.status_of(change.claim),
        }

    pages: list[Page] = []
    for (province, changes), choice in zip(found.items(), choices, strict=True):
        name = places[province].name.en
        listing = Listing(
            choice.first,
            f"Timeline: {name}",
            f"Every change of control of a place in {name}, newest first.",
            changes,
            lambda c: _month_title(_month(c.date)),
            item,
            CHANGES_PER_PAGE,
        )
        pages += render_listing(views, listing, filters)
    return ProvinceTimelines(pages, filters)


def parts(sizes: dict[dt.date, int], most: int) -> list[list[dt.date]]:
    """The days of a month (with how many entries each has) in parts of whole days, in
    order, each of at most `most` entries unless a day alone has more."""
    found: list[list[dt.date]] = []
    filled = most
    for day in sorted(sizes):
        if filled + sizes[day] > most:
            found.append([])
            filled = 0
        found[-1].append(day)
        filled += sizes[day]
    return found


def _timeline_month(
    views: Views,
    month: str,
    changes: list[ControlChange],
    claims: list[Claim],
    counts: list[CountRecord],
    months: list[str],
) -> list[Page]:
    sizes: dict[dt.date, int] = defaultdict(int)
    for date in [c.date for c in changes] + [c.as_of for c in claims] + [c["date"] for c in counts]:
        sizes[date] += 1
    cut = parts(sizes, ENTRIES_PER_PAGE)
    paths = [
        links.timeline_month(month) if at == 0 else links.timeline_part(month, part[0].day)
        for at, part in enumerate(cut)
    ]
    at = months.index(month)
    title = _month_title(month)
    pages = []
    for number, (part, path) in enumerate(zip(cut, paths, strict=True)):
        here = views.at(path)  # the links in the entries are made for the page they are on
        days = _days(here, *_within(part, changes, claims, counts))
        span = f", {_span(part)}" if len(cut) > 1 else ""
        strip = month_strip_id(month)
        pages.append(
            render_page(
                path,
                "timeline_month.md.j2",
                title=f"Timeline: {title}{span}",
                searchable=False,
                description=f"Every claim and change of control in {title}, day by day.",
                month=title,
                # The month's strip (builder.chart.generated.month_strips) opens its first page.
                strip=here.chart_view(strip) if number == 0 and strip in views.charts else None,
                days=[days[date] for date in part],
                parts=[
                    TimelinePart(
                        title=_span(each), href=None if each is part else here.link(paths[i])
                    )
                    for i, each in enumerate(cut)
                ]
                if len(cut) > 1
                else [],
                index=here.link(links.TIMELINE),
                earlier=_month_link(here, months[at - 1]) if at > 0 else None,
                later=_month_link(here, months[at + 1]) if at + 1 < len(months) else None,
            )
        )
    return pages


def _within(
    part: list[dt.date],
    changes: list[ControlChange],
    claims: list[Claim],
    counts: list[CountRecord],
) -> tuple[list[ControlChange], list[Claim], list[CountRecord]]:
    first, last = part[0], part[-1]
    return (
        [c for c in changes if first <= c.date <= last],
        [c for c in claims if first <= c.as_of <= last],
        [c for c in counts if first <= c["date"] <= last],
    )


def _days(
    views: Views,
    changes: list[ControlChange],
    claims: list[Claim],
    counts: list[CountRecord],
) -> dict[dt.date, TimelineDay]:
    days: dict[dt.date, TimelineDay] = {}

    def day(date: dt.date) -> TimelineDay:
        return days.setdefault(
            date,
            TimelineDay(
                date=date.isoformat(), title=human_date(date), changes=[], counts=[], claims=[]
            ),
        )

    # A day's changes by their part of the day as written (none first), then by place.
    places = views.content.places
    by_day: dict[dt.date, list[ControlChange]] = defaultdict(list)
    for change in sorted(
        changes, key=lambda c: (c.date, c.part_of_day or "", places[c.place].name.en)
    ):
        by_day[change.date].append(change)
    for date, changed in by_day.items():
        day(date)["changes"] = views.change_groups(changed)
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
                part_of_day=count["part_of_day"] or None,
            )
        )
    return days


def _span(part: list[dt.date]) -> str:
    """The days of a part as a reader says them: "8 to 14 December" (with an en dash), or
    "8 December"."""
    first, last = part[0], part[-1]
    month = f"{first:%B}"
    return f"{first.day} {month}" if first == last else f"{first.day}\N{EN DASH}{last.day} {month}"


def _month_link(views: Views, month: str) -> MonthLink:
    return MonthLink(title=_month_title(month), href=views.link(links.timeline_month(month)))


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def _month_title(month: str) -> str:
    return f"{dt.date.fromisoformat(month + '-01'):%B %Y}"
