"""What pages show of records that meet elsewhere: an outlet's relayed claims, the stories of
the places inside a province, the count-against-places note, and the names search finds a
place by. Read from the rendered pages of the first story with a second one laid over it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from builder.chart import chart
from builder.derive import derive
from builder.load import ProjectPaths, load
from builder.render import Page, SiteSettings, render
from builder.validate import validate
from tests.second_story import second_story


def pages_of(project: Path) -> dict[str, Page]:
    content = validate(load(ProjectPaths.at(project)))
    derived = derive(content)
    rendered = render(content, derived, chart(content, derived, None), SiteSettings("Fixture"))
    return {page.path: page for page in rendered.pages}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    return pages_of(second_story(tmp_path_factory.mktemp("second") / "project"))


def soup(page: Page) -> BeautifulSoup:
    return BeautifulSoup(page.html, "html.parser")


def text(tag: Tag | None) -> str:
    assert tag is not None
    return tag.get_text(" ", strip=True)


def rows(table: Tag | None) -> list[list[str]]:
    assert table is not None
    return [[text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]


def test_an_outlet_that_only_relays_lists_what_it_carried(pages: dict[str, Page]) -> None:
    page = soup(pages["sources/relay-outlet.md"])
    assert "No claims are attributed to this source itself" in text(page)
    carried = rows(page.select_one("table.dl-carried"))
    assert [row[:3] for row in carried] == [
        # named as `via` in the attribution
        ["5 December 2024 (morning)", "Witnesses in Hama", "reports"],
        # said by a source the outlet carries (`carried_by`), with no `via`
        ["6 December 2024", "Witnesses in Hama", "reports"],
    ]
    assert carried[1][3].startswith("Opposition forces took Rastan and Talbiseh")
    stories = [text(li) for li in page.select(".dl-story-list li")]
    assert stories == [
        "Opposition forces enter Hama city and push south towards Homs 7 December 2024"
    ]


def test_an_outlet_lists_what_it_said_and_what_it_carried_apart(pages: dict[str, Page]) -> None:
    page = soup(pages["sources/bne-intellinews.md"])
    said = rows(page.select_one("table.dl-said"))
    carried = rows(page.select_one("table.dl-carried"))
    assert said and all(row[1] == "reports" for row in said)
    assert {row[1] for row in carried} >= {
        "Two Syrian military sources",
        "Iraqi Ministry of Interior",
    }
    assert "denies" in {row[2] for row in carried}
    # A source that relays nothing has no such list.
    assert soup(pages["sources/sohr.md"]).select_one("table.dl-carried") is None


def test_a_province_lists_the_stories_about_places_inside_it(pages: dict[str, Page]) -> None:
    # The second story names Rastan and Talbiseh, never Homs province itself.
    homs = soup(pages["provinces/homs.md"])
    stories = [text(a) for a in homs.select(".dl-story-list li a")]
    assert stories == ["Opposition forces enter Hama city and push south towards Homs"]
    assert "No stories yet" not in text(homs)
    hama = soup(pages["provinces/hama.md"])
    assert len(hama.select(".dl-story-list li a")) == 2
    # And a city, the stories about a site inside it.
    assert len(soup(pages["places/hama-city.md"]).select(".dl-story-list li a")) == 1


def test_a_site_inside_a_city_taken_with_it_is_not_another_area(pages: dict[str, Page]) -> None:
    # Hama's count rose by 1 on 5 December, when the city and its airport were taken.
    for path in ("stories/hama-city-entered.md", "provinces/hama.md"):
        assert soup(pages[path]).select_one(".dl-discrepancy") is None, path


def test_villages_taken_after_the_count_are_not_set_against_it(pages: dict[str, Page]) -> None:
    # The first story's count rose by 4 by the evening; twelve villages fell that night.
    assert (
        soup(pages["stories/iraqi-factions-enter-syria.md"]).select_one(".dl-discrepancy") is None
    )


def test_a_count_that_disagrees_is_noted_on_the_story_and_the_province(tmp_path: Path) -> None:
    project = second_story(tmp_path / "project")
    counts = project / "content" / "data" / "area_counts.csv"
    counts.write_text(counts.read_text().replace(",opposition,17,", ",opposition,18,"))
    pages = pages_of(project)
    for path in ("stories/hama-city-entered.md", "provinces/hama.md"):
        note = soup(pages[path]).select_one(".dl-discrepancy")
        assert note is not None, path
        assert text(note.p).startswith(
            "The figures do not agree. On 5 December 2024 (afternoon) the count of areas of "
            "Hama Governorate held by Syrian opposition forces rose by 2, while the places "
            "listed as changing hands that day, up to the count, add up to +1."
        )
        listed = [text(p) for p in note.select(".dl-side-by-side > div")[1].find_all("p")]
        assert listed[1:3] == [
            "1 area (+1): Hama",
            "Also listed, inside those and not counted again: Hama military airport",
        ]


def test_a_place_is_found_first_by_its_names_and_aliases(pages: dict[str, Page]) -> None:
    page = pages["places/hama-city.md"]
    meta = yaml.safe_load(page.front_matter.strip("-\n"))
    assert meta["tags"] == ["Hama", "حماة", "Hama city", "Hamacity", "حماه"]
    assert meta["hide"] == ["tags"]  # found by them, not shown them
    aliases = pages["places/maarat-al-numan.md"]
    tags = yaml.safe_load(aliases.front_matter.strip("-\n"))["tags"]
    assert "Maarrat al-Numan" in tags and not any("'" in tag for tag in tags)
