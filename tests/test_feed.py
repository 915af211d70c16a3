"""What readers and crawlers find on a built site: absolute links with site_url, corrections
on the story and its page, social cards and Open Graph tags, the 404 page and the sitemap."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from tests.conftest import add_correction, run_dateline


def corrected(project: Path, site_url: str = "") -> Path:
    add_correction(project, "2024-12-05")
    if site_url:
        config = project / "mkdocs.yml"
        config.write_text(f"site_url: {site_url}\n" + config.read_text())
    result = run_dateline("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def json_ld(page: Path) -> list[dict[str, object]]:
    soup = BeautifulSoup(page.read_text(), "html.parser")
    found = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        found.extend(data if isinstance(data, list) else [data])
    return found


def test_with_site_url_every_link_is_absolute(minimal: Path) -> None:
    site = corrected(minimal, "https://news.example/")
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.entries[0].link == "https://news.example/stories/villages-taken/"
    article = json_ld(site / "stories" / "villages-taken" / "index.html")[0]
    assert article["isBasedOn"] == ["https://news.example/charts/north-areas.csv"]


def test_a_missing_site_url_is_a_warning_not_a_broken_site(minimal: Path) -> None:
    result = run_dateline("build", cwd=minimal)
    assert result.returncode == 0
    assert "site_url is not set in mkdocs.yml" in result.stderr


def test_corrections_show_on_the_story_and_the_corrections_page(minimal: Path) -> None:
    site = corrected(minimal)
    story = BeautifulSoup(
        (site / "stories" / "villages-taken" / "index.html").read_text(), "html.parser"
    )
    assert "This story has been corrected" in story.select_one(".dl-correction-notice").get_text()
    assert "Updated 5 December 2024" in story.select_one(".dl-story-meta").get_text()
    page = BeautifulSoup((site / "corrections" / "index.html").read_text(), "html.parser")
    (item,) = page.select(".dl-corrections-all li")
    assert item.get_text(" ", strip=True) == (
        "5 December 2024 , Two villages change hands in the North : "
        "An earlier version named the wrong village."
    )


def meta_of(page: Path) -> dict[str, str]:
    soup = BeautifulSoup(page.read_text(), "html.parser")
    return {
        str(m.get("property") or m.get("name")): str(m["content"])
        for m in soup.find_all("meta")
        if m.get("content") is not None
    }


def title_of(page: Path) -> str:
    title = BeautifulSoup(page.read_text(), "html.parser").title
    assert title is not None
    return title.get_text(strip=True)


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_social_cards_and_open_graph_with_site_url(minimal: Path) -> None:
    site = corrected(minimal, "https://news.example/")
    meta = meta_of(site / "stories" / "villages-taken" / "index.html")
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Two villages change hands in the North"
    assert meta["og:image"] == "https://news.example/cards/villages-taken.png"
    assert meta["og:url"] == "https://news.example/stories/villages-taken/"
    assert meta["twitter:card"] == "summary_large_image"
    assert png_size((site / "cards" / "villages-taken.png").read_bytes()) == (1200, 630)
    about = meta_of(site / "about" / "index.html")
    assert about["og:type"] == "website" and about["og:title"] == "About the fixture"
    # A browser tab or a search result names the site once on the home page, and after the
    # page's own title elsewhere.
    assert title_of(site / "index.html") == "Fixture"
    assert title_of(site / "about" / "index.html") == "About the fixture - Fixture"


def test_without_site_url_cards_are_not_announced(minimal: Path) -> None:
    site = corrected(minimal)
    meta = meta_of(site / "stories" / "villages-taken" / "index.html")
    assert "og:image" not in meta and meta["twitter:card"] == "summary"


def test_404_page_and_sitemap(minimal: Path) -> None:
    site = corrected(minimal, "https://news.example/")
    assert "404" in (site / "404.html").read_text()
    sitemap = ET.fromstring((site / "sitemap.xml").read_bytes())
    urls = sitemap.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert urls and all(
        u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod") is not None for u in urls
    )
    locations = {u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in urls}
    assert "https://news.example/stories/villages-taken/" in locations
