"""What pages show of records that meet elsewhere: a count set against the places listed as
changing hands that day, noted on the story and the province where they disagree. Read from
the rendered pages of the first story with a second one laid over it. (What entity pages show
of them, such as an outlet's relayed claims, is in tests/test_render_entities.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.render import Page
from tests.contents import pages_of
from tests.pages import soup, text
from tests.second_story import second_story


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    return pages_of(second_story(tmp_path_factory.mktemp("second") / "project"))


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
