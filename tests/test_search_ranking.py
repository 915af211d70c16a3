"""Material's search in Chromium ranks a place first by its own names: searching "Hama city",
the city's alias, lists the city ahead of the stories and claims about Hama and a city."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.second_story import second_story
from tests.sites import build, served
from tests.test_browser import browser  # noqa: F401 - the fixture, shared with those tests

RESULTS = "[...document.querySelectorAll('.md-search-result__item > .md-search-result__link')]"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(build(second_story(tmp_path_factory.mktemp("second") / "project"))) as base:
        yield base


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("Hama city", "places/hama-city/"),  # an alias, of words many pages have
        ("Hama", "places/hama-city/"),  # its name, which every page about Hama has
        ("Al-Rastan", "places/rastan/"),
        ("Rastan", "places/rastan/"),
    ],
)
def test_a_place_comes_first_for_its_own_names(
    browser: Browser,  # noqa: F811 - the fixture imported above
    url: str,
    query: str,
    place: str,
) -> None:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    top_two = f"{RESULTS}.slice(0, 2).map(a => a.getAttribute('href'))"
    # Results arrive while the query is typed: wait for those of the whole query.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"{top_two}.some(h => h.endsWith('/{place}'))", timeout=10_000)
    hrefs = page.evaluate(top_two)
    assert any(h.endswith(f"/{place}") for h in hrefs), hrefs
    page.close()
