"""The site as a reader meets it, in Debian's Chromium: a newsroom's pages, not a
documentation site's. The headline is the strongest type on its page, the navigation is the
readers' (the editors' guide is reached from the footer), every page advertises the feed,
the 404 page searches, a story says each claim once and prints on a few A4 pages with nothing
cut off, and no page scrolls sideways on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from builder.chart.kinds import FEW_PANELS
from tests.sites import PAGES, READERS_NAV

# The two sites built and served, and Chromium: the browser tests' own fixtures.
from tests.test_browser import browser, urls  # noqa: F401 - shared with those tests

STORY = PAGES["first-story"]["article"]
# Every kind of page a reader can land on, of both content sets, beyond those in PAGES.
MORE_PAGES = {
    "first-story": {
        "stories": "stories/",
        "provinces": "provinces/",
        "places": "places/",
        "sources": "sources/",
        "claims": "claims/",
        "claim": "claims/hama-areas-2024-12-02/",
        "corrections": "corrections/",
        "about": "about/",
        "guide": "guide/",
        "guide page": "guide/reference/",
        "not found": "404.html",
    },
    "synthetic": {
        "claims": "claims/",
        "timeline month": "timeline/2024-12/",
        "places": "places/",
        "places of a province": "places/province/hama/",
        "stories of a province": "stories/province/hama/",
    },
}
EVERY_PAGE = [
    (site, path)
    for site in PAGES
    for path in sorted({*PAGES[site].values(), *MORE_PAGES[site].values()})
]


def opened(chromium: Browser, url: str, **context: object) -> Page:
    page = chromium.new_page(**context)  # type: ignore[arg-type]
    page.goto(url, wait_until="networkidle")
    return page


# Every element that shows text of its own, with its computed size and colours; the colour
# behind it is the first opaque background among its ancestors.
TEXT_STYLES = """() => [...document.querySelectorAll('body *')].filter(e =>
    [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
    && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden'
    && !e.closest('svg, [hidden], .md-search, .md-sidebar:not(.md-sidebar--primary)'))
  .map(e => {
    let back = e, bg = 'rgba(0, 0, 0, 0)';
    while (back && (bg = getComputedStyle(back).backgroundColor).endsWith(', 0)'))
      back = back.parentElement;
    const style = getComputedStyle(e);
    return {tag: e.tagName, cls: e.className, text: e.textContent.trim().slice(0, 40),
            size: parseFloat(style.fontSize), color: style.color, bg};
  })"""


def _luminance(css: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site", list(PAGES))
def test_the_headline_is_the_strongest_type_on_its_page(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
    site: str,
    scheme: str,
    width: int,
) -> None:
    page = opened(
        browser,
        urls[site] + PAGES[site]["article"],
        color_scheme=scheme,
        viewport={"width": width, "height": 900},
    )
    styles = page.evaluate(TEXT_STYLES)
    page.close()
    [headline] = [s for s in styles if s["tag"] == "H1"]
    others = [s for s in styles if s["tag"] != "H1"]
    largest = max(others, key=lambda s: s["size"])
    assert headline["size"] > largest["size"], (headline, largest)
    # Dark on light, or light on dark, and never the theme's light grey.
    assert _contrast(headline["color"], headline["bg"]) >= 7, headline
    text = _luminance(headline["color"])
    assert text < 0.05 if scheme == "light" else text > 0.6, headline


@pytest.mark.parametrize("path", ["", STORY, "guide/"])
def test_the_guide_is_not_in_the_readers_navigation(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
    path: str,
) -> None:
    page = opened(browser, urls["first-story"] + path)
    primary = page.locator("nav.md-nav--primary")
    entries = primary.locator("> ul > li > a.md-nav__link").all_inner_texts()
    assert [e.strip() for e in entries] == READERS_NAV
    assert primary.locator("a[href*='guide']").count() == 0
    # Reached from the footer instead.
    editors = page.locator("footer a", has_text="For editors")
    assert editors.count() == 1
    editors.click()
    page.wait_for_url("**/guide/")
    assert page.locator("h1").first.inner_text().strip()
    page.close()


@pytest.mark.parametrize(("site", "path"), EVERY_PAGE)
def test_every_page_advertises_the_feed_has_the_footer_and_fits_a_phone(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
    site: str,
    path: str,
) -> None:
    page = opened(browser, urls[site] + path, viewport={"width": 375, "height": 800})
    wide, window = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide <= window, f"{path} is {wide} px wide in a {window} px window"
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed.count() == 1
    response = page.request.get(feed.evaluate("link => link.href"))
    assert response.ok and b"<feed" in response.body()
    footer = page.locator("footer.dl-footer").inner_text()
    # The synthetic site has no methodology page or guide, and links none.
    has_all = site == "first-story"
    for word in ("About", "Corrections", "Feed", "CC BY 4.0"):
        assert word in footer
    for word in ("Methodology", "For editors"):
        assert (word in footer) == has_all
    page.close()


def test_the_404_page_searches_and_lists_the_latest_stories(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
) -> None:
    page = opened(browser, urls["first-story"] + "404.html")
    latest = page.locator("article .dl-latest a")
    assert latest.first.inner_text().startswith("Iraqi armed groups reported crossing")
    page.locator("article input[type=search]").fill("Tel Melh")
    page.keyboard.press("Enter")
    result = page.locator(".md-search-result__item a[href*='places/tel-melh/']").first
    result.wait_for(state="visible", timeout=15_000)
    page.close()


def test_each_claim_is_said_once_on_its_story_page(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
) -> None:
    page = opened(browser, urls["first-story"] + STORY)
    claims = page.locator(".dl-claim-text").all_inner_texts()
    shown = page.evaluate("document.body.innerText")
    page.close()
    assert len(claims) == 11
    for claim in claims:
        assert shown.count(claim.strip()) == 1, claim


# Whatever the page prints that is wider than the paper, or cut off inside its own box.
CUT_OFF = """width => [...document.querySelectorAll(
    'article table, article figure, article svg, article pre, article img')]
  .filter(e => e.getClientRects().length)
  .filter(e => e.getBoundingClientRect().right > width + 1 || e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + '#' + (e.id || e.closest('[id]')?.id))"""


def test_the_first_story_prints_on_at_most_8_a4_pages_with_nothing_cut_off(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
) -> None:
    page = opened(browser, urls["first-story"] + STORY)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 1 <= pages <= 8, f"{pages} A4 pages"
    # As laid out for print on A4 (210 mm less the page's margins: 186 mm, 703 px).
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 703, "height": 1000})
    assert page.evaluate(CUT_OFF, 703) == []
    assert (
        page.locator("nav.md-nav--primary, .md-header, footer.dl-footer").evaluate_all(
            "all => all.filter(e => e.getClientRects().length).length"
        )
        == 0
    )
    page.close()


def test_a_reader_without_javascript_keeps_the_places_to_one_province_and_goes_back(
    browser: Browser,  # noqa: F811 - the fixture
    urls: dict[str, str],  # noqa: F811
) -> None:
    page = opened(browser, urls["synthetic"] + "places/", java_script_enabled=False)
    filters = page.locator("nav.dl-filters")
    link = filters.get_by_role("link", name=re.compile(r"^Hama Governorate \(\d+\)$"))
    shown = int(re.findall(r"\((\d+)\)", link.inner_text())[0])
    link.click()
    page.wait_for_load_state()
    assert page.url == urls["synthetic"] + "places/province/hama/"
    assert page.locator("h1").inner_text() == "Places: Hama Governorate"
    # Only that province's places, as many as the link said, each with who holds it.
    assert page.locator("main h2").all_inner_texts() == ["Hama Governorate"]
    entries = page.locator("ul.dl-index > li")
    assert entries.count() == shown
    assert all("held by" in e or "not recorded" in e for e in entries.all_inner_texts())
    # The filter shows where the reader is, and leads back to every place.
    current = filters.locator("[aria-current=page]")
    assert current.inner_text() == f"Hama Governorate ({shown})"
    filters.get_by_role("link", name=re.compile(r"^All ")).first.click()
    page.wait_for_load_state()
    assert page.url == urls["synthetic"] + "places/"


def test_with_javascript_a_filter_is_fetched_when_the_reader_points_at_it(
    browser: Browser,  # noqa: F811 - the fixture
    urls: dict[str, str],  # noqa: F811
) -> None:
    page = opened(browser, urls["synthetic"] + "places/")
    target = urls["synthetic"] + "places/province/hama/"
    link = page.locator("nav.dl-filters").get_by_role(
        "link", name=re.compile(r"^Hama Governorate ")
    )
    with page.expect_request(target):
        link.hover()
    # Clicked, the page comes as it would without the script.
    link.click()
    page.wait_for_load_state()
    assert page.url == target
    assert page.locator("h1").inner_text() == "Places: Hama Governorate"


def test_a_page_read_in_the_dark_scheme_prints_its_charts_in_ink_on_white(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(urls["first-story"] + STORY, wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.emulate_media(media="print")
    # The wide drawing (the phone's is for screens), its text in the light scheme's ink.
    shown = page.evaluate(
        "[...document.querySelectorAll('figure.dl-chart .dl-chart-image > div')]"
        ".filter(d => d.getClientRects().length).map(d => d.className)"
    )
    assert shown and set(shown) == {"dl-chart-wide"}
    fills = page.evaluate(
        "[...document.querySelectorAll('.dl-chart-wide svg text')]"
        ".map(t => getComputedStyle(t).fill)"
    )
    assert fills and "rgb(230, 230, 230)" not in fills  # the dark scheme's light grey text
    assert "rgb(51, 51, 51)" in fills  # the light scheme's, #333333
    context.close()


@pytest.mark.parametrize(("width", "drawing"), [(1280, "wide"), (375, "narrow")])
def test_from_the_home_page_s_situation_a_reader_goes_to_a_province_by_its_panel(
    browser: Browser,  # noqa: F811 - the fixture imported above
    urls: dict[str, str],  # noqa: F811
    width: int,
    drawing: str,
) -> None:
    page = opened(browser, urls["synthetic"], viewport={"width": width, "height": 900})
    [figure] = page.locator("figure.dl-chart").all()  # one figure, every province a panel
    panels = figure.locator(f".dl-chart-{drawing} a.dl-panel-link")
    names = [name.strip() for name in panels.all_text_contents()]
    assert len(names) > FEW_PANELS and names == sorted(names)
    panels.nth(1).click()
    page.wait_for_url(re.compile(r"/provinces/[^/]+/$"))
    assert page.locator("h1").inner_text().startswith(names[1])  # and its Arabic name
    page.close()
