"""The story page: header, key figures, body with its links, charts, place list, source box,
corrections and NewsArticle structured data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.errors import ContentInvalid
from builder.render import Page
from tests.conftest import REPO, add_correction, copy_project
from tests.contents import pages_of
from tests.pages import found, text

STORY = "stories/villages-taken.md"


def story_of(project: Path) -> Page:
    return pages_of(project)[STORY]


@pytest.fixture(scope="module")
def page() -> Page:
    """The minimal fixture's story, as it is."""
    return pages_of()[STORY]


def test_content_text_is_escaped_everywhere_it_lands(minimal: Path) -> None:
    story = minimal / "content" / "articles" / "villages-taken.md"
    hostile = '"><img src=x onerror=alert(1)> </script><script>alert(2)</script> {{ 7*7 }}'
    story.write_text(
        story.read_text().replace(
            "headline: Two villages change hands in the North", f"headline: '{hostile}'"
        )
    )
    page = story_of(minimal)
    assert "<img src=x" not in page.markdown
    assert "<script>alert" not in page.markdown
    soup = BeautifulSoup(page.markdown, "html.parser")
    assert soup.find("h1").get_text() == hostile
    json_ld = soup.find("script", type="application/ld+json").string
    assert "</script>" not in json_ld and "\\u003c/script\\u003e" in json_ld
    assert "title: '&#34;&gt;&lt;img" in page.markdown  # MkDocs prints titles unescaped


def test_denial_sits_inside_the_claim_it_denies_after_the_report(page: Page) -> None:
    soup = BeautifulSoup(page.markdown, "html.parser")
    claim = soup.find(id="claim-villages-taken")
    rows = [li.get_text(" ", strip=True) for li in claim.select("li.dl-attribution")]
    assert rows[0].startswith("The Monitor (monitor) reports , via The Outlet")
    assert rows[1].startswith("The Ministry (government) denies , via The Outlet")


def test_body_claim_links_point_into_the_source_box(page: Page) -> None:
    soup = BeautifulSoup(page.markdown, "html.parser")
    links = soup.select(".dl-body a.dl-ref-claim")
    assert [a["href"] for a in links] == ["#claim-north-count", "#claim-villages-taken"]
    for link in links:
        assert soup.find(id=link["href"][1:]) is not None


def test_unplaced_charts_follow_the_body_and_places_are_listed(page: Page) -> None:
    assert page.path == "stories/villages-taken.md"
    soup = BeautifulSoup(page.markdown, "html.parser")
    assert soup.find("figure", id="chart-north-areas") is not None
    places = [th.get_text(" ", strip=True) for th in soup.select("#places th[scope=row]")]
    # The two villages changed hands together: one row.
    assert places == ["Village A القرية أ , Village B", "North Governorate محافظة الشمال"]
    assert soup.select_one("#places span[lang=ar]")["dir"] == "rtl"


def test_news_article_structured_data(minimal: Path) -> None:
    add_correction(minimal, "2024-12-05")
    soup = BeautifulSoup(story_of(minimal).html, "html.parser")
    (article,) = [json.loads(s.text) for s in soup.find_all("script", type="application/ld+json")]
    assert article["@type"] == "NewsArticle"
    assert (article["datePublished"], article["dateModified"]) == ("2024-12-03", "2024-12-05")
    assert article["author"] == [{"@type": "Person", "name": "Fixture desk"}]
    assert article["dateline"] == "North Governorate"
    assert {c["name"] for c in article["citation"]} == {"The Outlet", "The Monitor", "The Ministry"}
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2024-12-05",
            "text": "An earlier version named the wrong village.",
        }
    ]


def test_a_claim_s_figure_is_a_key_figure_credited_to_those_who_assert_it(minimal: Path) -> None:
    claims = minimal / "content" / "claims" / "claims.yml"
    claims.write_text(
        claims.read_text()
        .replace(
            "  places: [north]\n",
            "  places: [north]\n  figure: {value: 5, previous: 3, unit: areas}\n",
        )
        .replace(
            "    - source: outlet\n      stance: reports\n",
            "    - source: outlet\n      stance: reports\n"
            "    - source: ministry\n      stance: disputes\n",
        )
    )
    soup = BeautifulSoup(story_of(minimal).html, "html.parser")
    (figure,) = soup.select(".dl-key-figures li")
    assert text(figure.select_one(".dl-figure-value")) == "5"
    assert text(figure.select_one(".dl-figure-label")) == "areas, up from 3"
    source = found(figure.select_one("a.dl-figure-source"))
    assert (text(source), source["href"]) == ("Source: The Outlet", "#claim-north-count")


def test_the_places_table_shows_each_change_s_status_and_its_denials_beside_its_sources(
    page: Page,
) -> None:
    soup = BeautifulSoup(page.markdown, "html.parser")
    headers = [th.get_text(strip=True) for th in soup.select("#places thead th")]
    assert headers[-2:] == ["Status", "Who says so"]
    village = found(soup.select_one("#place-village-a")).find_parent("tr")
    assert village is not None
    cells = [td.get_text(" ", strip=True) for td in village("td")]
    # A word and a mark, never a colour alone; the mark is not read out twice.
    assert cells[-2:] == ["▲ contested", "The Monitor · denies: The Ministry"]
    assert village.select_one(".dl-status-mark")["aria-hidden"] == "true"
    named_only = found(soup.select_one("#place-north")).find_parent("tr")
    assert named_only is not None
    assert [td.get_text(" ", strip=True) for td in named_only("td")][-2:] == ["—", "—"]


def test_a_story_with_changes_of_control_ends_its_charts_with_a_before_and_after(
    tmp_path: Path,
) -> None:
    page = pages_of(REPO)["stories/iraqi-factions-enter-syria.md"]
    soup = BeautifulSoup(page.markdown, "html.parser")
    ids = [figure["id"] for figure in soup.select("figure.dl-chart")]
    # Its latest day of changes with places on the map: 2 December, when four of the twelve
    # Al-Ghab villages have coordinates; the other eight are named beside the map.
    assert ids[-1] == "chart-province-changes-2024-12-02-control"
    figure = soup.select("figure.dl-chart")[-1]
    assert "Not on the map, for want of coordinates (3)" in figure.get_text(" ")
    project = copy_project(REPO, tmp_path / "project")
    story = project / "content" / "articles" / "iraqi-factions-enter-syria.md"
    story.write_text(story.read_text().replace("type: news\n", "type: news\ncontrol_maps: false\n"))
    page = pages_of(project)["stories/iraqi-factions-enter-syria.md"]
    soup = BeautifulSoup(page.markdown, "html.parser")
    assert "control" not in " ".join(f["id"] for f in soup.select("figure.dl-chart"))


@pytest.mark.parametrize(
    ("modified", "shown", "machine"),
    [
        # The content gives a time and zone: the page says them.
        (
            "modified: 2024-12-04\nmodified_time: '18:30+03:00'\n",
            "Updated 4 December 2024, 18:30 UTC+3",
            "2024-12-04T18:30+03:00",
        ),
        (
            "modified: 2024-12-04\nmodified_time: 06:05Z\n",
            "Updated 4 December 2024, 06:05 UTC",
            "2024-12-04T06:05Z",
        ),
        # Only a day: the day.
        ("modified: 2024-12-04\n", "Updated 4 December 2024", "2024-12-04"),
    ],
)
def test_updated_carries_the_time_and_zone_where_the_content_gives_them(
    minimal: Path, modified: str, shown: str, machine: str
) -> None:
    story = minimal / "content" / "articles" / "villages-taken.md"
    story.write_text(
        story.read_text().replace("published: 2024-12-03\n", f"published: 2024-12-03\n{modified}")
    )
    soup = BeautifulSoup(story_of(minimal).html, "html.parser")
    meta = found(soup.select_one(".dl-story-meta"))
    assert text(meta).endswith(shown)
    assert meta.select("time")[-1]["datetime"] == machine
    (article,) = [json.loads(s.text) for s in soup.find_all("script", type="application/ld+json")]
    assert article["dateModified"] == machine


def test_a_time_of_update_without_its_day_is_an_error(minimal: Path) -> None:
    story = minimal / "content" / "articles" / "villages-taken.md"
    story.write_text(
        story.read_text().replace(
            "published: 2024-12-03\n", "published: 2024-12-03\nmodified_time: 18:30Z\n"
        )
    )
    with pytest.raises(ContentInvalid, match="modified_time needs modified"):
        story_of(minimal)
