"""The feed, the corrections page and the structured data, as readers and crawlers see them."""

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


def test_the_feed_is_valid_atom_and_a_correction_updates_its_entry(minimal: Path) -> None:
    site = corrected(minimal)
    raw = (site / "feed.xml").read_bytes()
    ET.fromstring(raw)  # well-formed XML
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert entry.title == "Two villages change hands in the North"
    assert entry.summary.startswith("Opposition forces took two villages")
    assert entry.author == "Fixture desk"
    assert entry.published.startswith("2024-12-03") and entry.updated.startswith("2024-12-05")
    assert entry.link == "stories/villages-taken/"


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


def test_news_article_structured_data(minimal: Path) -> None:
    site = corrected(minimal)
    (article,) = json_ld(site / "stories" / "villages-taken" / "index.html")
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


def test_data_page_describes_each_dataset(minimal: Path) -> None:
    site = corrected(minimal)
    datasets = json_ld(site / "data" / "index.html")
    counts = next(d for d in datasets if d["name"] == "Area counts")
    assert counts["@type"] == "Dataset"
    assert [d["contentUrl"] for d in counts["distribution"]] == [
        "data/area_counts.csv",
        "data/area_counts.json",
    ]


def meta_of(page: Path) -> dict[str, str]:
    soup = BeautifulSoup(page.read_text(), "html.parser")
    return {
        str(m.get("property") or m.get("name")): str(m["content"])
        for m in soup.find_all("meta")
        if m.get("content") is not None
    }


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


def test_without_site_url_cards_are_not_announced(minimal: Path) -> None:
    site = corrected(minimal)
    meta = meta_of(site / "stories" / "villages-taken" / "index.html")
    assert "og:image" not in meta and meta["twitter:card"] == "summary"


def test_card_text_is_escaped_and_the_card_renders() -> None:
    from builder.chart.cards import card_svg, render_cards

    svg = card_svg("Site", "</text><script>alert(1)</script>", "A & B", None)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "A &amp; B" in svg
    card = render_cards([svg], None)[0]
    assert isinstance(card, bytes) and png_size(card) == (1200, 630)


def test_cards_render_over_the_cores_in_order_and_are_cached(tmp_path: Path) -> None:
    from builder.chart.cards import card_svg, render_cards
    from builder.chart.svg import blob_bytes

    # Different lengths of headline make cards of different sizes, so order shows.
    svgs = [card_svg("Site", "word " * n, "", None) for n in (1, 9, 1, 3, 5)]
    cache = tmp_path / "cache"
    pngs = [blob_bytes(png) for png in render_cards(svgs, cache, workers=2)]
    assert pngs[0] == pngs[2] and len({*pngs}) == 4
    assert pngs == [blob_bytes(render_cards([svg], None)[0]) for svg in svgs]
    assert len(list(cache.glob("card-*.png"))) == 4
    again = render_cards(svgs, cache, workers=2)
    assert all(isinstance(png, Path) and png.parent == cache for png in again)


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
