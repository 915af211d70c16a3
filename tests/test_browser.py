"""Each page type in a real headless Chromium (Debian's, driven by Playwright): no console
errors, no failed or off-site requests, charts visible and interactive, readable without
JavaScript and at 375 px, and no axe-core violations at WCAG 2.2 AA in light and dark."""

from __future__ import annotations

import contextlib
import itertools
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.sites import PAGES, served, shared_site

CASES = [(site, kind) for site, pages in PAGES.items() for kind in pages]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "Debian's chromium is not installed (apt-get install chromium); "
            "the browser tests never skip"
        )
    return found


@pytest.fixture(scope="module")
def urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    bases = {}
    with (
        served(shared_site("first-story", tmp_path_factory)) as a,
        served(shared_site("synthetic", tmp_path_factory)) as b,
    ):
        bases = {"first-story": a, "synthetic": b}
        yield bases


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, for one module's tests."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


class Watched:
    """A page with everything that went wrong on it recorded."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on(
            "console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}")
        )
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on(
            "response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}")
        )

        def check_origin(request: object) -> None:
            url = request.url  # type: ignore[attr-defined]
            if urlsplit(url).scheme in ("http", "https") and not url.startswith(origin):
                self.problems.append(f"left the site: {url}")

        page.on("request", check_origin)


def open_page(browser: Browser, base: str, path: str, **context: object) -> Watched:
    """The page once loaded and, once the reader reached for a chart, every chart live."""
    page = browser.new_page(**context)  # type: ignore[arg-type]
    watched = Watched(page, base)
    page.goto(base + path, wait_until="networkidle")
    reach_for_a_chart(page)
    page.wait_for_function(
        "[...document.querySelectorAll('figure.dl-chart[data-spec]')].every("
        "f => f.querySelector('.dl-chart-image').hidden)",
        timeout=20_000,
    )
    return watched


def reach_for_a_chart(page: Page) -> None:
    """What a reader does that makes the charts live: a pointer over the first chart (the
    interactive layer loads Vega only then)."""
    figures = page.locator("figure.dl-chart[data-spec]")
    if figures.count():
        figures.first.hover()


@pytest.mark.parametrize(("site", "kind"), CASES)
def test_page_loads_cleanly_and_charts_come_alive(
    browser: Browser, urls: dict[str, str], site: str, kind: str
) -> None:
    watched = open_page(browser, urls[site], PAGES[site][kind])
    page = watched.page
    figures = page.locator("figure.dl-chart[data-spec]")
    for i in range(figures.count()):
        assert figures.nth(i).locator(".dl-chart-live svg").is_visible()
        assert figures.nth(i).locator(".dl-chart-image").is_hidden()
    # A figure whose panels link stays as drawn, its links and all.
    kept = page.locator("figure.dl-chart:not([data-spec])")
    for i in range(kept.count()):
        assert kept.nth(i).locator(".dl-chart-image svg").first.is_visible()
    assert watched.problems == []
    page.close()


@pytest.mark.parametrize("site", list(PAGES))
def test_a_tooltip_appears_on_hover(browser: Browser, urls: dict[str, str], site: str) -> None:
    watched = open_page(browser, urls[site], PAGES[site]["article"])
    page = watched.page
    point = page.locator(".dl-chart-live svg .mark-symbol path").first
    point.wait_for(state="visible", timeout=15_000)
    point.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip()
    page.close()


def test_the_browser_is_debians_chromium(browser: Browser) -> None:
    reported = subprocess.run(
        [chromium_path(), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Chromium {browser.version} " in reported and "Debian" in reported


@pytest.mark.parametrize(("site", "kind"), CASES)
def test_readable_without_javascript(
    browser: Browser, urls: dict[str, str], site: str, kind: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(urls[site] + PAGES[site][kind])
    assert page.locator("h1").first.is_visible()
    figures = page.locator("figure.dl-chart")
    for i in range(figures.count()):
        figure = figures.nth(i)
        assert figure.locator(".dl-chart-wide svg").is_visible()
        assert figure.locator(".dl-chart-header .dl-chart-title").is_visible()
        assert figure.locator(".dl-chart-description").is_visible()
        assert figure.locator("details table tbody tr").count() > 0
        # CSV, JSON, SVG and PNG, and the chart's own page.
        assert figure.locator(".dl-chart-downloads a").count() == 5
    context.close()


@pytest.mark.parametrize(("site", "kind"), CASES)
def test_no_horizontal_scroll_at_375_px(
    browser: Browser, urls: dict[str, str], site: str, kind: str
) -> None:
    page = open_page(
        browser, urls[site], PAGES[site][kind], viewport={"width": 375, "height": 800}
    ).page
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("site", "kind"), CASES)
def test_no_accessibility_violations(
    browser: Browser, urls: dict[str, str], site: str, kind: str, scheme: str
) -> None:
    page = open_page(browser, urls[site], PAGES[site][kind], color_scheme=scheme).page
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert violations == []
    page.close()


@pytest.mark.parametrize(
    "query",
    [
        "Al-Bukamal",
        "Abu Kamal",  # an alias
        "Albu Kamal",
        "Bukamal",  # without the article
        "AlBukamal",  # the article run in
        "Abukamal",
        "البوكمال",  # Arabic
        "بوكمال",  # Arabic without the article
    ],
)
def test_search_finds_a_place_by_any_spelling(
    browser: Browser, urls: dict[str, str], query: str
) -> None:
    page = browser.new_page()
    page.goto(urls["first-story"], wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type(query)
    page.keyboard.press("End")  # typing Arabic sends no key events; the search waits for one
    top_three = (
        "[...document.querySelectorAll('.md-search-result__item > .md-search-result__link')]"
        ".slice(0, 3).map(a => a.getAttribute('href'))"
    )
    # Results arrive while the query is typed: wait for those of the whole query.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"{top_three}.some(h => h.endsWith('/places/al-bukamal-crossing/'))", timeout=10_000
        )
    hrefs = page.evaluate(top_three)
    assert any(h.endswith("/places/al-bukamal-crossing/") for h in hrefs), hrefs
    page.close()


# Each placed label of a map's static image, as the reader's browser lays it out: its box
# from getBBox, taken into the SVG's own coordinates by getCTM (a before/after map's panels
# are translated groups).
LABEL_BOXES = """figure => [...figure.querySelectorAll('.dl-chart-wide g[class*="labels"] text')]
  .map(text => {
    const box = text.getBBox(), m = text.getCTM();
    const corners = [[box.x, box.y], [box.x + box.width, box.y + box.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    return {text: text.textContent, left: corners[0][0], top: corners[0][1],
            right: corners[1][0], bottom: corners[1][1]};
  })"""


def map_pages(base: str) -> list[str]:
    """Every page of the site (found by following its links from the home page) that shows
    a map with placed labels."""
    seen, queue, found = {""}, [""], []
    while queue:
        path = queue.pop()
        with urllib.request.urlopen(base + path) as response:  # the local server
            html = response.read().decode()
        if 'class="mark-text role-mark labels' in html:
            found.append(path)
        for href in re.findall(r'href="([^"#?]*/)"', html):
            target = urljoin(base + path, href)
            if target.startswith(base) and (inner := target[len(base) :]) not in seen:
                seen.add(inner)
                queue.append(inner)
    return sorted(found)


@pytest.mark.parametrize("site", list(PAGES))
def test_no_two_labels_of_any_map_on_the_site_intersect(
    browser: Browser, urls: dict[str, str], site: str
) -> None:
    pages = map_pages(urls[site])
    if site == "first-story":
        # The national map, each province's with places on it, the story's before and after
        # and its locator map: every one is measured.
        assert {"provinces/", "provinces/idlib/", "stories/iraqi-factions-enter-syria/"} <= set(
            pages
        )
    context = browser.new_context(java_script_enabled=False)
    measured = 0
    for path in pages:
        page = context.new_page()
        page.goto(urls[site] + path)
        figures = page.locator("figure.dl-chart")
        for i in range(figures.count()):
            boxes = figures.nth(i).evaluate(LABEL_BOXES)
            measured += len(boxes)
            for one, other in itertools.combinations(boxes, 2):
                apart = (
                    one["right"] <= other["left"]
                    or other["right"] <= one["left"]
                    or one["bottom"] <= other["top"]
                    or other["bottom"] <= one["top"]
                )
                assert apart, f"{path}: {one['text']!r} overlaps {other['text']!r}"
            assert all(box["right"] > box["left"] for box in boxes)  # laid out, not hidden
        page.close()
    context.close()
    assert measured > 0 or site != "first-story"
