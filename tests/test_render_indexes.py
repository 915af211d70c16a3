"""The pages that list: home, one index per section, the timeline month by month, and the
corrections; read from the minimal fixture's records."""

from __future__ import annotations

import dataclasses

import yaml

from builder.models import Correction
from builder.render import Page, indexes
from tests.conftest import REPO
from tests.contents import minimal_content, minimal_views, pages_of, views_of
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
    page = indexes.stories(views.at("stories/index.md"))
    assert groups(page) == {"December 2024": [f"{HEADLINE} 3 December 2024"]}
    assert found(soup(page).select_one("ul.dl-index a"))["href"] == "villages-taken/"


def test_places_are_listed_by_province_and_provinces_with_their_codes() -> None:
    views = minimal_views()
    assert groups(indexes.places(views.at("places/index.md"))) == {
        "North Governorate": ["The Plain region", "Village A القرية أ village", "Village B village"]
    }
    assert groups(indexes.provinces(views.at("provinces/index.md"))) == {
        "Provinces": ["North Governorate محافظة الشمال SY-HM"]
    }


def test_sources_are_listed_by_kind() -> None:
    views = minimal_views()
    found = groups(indexes.sources(views.at("sources/index.md")))
    assert list(found) == ["Government", "Monitor", "News outlet"]
    assert [entry.split(" ")[:2] for entries in found.values() for entry in entries] == [
        ["The", "Ministry"],
        ["The", "Monitor"],
        ["The", "Outlet"],
    ]


def test_claims_are_listed_by_day_and_left_out_of_search() -> None:
    views = minimal_views()
    page = indexes.claims(views.at("claims/index.md"))
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
    index, *months = indexes.timeline(views.at("timeline.md"))
    assert [page.path for page in months] == ["timeline/2024-12.md"]
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
    assert days["2 December 2024"][:3] == [
        # The denial stands next to the source that supports the change.
        "Village A القرية أ : Taken by Opposition forces from Government forces · ▲ contested . "
        "Source: The Monitor · denies: The Ministry",
        "Village B : Taken by Opposition forces from Government forces · ▲ contested . "
        "Source: The Monitor · denies: The Ministry",
        "North Governorate محافظة الشمال : 5 areas held by Opposition forces "
        "(2 December 2024 (evening)) · ◆ unverified . Source: The Outlet",
    ]
    assert len(days["2 December 2024"]) == 5  # and the day's two claims
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
    page = indexes.sources(minimal_views().at("sources/index.md"))
    # The minimal fixture: the outlet, the monitor and the ministry each say one claim.
    assert [text(s) for s in soup(page).select(".dl-index-detail")] == ["1 claim"] * 3


def test_the_provinces_index_opens_with_the_national_control_map() -> None:
    page = pages_of(REPO)["provinces/index.md"]
    figures = soup(page).select("figure.dl-chart")
    assert [figure["id"] for figure in figures] == ["chart-province-syria-control"]
    first = soup(page).select_one("h1 ~ *:not(p)")
    assert first is not None and first.name == "figure"


def test_a_timeline_month_opens_with_its_strip_of_changes_per_day() -> None:
    pages = pages_of(REPO)
    month = soup(pages["timeline/2024-12.md"])
    [strip] = month.select("figure.dl-chart")
    assert strip["id"] == "chart-province-timeline-2024-12-changes"
    assert text(found(strip.select_one(".dl-chart-title"))) == (
        "Places changing hands in December 2024"
    )
    # Drawn before the first day's list, from the changes alone: 12 on 2 December.
    assert strip.find_next("h2") is not None
    assert "12 places changed hands on 2 December 2024" in text(
        found(strip.select_one(".dl-chart-description"))
    )
    assert strip.select_one(".dl-chart-image svg") is not None


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
