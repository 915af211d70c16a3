"""The shapes of what templates are given: one `TypedDict` per view.

Templates read these by key, so they stay plain dicts at run time (the pages are the same
bytes as with untyped dicts); the types let mypy hold every view-maker and every reader of
a view to the same keys. A value that is `None` is one the template leaves out.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from builder.status import StatusView


class Link(TypedDict):
    name: str
    href: str


class PlaceLink(Link):
    name_ar: str | None


class ClaimLink(TypedDict):
    text: str
    href: str


class StoryLink(TypedDict):
    headline: str
    standfirst: str
    href: str
    date: str
    date_text: str


class Dissent(Link):
    stance: str


class AttributionView(Link):
    kind: str
    stance: str
    via: Link | None
    note: str | None
    url: str | None
    published: str | None
    published_text: str | None
    accessed: str | None
    accessed_text: str | None


class ClaimView(TypedDict):
    anchor: str
    href: str
    text: str
    status: StatusView
    date: str
    when: str
    note: str | None
    figure: str | None
    attributions: list[AttributionView]


class ChangeFacts(TypedDict):
    """What a page says of a change of hands, whichever places it names."""

    change: str
    date: str
    when: str
    claim: ClaimLink
    status: StatusView
    sources: list[Link]
    dissent: list[Dissent]


class ChangeRow(ChangeFacts):
    place: PlaceLink


class ChangeGroup(ChangeFacts):
    """One row of a changes table, or one line of a timeline's day: the places that changed
    hands together (the same moment, sides, extent and claim), as a story's places table
    groups them."""

    places: list[PlaceLink]
    part_of_day: str | None  # what a timeline's day adds to its date


class PlaceBase(PlaceLink):
    anchor: str
    area: list[PlaceLink]
    province: PlaceLink


class ChangeCells(TypedDict):
    """What a places table says of one change of hands, or of none (`date` None)."""

    change: str
    date: str | None
    when: str | None
    claim: ClaimLink | None
    status: StatusView | None
    sources: list[Link]
    dissent: list[Dissent]


class PlaceRow(PlaceBase, ChangeCells):
    """A place and one change of its hands, or the place alone when none is listed."""

    place: PlaceBase


class GroupedPlace(PlaceLink):
    anchor: str | None  # `place-ID` where the place is first listed


class PlaceGroupRow(ChangeCells):
    """A row of a story's places table: the places that changed hands together (the same
    moment, sides, claim, status and sources, in the same area), or places named with no
    change listed, grouped the same way."""

    places: list[GroupedPlace]
    area: list[PlaceLink]
    province: PlaceLink


class More(TypedDict):
    """Under a list a page shows the latest of (builder.render.more): how many there are,
    and where they all are listed."""

    text: str
    href: str | None
    link_text: str


class ChartFace(TypedDict):
    """What every showing of a chart has, its embed view included."""

    id: str
    svg: str
    svg_narrow: str
    title: str
    subtitle: str | None
    notes: str | None
    description: str
    sources: list[Link]  # the leading ones, or all (`Views.chart_face`)
    sources_more: int  # how many more the chart's own page names
    page: str  # the chart's own page, relative to where it is shown
    credits: list[str]
    remarks: list[str]
    as_of: str | None  # the latest date of the plotted rows, in words
    files: dict[str, str]
    panels: list[Link]  # where each panel's title leads (builder.render.panels), if anywhere


class ChartView(ChartFace):
    """A chart on a page of the site: its face, its table and how to cite and embed it."""

    columns: list[str]
    rows: list[list[object]]  # at most `CHART_ROWS_SHOWN` of them (builder.render.chart_tables)
    rows_total: int  # how many the downloads have
    rows_latest: bool  # whether `rows` are the latest (dated rows) or the first
    citation: str  # "Site, title, date, address", as the licence asks to be credited
    embed: str  # the HTML another site pastes to show it
    whole_addresses: bool  # whether those give full URLs (site_url set), or paths from the root


class DiscrepancyView(TypedDict):
    summary: str
    count_text: str
    count_sources: list[Link]
    listed_text: str
    listed_places: list[PlaceLink]
    inside_places: list[PlaceLink]
    listed_sources: list[Link]


class CountRecord(TypedDict):
    """A row of `Derived.counts`, as `to_dict("records")` gives it."""

    date: dt.date
    part_of_day: str  # "" when not known
    series: str
    place: str
    party: str
    count: int
    delta: int | None  # pandas' NA where there is no previous count
    claim: str


class CountRow(TypedDict):
    date: str
    when: str
    series: str
    party: str
    count: int
    delta: str
    claim: ClaimLink
    status: StatusView


class IndexItem(TypedDict, total=False):
    """An entry of an index page: a name and its link, with what else the entry shows."""

    name: str
    href: str
    name_ar: str | None
    detail: str
    status: StatusView


class IndexGroup(TypedDict):
    title: str
    items: list[IndexItem]


class FilterLink(TypedDict):
    """One choice of a filter: its name, how many entries it keeps, and whether it is the
    page's own (shown as text, marked as the current page)."""

    name: str
    href: str
    count: int
    current: bool


class FilterGroup(TypedDict):
    label: str
    links: list[FilterLink]


class PageLink(TypedDict):
    """A numbered page in a list of pages; `href` None for the current page, and a gap
    ("…") where `number` is 0."""

    number: int
    href: str | None


class Pager(TypedDict):
    """Where a page stands in its list: page `number` of `total`, its neighbours and the
    pages a reader can jump to."""

    number: int
    total: int
    earlier: str | None
    later: str | None
    pages: list[PageLink]


class Correction(TypedDict):
    date: str
    date_text: str
    text: str


class CorrectionRow(Correction):
    story: StoryLink


class KeyFigure(TypedDict):
    value: str
    label: str
    anchor: str
    sources: str


class StoryHeader(TypedDict):
    type: str
    headline: str
    standfirst: str
    byline: str
    dateline: PlaceLink
    published: str
    published_text: str
    modified: str | None
    modified_text: str
    key_figures: list[KeyFigure]
    corrections: list[Correction]


class NamedSource(Link):
    """A source the story names that has no claim of its own in it."""

    name_ar: str | None
    kind: str


class BasedOnView(Link):
    title: str
    url: str | None
    byline: str | None
    published: str
    published_text: str


class SourceBox(TypedDict):
    """A story's sources: each claim once, with everyone for and against it (who said it is
    in the claim, so no table of sources repeats the claims), and the sources named without
    a claim of their own."""

    based_on: list[BasedOnView]
    claims: list[ClaimView]
    named: list[NamedSource]


class MonthLink(TypedDict):
    title: str
    href: str


class MonthRow(MonthLink):
    changes: int
    counts: int
    claims: int


class TimelineCount(TypedDict):
    place: PlaceLink
    count: int
    series: str
    claim: ClaimLink
    party: str
    sources: list[Link]
    dissent: list[Dissent]
    status: StatusView
    when: str
    part_of_day: str | None  # what a timeline's day adds to its date


class TimelinePart(TypedDict):
    """A part of a timeline month too long for one page: the days it covers, and its link
    (None on its own page)."""

    title: str
    href: str | None


class TimelineDay(TypedDict):
    date: str
    title: str
    changes: list[ChangeGroup]
    counts: list[TimelineCount]
    claims: list[ClaimView]


class TallyRow(TypedDict):
    party: str | None  # None: the places whose holder is not recorded
    places: int


class Held(TypedDict, total=False):
    """Who holds a place, since when and how sure we are (`known`: whether any record
    says), as of its latest record."""

    known: bool
    as_of: str | None
    party: str
    since: str  # "since 2 December 2024", or "before its first recorded change"
    partly_taken_by: str | None  # a side that has taken part of it since
    status: StatusView
    claim: ClaimLink | None


class Spelling(TypedDict):
    text: str
    arabic: bool
