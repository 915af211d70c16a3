"""Render as a whole: every page and download of a site, each entity's page and each section's
index; and a story edit brought in without rendering the rest again."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.chart import RenderedChart, chart
from builder.derive import derive
from builder.render import Footprint, Rendered, SiteSettings, indexes, render, render_story_edit
from builder.validate import Content
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


# The lists kept to one province, holder, status or month (builder.render.listing).
FILTERED = {
    "stories/province/north.md",
    "places/province/north.md",
    "places/held-by/opposition.md",
    "places/status/contested.md",
    "places/status/holder-not-recorded.md",
    "claims/status/contested.md",
    "claims/status/unverified.md",
    "claims/month/2024-12.md",
    "claims/province/north.md",
    "timeline/province/north.md",
}


def test_every_story_place_source_and_claim_has_its_page(site: Rendered) -> None:
    pages = {page.path for page in site.pages}
    chart_pages = {f"charts/{c}.md" for c in CHARTS}
    expected = {*STORY_AND_NAMED, *FILTERED, *chart_pages, "timeline/2024-12.md"}
    assert pages - set(SECTIONS) == expected


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
    assert again == {
        *STORY_AND_NAMED,
        "index.md",
        "stories/index.md",
        "stories/province/north.md",
        "corrections.md",
    }
    assert count == len(again)
    assert "Two villages fall in the North" in after["stories/index.md"].html
    assert [page.path for page in edit.pages] == [page.path for page in site.pages]


def test_a_story_added_or_removed_at_a_page_break_gives_the_pages_of_a_whole_render(
    charts: dict[str, RenderedChart], minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages of the stories index run on, or stop, as a whole render's do: a story edit
    renders every page that lists stories and drops those no longer there."""
    monkeypatch.setattr(indexes, "STORIES_PER_PAGE", 1)

    def whole() -> tuple[Content, Rendered]:
        content = content_of(minimal)
        return content, render(content, derive(content), charts, SETTINGS)

    def same(edited: Rendered, rendered: Rendered) -> None:
        def held(site: Rendered) -> list[tuple[str, str, bool]]:
            return [(p.path, p.markdown, p.in_nav) for p in site.pages]

        assert held(edited) == held(rendered)

    old, before = whole()
    assert "stories/page/2.md" not in {p.path for p in before.pages}
    story = minimal / "content" / "articles" / "villages-taken.md"
    added = story.with_name("villages-again.md")
    added.write_text(story.read_text().replace("change hands in the North", "again"))
    edited = {"content/articles/villages-again.md"}
    new, after = whole()
    edit, _ = render_story_edit(before, [], new, derive(new), charts, SETTINGS, edited)
    assert {"stories/page/2.md", "stories/province/north/2.md"} <= {p.path for p in edit.pages}
    same(edit, after)
    was = [Footprint.of(s, new, derive(new)) for s in new.stories if s.path in edited]
    added.unlink()
    _, again = whole()
    edit, _ = render_story_edit(after, was, old, derive(old), charts, SETTINGS, edited)
    assert "stories/page/2.md" not in {p.path for p in edit.pages}
    same(edit, again)
