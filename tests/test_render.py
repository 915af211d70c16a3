from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from builder.chart import chart
from builder.derive import derive
from builder.load import ProjectPaths, load
from builder.render import Page, SiteSettings, render
from builder.validate import validate


def render_project(project: Path) -> list[Page]:
    content = validate(load(ProjectPaths.at(project)))
    derived = derive(content)
    rendered = render(content, derived, chart(content, derived, None), SiteSettings("Fixture"))
    return [
        page
        for page in rendered.pages
        if page.path.startswith("stories/") and not page.path.endswith("index.md")
    ]


def test_content_text_is_escaped_everywhere_it_lands(minimal: Path) -> None:
    story = minimal / "content" / "articles" / "villages-taken.md"
    hostile = '"><img src=x onerror=alert(1)> </script><script>alert(2)</script> {{ 7*7 }}'
    story.write_text(
        story.read_text().replace(
            "headline: Two villages change hands in the North", f"headline: '{hostile}'"
        )
    )
    (page,) = render_project(minimal)
    assert "<img src=x" not in page.markdown
    assert "<script>alert" not in page.markdown
    soup = BeautifulSoup(page.markdown, "html.parser")
    assert soup.find("h1").get_text() == hostile
    json_ld = soup.find("script", type="application/ld+json").string
    assert "</script>" not in json_ld and "\\u003c/script\\u003e" in json_ld
    assert "title: '&#34;&gt;&lt;img" in page.markdown  # MkDocs prints titles unescaped


def test_denial_sits_inside_the_claim_it_denies_after_the_report(minimal: Path) -> None:
    (page,) = render_project(minimal)
    soup = BeautifulSoup(page.markdown, "html.parser")
    claim = soup.find(id="claim-villages-taken")
    rows = [li.get_text(" ", strip=True) for li in claim.select("li.dl-attribution")]
    assert rows[0].startswith("The Monitor (monitor) reports , via The Outlet")
    assert rows[1].startswith("The Ministry (government) denies , via The Outlet")


def test_body_claim_links_point_into_the_source_box(minimal: Path) -> None:
    (page,) = render_project(minimal)
    soup = BeautifulSoup(page.markdown, "html.parser")
    links = soup.select(".dl-body a.dl-ref-claim")
    assert [a["href"] for a in links] == ["#claim-north-count", "#claim-villages-taken"]
    for link in links:
        assert soup.find(id=link["href"][1:]) is not None


def test_unplaced_charts_follow_the_body_and_places_are_listed(minimal: Path) -> None:
    (page,) = render_project(minimal)
    assert page.path == "stories/villages-taken.md"
    soup = BeautifulSoup(page.markdown, "html.parser")
    assert soup.find("figure", id="chart-north-areas") is not None
    places = [th.get_text(" ", strip=True) for th in soup.select("#places th[scope=row]")]
    assert places == ["Village A القرية أ", "Village B", "North Governorate محافظة الشمال"]
    assert soup.select_one("#places span[lang=ar]")["dir"] == "rtl"
