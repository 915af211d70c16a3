"""The whole site, built by `dateline build` through MkDocs, read as a reader sees it."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag

VILLAGES = [
    "Jalma",
    "Bridej",
    "Jubain",
    "Tel Melh",
    "Karkat",
    "Al-Mughayr",
    "Al-Mubtein",
    "Al-Zakat",
    "Um Tweina",
    "Bab Al-Taqa",
    "Al-Huwaiz",
    "Al-Sharia",
]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    from tests.conftest import REPO, copy_project, run_dateline

    project = copy_project(REPO, tmp_path_factory.mktemp("site") / "project")
    result = run_dateline("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site" / "stories" / "iraqi-factions-enter-syria" / "index.html").read_text()
    return BeautifulSoup(html, "html.parser")


def text(tag: Tag | None) -> str:
    assert tag is not None
    return tag.get_text(" ", strip=True)


def test_header_shows_headline_standfirst_byline_dateline_and_date(story: BeautifulSoup) -> None:
    header = story.select_one(".dl-story-header")
    assert text(header.h1) == (
        "Iraqi armed groups reported crossing into Syria as opposition gains ground in Hama"
    )
    assert text(header.select_one(".dl-standfirst")).startswith("Fighters linked to Iraq's")
    meta = text(header.select_one(".dl-story-meta"))
    assert meta == "By Dateline desk · Aleppo · Published 3 December 2024"
    assert header.select_one("time")["datetime"] == "2024-12-03"
    assert len(story.find_all("h1")) == 1


def test_place_list_names_the_twelve_villages_taken_on_2_december(story: BeautifulSoup) -> None:
    rows = story.select("#places tbody tr")
    by_name = {row.th.a.get_text(): row for row in rows}
    for village in VILLAGES:
        cells = [text(td) for td in by_name[village].find_all("td")]
        assert cells == [
            "Al-Ghab Plain",
            "Hama Governorate",
            "Taken by Syrian opposition forces from Syrian government forces",
            "2 December 2024 (night)",
            "bne IntelliNews",
        ], village
    assert text(by_name["Aleppo"].find_all("td")[2]).startswith("Partly taken")


def test_chart_is_inline_svg_showing_12_and_16(story: BeautifulSoup) -> None:
    figure = story.select_one("figure#chart-hama-opposition-areas")
    svg = figure.select_one(".dl-chart-image svg")
    labels = [t.get_text() for t in svg.find_all("text")]
    assert "12" in labels and "16" in labels and "12 → 16" in labels
    assert figure.select_one(".dl-chart-image")["aria-label"].endswith(
        "rose from 12 on 1 December 2024 to 16 on 2 December 2024 (evening)."
    )
    assert text(figure.select_one(".dl-chart-source")) == "Source: bne IntelliNews"
    cells = [[text(td) for td in tr.find_all("td")] for tr in figure.select("details tbody tr")]
    assert [row[4] for row in cells] == ["12", "16"]


def test_denial_is_shown_next_to_the_claim_it_denies(story: BeautifulSoup) -> None:
    claim = story.select_one("#claim-pmf-groups-entered-syria")
    assert "Popular Mobilisation Forces have crossed into Syria" in text(
        claim.select_one(".dl-claim-text")
    )
    attributions = [text(li) for li in claim.select("li.dl-attribution")]
    assert attributions[-1].startswith("Iraqi Ministry of Interior (government) denies")
    assert all(" reports" in a for a in attributions[:-1])
    assert text(claim.select_one(".dl-claim-status")) == "contested"


def test_every_claim_link_in_the_body_lands_in_the_source_box(story: BeautifulSoup) -> None:
    links = story.select(".dl-body a.dl-ref-claim")
    assert len(links) == 11
    for link in links:
        target = story.find(id=link["href"].removeprefix("#"))
        assert target is not None and "dl-claim" in target["class"], link["href"]


def test_source_box_lists_each_source_with_kind_and_stance(story: BeautifulSoup) -> None:
    rows = {row.th.a.get_text(): row for row in story.select(".dl-source-summary tbody tr")}
    ministry = rows["Iraqi Ministry of Interior"]
    assert text(ministry.find_all("td")[0]) == "government"
    assert text(ministry.find_all("td")[1]).startswith("denies Armed groups linked to Iraq's")
    assert text(rows["Two Syrian military sources"].find_all("td")[0]) == "military, unnamed (2)"
    assert "based on reporting by bne IntelliNews" in text(story.select_one(".dl-based-on"))


def test_the_discrepancy_between_count_and_villages_is_shown(story: BeautifulSoup) -> None:
    note = text(story.select_one(".dl-discrepancy"))
    assert "rose by 4" in note and "add up to +12" in note


def test_no_page_loads_anything_from_another_origin(story: BeautifulSoup) -> None:
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in story.find_all(tag):
            value = element.get(attribute) or ""
            assert not re.match(r"^(https?:)?//", value), value
