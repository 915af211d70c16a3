"""Render as a whole: every page and download of a site, each entity's page and each section's
index; and a story edit brought in without rendering the rest again."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.chart import RenderedChart, chart
from builder.derive import derive
from builder.render import Footprint, Rendered, SiteSettings, render, render_story_edit
from tests.contents import content_of

SECTIONS = [
    "index.md",
    "stories/index.md",
    "provinces/index.md",
    "places/index.md",
    "sources/index.md",
    "claims/index.md",
    "timeline.md",
    "corrections.md",
    "data/index.md",
]


# The story, and every place, source and claim it names: all there are in the fixture.
STORY_AND_NAMED = {
    "stories/villages-taken.md",
    "provinces/north.md",  # a governorate's page is its province's
    "places/plain.md",
    "places/village-a.md",
    "places/village-b.md",
    "sources/outlet.md",
    "sources/ministry.md",
    "sources/monitor.md",
    "claims/north-count.md",
    "claims/villages-taken.md",
}
SETTINGS = SiteSettings("Fixture")
# The fixture's charts: its own, and those every province and timeline month is given.
CHARTS = [
    "north-areas",
    "province-north-areas-held",
    "province-overview-areas-held",
    "province-timeline-2024-12-changes",
]


@pytest.fixture(scope="module")
def charts() -> dict[str, RenderedChart]:
    content = content_of()
    return chart(content, derive(content), None)


@pytest.fixture(scope="module")
def site(charts: dict[str, RenderedChart]) -> Rendered:
    content = content_of()
    return render(content, derive(content), charts, SETTINGS)


def test_every_story_place_source_and_claim_has_its_page(site: Rendered) -> None:
    pages = {page.path for page in site.pages}
    chart_pages = {f"charts/{c}.md" for c in CHARTS}
    assert pages - set(SECTIONS) == {*STORY_AND_NAMED, *chart_pages, "timeline/2024-12.md"}


def test_only_the_section_indexes_are_in_the_navigation(site: Rendered) -> None:
    assert sorted(page.path for page in site.pages if page.in_nav) == sorted(SECTIONS)


def test_every_dataset_and_chart_can_be_downloaded_and_the_feed_read(site: Rendered) -> None:
    tables = [
        "area_counts",
        "control_changes",
        "claims",
        "attributions",
        "places",
        "holders",
        "sources",
    ]
    assert sorted(asset.path for asset in site.assets) == sorted(
        [
            *(f"data/{t}.{suffix}" for t in tables for suffix in ("csv", "json")),
            "data/holders.geojson",
            *(
                f"charts/{c}.{s}"
                for c in CHARTS
                for s in ("csv", "json", "svg", "png", "vl.json", "narrow.vl.json")
            ),
            *(f"charts/{c}/embed/index.html" for c in CHARTS),
            "data/README.txt",
            "charts/README.txt",
            "feed.xml",
        ]
    )


def test_a_story_edit_renders_the_story_what_it_names_and_the_story_lists(
    site: Rendered, charts: dict[str, RenderedChart], minimal: Path
) -> None:
    story = minimal / "content" / "articles" / "villages-taken.md"
    story.write_text(story.read_text().replace("change hands in the North", "fall in the North"))
    old, content = content_of(), content_of(minimal)
    edited = {"content/articles/villages-taken.md"}
    was = [Footprint.of(s, old, derive(old)) for s in old.stories if s.path in edited]
    edit, count = render_story_edit(site, was, content, derive(content), charts, SETTINGS, edited)
    before = {page.path: page for page in site.pages}
    after = {page.path: page for page in edit.pages}
    assert set(after) == set(before)
    again = {path for path, page in after.items() if page is not before[path]}
    # Not the other indexes, the timeline or the data page.
    assert again == {*STORY_AND_NAMED, "index.md", "stories/index.md", "corrections.md"}
    assert count == len(again)
    assert "Two villages fall in the North" in after["stories/index.md"].html
