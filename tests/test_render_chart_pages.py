"""Every chart's own page and its embed view: what a reader citing it, and an outlet
embedding it, get."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.chart import chart
from builder.derive import derive
from builder.render import Rendered, SiteSettings, render
from builder.render import views as views_module
from builder.render.settings import Licence
from builder.store import Store
from tests.conftest import FIXTURES, copy_project
from tests.contents import content_of
from tests.pages import found, text

SA = Licence("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")
TITLE = 'Held <b>areas</b> & "more"'


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("charts") / "p")
    definition = project / "charts" / "north-areas.yml"
    definition.write_text(
        definition.read_text().replace(
            "title: Opposition-held areas in the North", f"title: '{TITLE}'"
        )
    )
    return project


def site_of(project: Path, settings: SiteSettings) -> Rendered:
    content = content_of(project)
    derived = derive(content)
    return render(content, derived, chart(content, derived, None), settings)


@pytest.fixture(scope="module")
def site(project: Path) -> Rendered:
    return site_of(project, SiteSettings("The Desk", url="https://news.example/", licence=SA))


def page_of(site: Rendered, path: str) -> BeautifulSoup:
    (page,) = [page for page in site.pages if page.path == path]
    assert not page.in_nav  # reached from under the chart, not from the navigation
    return BeautifulSoup(page.html, "html.parser")


def embed_of(site: Rendered, path: str) -> BeautifulSoup:
    (asset,) = [asset for asset in site.assets if asset.path == path]
    return BeautifulSoup(asset.data.bytes().decode(), "html.parser")


def test_every_chart_has_a_page_and_an_embed_view(site: Rendered) -> None:
    charts = {
        "north-areas",
        "province-north-areas-held",
        "province-overview-areas-held",
        "province-timeline-2024-12-changes",
    }
    assert {p.path for p in site.pages if p.path.startswith("charts/")} == {
        f"charts/{c}.md" for c in charts
    }
    assert {a.path for a in site.assets if a.path.endswith("/embed/index.html")} == {
        f"charts/{c}/embed/index.html" for c in charts
    }


def test_a_chart_page_shows_the_chart_its_citation_and_its_embed_code(site: Rendered) -> None:
    page = page_of(site, "charts/north-areas.md")
    assert text(page.h1) == TITLE  # escaped: no <b> element made from the title
    assert page.find("b") is None
    figure = found(page.select_one("figure.dl-chart"))
    assert figure.select_one(".dl-chart-wide svg") and figure.select_one(".dl-chart-narrow svg")
    reuse = found(figure.select_one("details.dl-chart-reuse"))
    assert reuse.has_attr("open")  # on its own page the citation and code are shown
    address = "https://news.example/charts/north-areas/"
    assert text(reuse.select_one(".dl-chart-citation")) == (
        f"Cite it as: The Desk, {TITLE}, 2 December 2024, {address}"
    )
    code = BeautifulSoup(found(reuse.select_one("textarea")).get_text(), "html.parser")
    iframe = found(code.iframe)
    assert iframe["src"] == address + "embed/"
    assert iframe["title"] == TITLE
    assert int(str(iframe["height"])) > 300
    licence = found(page.select_one('.dl-licence a[rel="license"]'))
    assert (licence["href"], text(licence)) == (SA.url, "CC BY-SA 4.0")
    (data,) = [
        json.loads(s.string or "") for s in page.select('script[type="application/ld+json"]')
    ]
    assert data["license"] == SA.url
    assert data["creditText"] == f"The Desk, {TITLE}, 2 December 2024, {address}"


def test_a_chart_shown_on_a_page_links_to_its_own_page(site: Rendered) -> None:
    home = page_of_any(site, "provinces/north.md")
    figure = found(home.select_one("#chart-province-north-areas-held"))
    links = {text(a): a["href"] for a in figure.select(".dl-chart-downloads a")}
    assert links["the chart\u2019s page"] == "../../charts/province-north-areas-held/"
    assert not found(figure.select_one("details.dl-chart-reuse")).has_attr("open")


def page_of_any(site: Rendered, path: str) -> BeautifulSoup:
    (page,) = [page for page in site.pages if page.path == path]
    return BeautifulSoup(page.html, "html.parser")


def test_the_embed_view_is_the_chart_alone_with_its_captions_and_licence(site: Rendered) -> None:
    embed = embed_of(site, "charts/north-areas/embed/index.html")
    assert text(embed.title) == f"{TITLE} · The Desk"
    assert embed.find("b") is None and embed.find("nav") is None
    assert embed.select_one(".dl-chart-wide svg") and embed.select_one(".dl-chart-narrow svg")
    # Links back to the chart's page (relative, as the site may move), under its licence.
    assert found(embed.select_one('link[rel="canonical"]'))["href"] == "../"
    links = {text(a): a for a in embed.select("figcaption a")}
    assert links["CC BY-SA 4.0"]["href"] == SA.url
    assert links["The Desk"]["href"] == "../"
    assert links["Get the data"]["href"] == "../../north-areas.csv"
    # Its one script only reports its height to the page around it.
    (script,) = embed.find_all("script")
    assert "postMessage" in (script.string or "")
    # The chart's inks for either scheme are in the page itself: nothing else is loaded.
    style = text(embed.style)
    assert "--dl-chart-text: #333333" in style and "prefers-color-scheme: dark" in style
    assert embed.find("link", rel="stylesheet") is None


def test_embed_views_are_kept_in_the_store_as_they_are_made(project: Path, tmp_path: Path) -> None:
    # Not held in memory to the end of the build (thousands, each with its drawing).
    content = content_of(project)
    derived = derive(content)
    store = Store.at(tmp_path / "store")
    site = render(content, derived, chart(content, derived, None), SiteSettings("D"), store)
    embeds = [a for a in site.assets if a.path.endswith("/embed/index.html")]
    assert embeds and all(store.name_of(a.data) for a in embeds)
    assert all(b"<svg" in a.data.bytes() for a in embeds)


def test_without_directory_urls_every_address_names_its_file(project: Path) -> None:
    site = site_of(project, SiteSettings("The Desk", directory_urls=False))
    page = page_of(site, "charts/north-areas.md")
    code = BeautifulSoup(found(page.select_one("textarea")).get_text(), "html.parser")
    assert found(code.iframe)["src"] == "charts/north-areas/embed/index.html"
    citation = text(page.select_one(".dl-chart-citation"))
    assert citation.endswith(", charts/north-areas.html")
    embed = embed_of(site, "charts/north-areas/embed/index.html")
    assert found(embed.select_one('link[rel="canonical"]'))["href"] == "../../north-areas.html"


def test_a_long_source_line_names_the_leading_sources_and_the_chart_page_all(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_module, "SOURCES_NAMED", 1)
    two_sources = copy_project(project, project.parent / "two-sources")
    claims = two_sources / "content" / "claims" / "claims.yml"
    claims.write_text(
        claims.read_text().replace(
            "      stance: reports\n- id: villages-taken",
            "      stance: reports\n    - source: monitor\n      stance: confirms\n"
            "- id: villages-taken",
        )
    )
    site = site_of(two_sources, SiteSettings("The Desk"))
    province = page_of_any(site, "provinces/north.md")
    figure = found(province.select_one("#chart-province-north-areas-held"))
    line = found(figure.select_one(".dl-chart-source"))
    assert line.get_text() == "Source: The Outlet; 1 more"
    assert [a["href"] for a in line.select("a")][-1] == "../../charts/province-north-areas-held/"
    own = page_of(site, "charts/province-north-areas-held.md")
    line = found(own.select_one(".dl-chart-source"))
    assert line.get_text() == "Source: The Outlet; The Monitor"
