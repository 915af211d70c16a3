"""The pages that list: home, one index per section, the timeline month by month, and the
corrections; read from the minimal fixture's records."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from benchmarks.generate import generate
from builder.models import Correction
from builder.render import Page, indexes
from builder.render.views import Views
from tests.conftest import REPO
from tests.contents import content_of, minimal_content, minimal_views, pages_of, views_of
from tests.pages import found, soup, text

HEADLINE = "Two villages change hands in the North"


def groups(page: Page) -> dict[str, list[str]]:
    """Each heading of a page and the entries of the list under it."""
    html = soup(page)
    return {text(h2): [text(li) for li in found(h2.find_next("ul"))("li")] for h2 in html("h2")}


def meta(page: Page) -> dict[str, object]:
    found: dict[str, object] = yaml.safe_load(page.front_matter.strip("-\n"))
    return found


def test_stories_are_listed_by_month_newest_first() -> None:
    views = minimal_views()
    page = indexes.stories(views)[0]
    assert groups(page) == {"December 2024": [f"{HEADLINE} 3 December 2024"]}
    assert found(soup(page).select_one("ul.dl-index a"))["href"] == "villages-taken/"


def test_places_are_listed_by_province_and_provinces_with_their_codes() -> None:
    views = minimal_views()
    assert groups(indexes.places(views)[0]) == {
        "North Governorate": [
            # Who holds each place, and how sure we are, as a word and a mark.
            "The Plain region ✕ holder not recorded",
            "Village A القرية أ village, held by Opposition forces ▲ contested",
            "Village B village, held by Opposition forces ▲ contested",
        ]
    }
    assert groups(indexes.provinces(views)[0]) == {
        "Provinces": ["North Governorate محافظة الشمال SY-HM"]
    }


def test_sources_are_listed_by_kind() -> None:
    views = minimal_views()
    found = groups(indexes.sources(views)[0])
    assert list(found) == ["Government", "Monitor", "News outlet"]
    assert [entry.split(" ")[:2] for entries in found.values() for entry in entries] == [
        ["The", "Ministry"],
        ["The", "Monitor"],
        ["The", "Outlet"],
    ]


def test_claims_are_listed_by_day_and_left_out_of_search() -> None:
    views = minimal_views()
    page = indexes.claims(views)[0]
    assert groups(page) == {
        "2 December 2024": [
            # Each status as its word and its mark, never its colour alone.
            "Opposition forces took Village A and Village B. ▲ contested",
            "Opposition-held areas of the North went from 3 to 5. ◆ unverified",
        ]
    }
    assert meta(page)["search"] == {"exclude": True}


def test_the_timeline_has_a_page_a_month_with_every_count_change_and_claim_by_day() -> None:
    views = minimal_views()
    index, *pages = indexes.timeline(views.at("timeline.md"))
    # each month's page, then each province's changes of control
    assert [page.path for page in pages] == ["timeline/2024-12.md", "timeline/province/north.md"]
    months = pages[:1]
    assert [
        [text(tr.th), *(text(td) for td in tr("td"))]
        for tr in soup(index).select("table.dl-timeline-months tbody tr")
    ] == [["December 2024", "2", "2", "2"]]
    (month,) = months
    days = groups(month)
    assert list(days) == ["1 December 2024", "2 December 2024"]
    assert days["1 December 2024"] == [
        "North Governorate محافظة الشمال : 3 areas held by Opposition forces · ◆ unverified . "
        "Source: The Outlet"
    ]
    assert days["2 December 2024"][:2] == [
        # The villages that changed hands together, on one line; the denial stands next to
        # the source that supports the change.
        "Village A القرية أ , Village B : Taken by Opposition forces from Government forces "
        "· ▲ contested . Source: The Monitor · denies: The Ministry",
        "North Governorate محافظة الشمال : 5 areas held by Opposition forces "
        "(evening) · ◆ unverified . Source: The Outlet",
    ]
    assert len(days["2 December 2024"]) == 4  # and the day's two claims
    # The only month: nothing earlier or later to go to.
    assert text(soup(month).select_one("nav.dl-timeline-nav")) == "All months"


def test_corrections_are_listed_newest_first_each_with_its_story() -> None:
    views = minimal_views()
    content = minimal_content()
    assert "No story has been corrected yet." in text(
        soup(indexes.corrections(views.at("corrections.md")))
    )
    (story,) = content.stories
    corrected = dataclasses.replace(
        story,
        article=story.article.model_copy(
            update={
                "corrections": [
                    Correction.model_validate({"date": "2024-12-04", "text": "The first."}),
                    Correction.model_validate({"date": "2024-12-06", "text": "The second."}),
                ]
            }
        ),
    )
    page = indexes.corrections(
        views_of(dataclasses.replace(content, stories=[corrected])).at("corrections.md")
    )
    assert [text(li) for li in soup(page).select(".dl-corrections-all li")] == [
        f"6 December 2024 , {HEADLINE} : The second.",
        f"4 December 2024 , {HEADLINE} : The first.",
    ]


def test_home_lists_the_ten_latest_stories() -> None:
    content = minimal_content()
    (story,) = content.stories
    stories = [
        dataclasses.replace(
            story,
            article=story.article.model_copy(
                update={"slug": f"story-{i}", "headline": f"Story {i}"}
            ),
        )
        for i in range(12)
    ]
    home = indexes.home(
        views_of(dataclasses.replace(content, stories=stories)).at("index.md"), "Fixture", "Who"
    )
    latest = [text(a) for a in soup(home).select("ul.dl-latest li a")]
    assert latest == [f"Story {i}" for i in range(10)]
    assert text(soup(home).h1) == "Fixture"


def test_a_source_with_one_claim_is_counted_in_the_singular() -> None:
    page = indexes.sources(minimal_views())[0]
    # The minimal fixture: the outlet, the monitor and the ministry each say one claim.
    assert [text(s) for s in soup(page).select(".dl-index-detail")] == ["1 claim"] * 3


def test_the_provinces_index_opens_with_the_national_control_map() -> None:
    page = pages_of(REPO)["provinces/index.md"]
    figures = soup(page).select("figure.dl-chart")
    assert [figure["id"] for figure in figures] == ["chart-province-syria-control"]
    first = soup(page).select_one("h1 ~ *:not(p)")
    assert first is not None and first.name == "figure"


def test_a_timeline_month_opens_with_its_strip_of_changes_counts_and_claims_per_day() -> None:
    pages = pages_of(REPO)
    month = soup(pages["timeline/2024-12.md"])
    [strip] = month.select("figure.dl-chart")
    assert strip["id"] == "chart-province-timeline-2024-12-changes"
    assert text(found(strip.select_one(".dl-chart-title"))) == "Day by day in December 2024"
    # Drawn before the first day's list, from the records alone: 12 changes on 2 December,
    # the day's area count and its nine claims.
    assert strip.find_next("h2") is not None
    assert text(found(strip.select_one(".dl-chart-description"))) == (
        "Day by day in December 2024, 1 December 2024 to 2 December 2024: 12 places changed "
        "hands, the most (12) on 2 December 2024 (12 taken by Syrian opposition forces); "
        "2 area counts, the most (1) on 1 December 2024; 9 claims, the most (9) on "
        "2 December 2024."
    )
    assert strip.select_one(".dl-chart-image svg") is not None
    # Its table: a row a day, record and side, with the side's swatch; claims have no side.
    rows = [[text(td) for td in tr("td")] for tr in strip.select("details tbody tr")]
    assert rows == [
        ["2024-12-01", "Area counts", "Syrian opposition forces", "1"],
        ["2024-12-02", "Places changing hands", "Syrian opposition forces", "12"],
        ["2024-12-02", "Area counts", "Syrian opposition forces", "1"],
        ["2024-12-02", "Claims", "—", "9"],
    ]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Views:
    """A generated site of 60 stories (about 750 claims) and 150 places, without charts."""
    project = tmp_path_factory.mktemp("synthetic")
    generate(project, stories=60, places=150, seed=7)
    return views_of(content_of(project))


def all_entries(pages: list[Page]) -> list[str]:
    return [text(a) for page in pages for a in soup(page).select("ul.dl-index li > a")]


def test_the_stories_index_runs_to_pages_of_a_fixed_number_newest_first(
    synthetic: Views, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexes, "STORIES_PER_PAGE", 25)
    pages = [p for p in indexes.stories(synthetic) if not p.path.startswith("stories/province/")]
    assert [p.path for p in pages] == ["stories/index.md", "stories/page/2.md", "stories/page/3.md"]
    headlines = [s.article.headline for s in synthetic.content.stories]
    assert all_entries(pages) == headlines  # each story once, newest first
    assert [len(soup(p).select("ul.dl-index li")) for p in pages] == [25, 25, 10]
    first = soup(pages[0])
    assert text(found(first.select_one("nav.dl-pager"))).startswith("Page 1 of 3")
    assert found(first.select_one("a[rel=next]"))["href"] == "page/2/"
    assert pages[0].in_nav and not pages[1].in_nav


def test_the_stories_of_one_province_are_a_page_of_their_own(synthetic: Views) -> None:
    pages = {p.path: p for p in indexes.stories(synthetic)}
    hama = pages["stories/province/hama.md"]
    # The synthetic stories are each about one province, whose name is in their headline.
    listed = all_entries([hama])
    assert listed and all(" hama, " in headline for headline in listed)
    assert text(found(soup(hama).h1)) == "Stories: Hama Governorate"
    # Reached from the stories index by a plain link, with how many stories it lists.
    line = found(soup(pages["stories/index.md"]).select_one("nav.dl-filters"))
    (link,) = [a for a in line("a") if "Hama" in text(a)]
    assert link["href"] == "province/hama/"
    assert text(link) == f"Hama Governorate ({len(listed)})"


def test_places_can_be_kept_to_one_province_holder_or_status(synthetic: Views) -> None:
    pages = {p.path: p for p in indexes.places(synthetic)}
    idlib = soup(pages["places/province/idlib.md"])
    assert [text(h2) for h2 in idlib("h2")] == ["Idlib Governorate"]
    province_of = synthetic.derived.province_of
    inside = sorted(
        p.name.en
        for p in synthetic.content.places.values()
        if p.kind != "governorate" and province_of(p.id) == "idlib"
    )
    assert [text(a) for a in idlib.select("ul.dl-index li > a")] == inside
    held = [text(li) for li in soup(pages["places/held-by/government.md"]).select("ul.dl-index li")]
    assert held and all("held by Government forces" in entry for entry in held)
    contested = soup(pages["places/status/contested.md"]).select("ul.dl-index li")
    assert contested and all(text(li).endswith("▲ contested") for li in contested)
    filters = [text(p) for p in soup(pages["places/index.md"]).select("nav.dl-filters p")]
    assert [line.split(":")[0] for line in filters] == ["Province", "Held by", "Status"]


def test_claims_can_be_kept_to_one_status_or_month(
    synthetic: Views, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexes, "CLAIMS_PER_PAGE", 100)
    pages = {p.path: p for p in indexes.claims(synthetic)}
    contested = [p for path, p in pages.items() if path.startswith("claims/status/contested")]
    entries = [text(li) for p in contested for li in soup(p).select("ul.dl-index li")]
    expected = [c for c in synthetic.content.claims.values() if c.status == "contested"]
    assert len(entries) == len(expected) and all(e.endswith("▲ contested") for e in entries)
    assert len(contested) == -(-len(expected) // 100)
    december = all_entries(
        [p for path, p in pages.items() if path.startswith("claims/month/2024-12")]
    )
    in_december = [c for c in synthetic.content.claims.values() if f"{c.as_of:%Y-%m}" == "2024-12"]
    assert sorted(december) == sorted(c.text for c in in_december)
    # Every page of claims holds at most a page's worth.
    assert max(len(soup(p).select("ul.dl-index li")) for p in pages.values()) == 100


def test_the_home_page_s_situation_is_one_figure_whose_panels_lead_to_their_provinces() -> None:
    home = soup(pages_of(REPO)["index.md"])
    [figure] = home.select("figure.dl-chart")
    assert figure["id"] == "chart-province-overview-areas-held"
    # The panel's title in both drawings, and the caption for keyboards and screen readers.
    for drawing in (".dl-chart-wide", ".dl-chart-narrow"):
        panels = figure.select(f"{drawing} svg a.dl-panel-link")
        assert [(text(a), a["href"]) for a in panels] == [("Hama Governorate", "provinces/hama/")]
    caption = found(figure.select_one(".dl-chart-panels"))
    assert [(text(a), a["href"]) for a in caption("a")] == [("Hama Governorate", "provinces/hama/")]
    # Drawn as it is: the interactive layer would draw the panels again without their links.
    assert not figure.has_attr("data-spec")


def test_claims_can_be_kept_to_one_province(synthetic: Views) -> None:
    """Where a province page's "every claim about it" leads: the claims naming the province
    or a place whose parent it is, newest first."""
    pages = {p.path: p for p in indexes.claims(synthetic)}
    places = synthetic.content.places
    expected = [
        c
        for c in synthetic.content.claims.values()
        if any(p == "hama" or places[p].parent == "hama" for p in c.places)
    ]
    kept = [p for path, p in pages.items() if path.startswith("claims/province/hama")]
    listed = all_entries(kept)
    assert expected and sorted(listed) == sorted(c.text for c in expected)
    assert text(found(soup(kept[0]).h1)) == "Claims: Hama Governorate"
    filters = [text(p) for p in soup(pages["claims/index.md"]).select("nav.dl-filters p")]
    assert [line.split(":")[0] for line in filters] == ["Status", "Province", "Month"]
    assert f"Hama Governorate ({len(expected)})" in filters[1]
