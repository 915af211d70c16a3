"""Charts as a reader's Chromium (Debian's, through Playwright) draws them: every text of
every chart readable against what it is drawn on, in the light and the dark scheme, with
JavaScript on (the live chart) and off (the static SVG), also after the reader switches
scheme; and on a 375 px phone every chart and map text at 11 CSS px or more."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Frame, Page

from tests.sites import PAGES, served, shared_site
from tests.test_browser import chromium, reach_for_a_chart

STORY = PAGES["first-story"]["article"]
# Pages with each kind of chart and map: the story (step, changes per day, locator and
# before/after maps), a province (its counts and its map), the provinces index (the
# national map) and the home page (the situation).
PHONE_PAGES = [STORY, PAGES["first-story"]["province"], "provinces/", ""]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_site("first-story", tmp_path_factory)


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


# Every text of every chart the reader sees (the live chart once JavaScript drew it, the
# static one otherwise), with its fill and the background it sits on: the first ancestor
# with an opaque background colour, as WCAG measures text on a page.
CHART_TEXTS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const backdrop = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const seen = [...document.querySelectorAll('figure.dl-chart svg text')]
    .filter(t => t.getBoundingClientRect().width > 0 && t.textContent.trim());
  return seen.map(t => {
    const fill = rgb(getComputedStyle(t).fill), back = backdrop(t.parentElement);
    const [hi, lo] = [luminance(fill), luminance(back)].sort((a, b) => b - a);
    return {text: t.textContent, fill: getComputedStyle(t).fill,
            ratio: (hi + 0.05) / (lo + 0.05)};
  });
}"""

# Every chart text the reader sees, with the size it is drawn at in CSS px: its font size
# times the scale at which its SVG is shown.
TEXT_SIZES = """() => [...document.querySelectorAll('figure.dl-chart svg text')]
  .filter(t => t.getBoundingClientRect().width > 0 && t.textContent.trim())
  .map(t => {
    const svg = t.ownerSVGElement, shown = svg.getBoundingClientRect().width;
    const drawn = svg.viewBox.baseVal && svg.viewBox.baseVal.width
      ? svg.viewBox.baseVal.width : svg.width.baseVal.value;
    return {text: t.textContent,
            px: parseFloat(getComputedStyle(t).fontSize) * shown / drawn};
  })"""

LIVE = (
    "[...document.querySelectorAll('figure.dl-chart[data-spec]')].every("
    "f => f.querySelector('.dl-chart-image').hidden)"
)


def opened(browser: Browser, url: str, javascript: bool, **context: Any) -> Page:
    page = browser.new_context(java_script_enabled=javascript, **context).new_page()
    page.goto(url, wait_until="networkidle")
    if javascript:
        reach_for_a_chart(page)
        page.wait_for_function(LIVE, timeout=20_000)
    return page


def unreadable(texts: list[dict[str, Any]]) -> list[str]:
    return [f"{t['text']!r} {t['fill']} {t['ratio']:.2f}:1" for t in texts if t["ratio"] < 4.5]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_chart_text_has_4_5_to_1_contrast_in_either_scheme(
    browser: Browser, base: str, scheme: str, javascript: bool
) -> None:
    page = opened(browser, base + STORY, javascript, color_scheme=scheme)
    # Material's script applies the reader's dark preference: without JavaScript the whole
    # page stays light, and so do the charts, which take their inks from the page.
    expected = "slate" if scheme == "dark" and javascript else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    texts = page.evaluate(CHART_TEXTS)
    assert len(texts) > 30  # every chart of the story, its axes, legends and labels
    assert unreadable(texts) == []
    page.context.close()


def test_the_live_charts_are_drawn_again_in_the_scheme_the_reader_switches_to(
    browser: Browser, base: str
) -> None:
    page = opened(browser, base + STORY, True, color_scheme="light")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    # Drawn again once the live charts' text takes the dark scheme's ink.
    page.wait_for_function(
        "[...document.querySelectorAll('.dl-chart-live svg text')].every("
        "t => getComputedStyle(t).fill === 'rgb(230, 230, 230)')",
        timeout=20_000,
    )
    texts = page.evaluate(CHART_TEXTS)
    assert len(texts) > 30 and unreadable(texts) == []
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("path", PHONE_PAGES)
def test_on_a_phone_every_chart_text_is_at_least_11_css_px(
    browser: Browser, base: str, path: str, javascript: bool
) -> None:
    page = opened(browser, base + path, javascript, viewport={"width": 375, "height": 800})
    sizes = page.evaluate(TEXT_SIZES)
    assert sizes, "no chart text measured"
    small = [f"{s['text']!r} at {s['px']:.1f} px" for s in sizes if s["px"] < 11]
    assert small == []
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"
    page.context.close()


# Where the reader sees each part of a chart: the title and subtitle, the picture, and the
# caption's notes, source line and date of the data, top to bottom.
PARTS = """() => [...document.querySelectorAll('figure.dl-chart')].map(f => {
  const box = s => { const e = f.querySelector(s); return e ? e.getBoundingClientRect() : null; };
  const image = [...f.querySelectorAll('.dl-chart-image svg')]
    .map(s => s.getBoundingClientRect()).find(r => r.height > 0);
  return {id: f.id, title: box('.dl-chart-title').bottom, subtitle: box('.dl-chart-subtitle'),
          top: image.top, bottom: image.bottom, source: box('.dl-chart-source').top,
          asOf: (f.querySelector('.dl-chart-as-of') || {}).textContent || null};
})"""


def test_a_chart_reads_title_and_subtitle_above_then_notes_source_and_date_below(
    browser: Browser, base: str
) -> None:
    page = opened(browser, base + STORY, False)
    parts = page.evaluate(PARTS)
    assert len(parts) >= 4
    for part in parts:
        assert part["title"] <= part["top"], part["id"]
        assert part["subtitle"] is None or part["subtitle"]["bottom"] <= part["top"], part["id"]
        assert part["source"] >= part["bottom"], part["id"]
        # Every chart of dated rows says of when; a locator map has none.
        dated = part["id"] != "chart-story-locator"
        assert (part["asOf"] or "").startswith("Data as of ") == dated, part["id"]
    by_id = {part["id"]: part for part in parts}
    assert by_id["chart-changes-per-day"]["asOf"] == "Data as of 2 December 2024"
    page.context.close()


def test_vega_loads_only_when_the_reader_reaches_for_a_chart(browser: Browser, base: str) -> None:
    page = browser.new_context().new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + STORY, wait_until="networkidle")
    assert not [url for url in requested if url.endswith("/vega.js")]
    reach_for_a_chart(page)
    page.wait_for_function(LIVE, timeout=20_000)
    assert [url for url in requested if url.endswith("/dateline/vega.js")]
    page.context.close()


@pytest.mark.parametrize(
    ("javascript", "most"), [(True, 200_000), (False, 100_000)], ids=["js", "no-js"]
)
def test_a_first_view_of_the_story_weighs_little_served_compressed(
    browser: Browser, base: str, site: Path, javascript: bool, most: int
) -> None:
    """Every file the story's first view fetches, as a server compressing with gzip at level
    6 sends it: at most 200 KB with JavaScript on, 100 KB with it off."""
    page = browser.new_context(java_script_enabled=javascript).new_page()
    fetched: list[str] = []
    page.on("response", lambda response: fetched.append(response.url))
    page.goto(base + STORY, wait_until="networkidle")
    page.context.close()
    sent = 0
    for url in dict.fromkeys(fetched):
        path = site / unquote(urlsplit(url).path).lstrip("/")
        served_file = path / "index.html" if path.is_dir() else path
        sent += len(gzip.compress(served_file.read_bytes(), compresslevel=6))
    assert 0 < sent <= most, f"{sent} bytes"


# Another outlet's article, with a chart's embed code pasted in its column, served on an
# origin of its own (localhost, where the site is 127.0.0.1). The code points at the site's
# address (site_url); here, the test's server.
@pytest.fixture(scope="module")
def outlet(base: str, site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chart_page = (site / "charts" / "province-hama-control" / "index.html").read_text()
    code = BeautifulSoup(chart_page, "html.parser").select_one("textarea.dl-chart-embed-code")
    assert code is not None
    snippet = code.get_text().replace('src="charts/', f'src="{base}charts/')
    folder = tmp_path_factory.mktemp("outlet")
    (folder / "article.html").write_text(
        f"<!doctype html><title>Outlet</title><p>Before.</p>{snippet}<p>After.</p>"
    )
    with served(folder) as url:
        yield url.replace("127.0.0.1", "localhost") + "article.html"


def outlet_page(browser: Browser, outlet: str, javascript: bool, **context: Any) -> Page:
    page = browser.new_context(java_script_enabled=javascript, **context).new_page()
    page.goto(outlet, wait_until="load")
    return page


def embedded(page: Page) -> Frame:
    iframe = page.locator("iframe").element_handle()
    frame = iframe.content_frame()
    assert frame is not None
    frame.wait_for_url("**/charts/province-hama-control/embed/", wait_until="load")
    return frame


def test_an_embedded_chart_fits_a_phone_s_column_and_tells_the_page_its_height(
    browser: Browser, outlet: str
) -> None:
    page = outlet_page(browser, outlet, True, viewport={"width": 375, "height": 800})
    frame = embedded(page)
    # The iframe takes the embed view's own height once the view has told the page it
    # (the view is on another origin: the page cannot measure it).
    height = frame.evaluate("document.documentElement.scrollHeight")
    page.wait_for_function(
        "h => document.querySelector('iframe').height == h", arg=height, timeout=20_000
    )
    assert height != 705  # not the height the code starts with, which fits the wide drawing
    sizes = frame.evaluate(TEXT_SIZES)
    assert sizes and [s for s in sizes if s["px"] < 11] == []
    width = frame.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1]
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_embedded_chart_is_drawn_and_readable_without_javascript(
    browser: Browser, outlet: str, scheme: str
) -> None:
    page = outlet_page(browser, outlet, False, color_scheme=scheme)
    frame = embedded(page)
    texts = frame.evaluate(CHART_TEXTS)
    assert len(texts) > 5 and unreadable(texts) == []
    assert "Hama" in frame.locator(".dl-chart-title").inner_text()
    page.context.close()


def test_without_site_url_what_a_reader_copies_gets_the_site_s_full_address(
    browser: Browser, base: str
) -> None:
    page = opened(browser, base + "charts/changes-per-day/", False)
    code = page.locator(".dl-chart-embed-code").input_value()
    assert 'src="charts/changes-per-day/embed/"' in code  # from the root, without a script
    page.context.close()
    page = browser.new_context().new_page()
    page.goto(base + "charts/changes-per-day/", wait_until="load")
    page.wait_for_function(
        "document.querySelector('.dl-chart-embed-code').value.includes('src=\"http')"
    )
    code = page.locator(".dl-chart-embed-code").input_value()
    assert f'src="{base}charts/changes-per-day/embed/"' in code
    citation = page.locator(".dl-chart-citation").inner_text()
    assert citation.endswith(f", {base}charts/changes-per-day/")
    page.context.close()
