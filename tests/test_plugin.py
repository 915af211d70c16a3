from __future__ import annotations

import ast
import gc
import inspect
import itertools
import json
import logging
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands import build as mkdocs_build
from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.exceptions import Abort

from builder import plugin
from builder.plugin import DatelineConfig, LicenceConfig
from tests.conftest import run_ok


def test_plain_mkdocs_build_on_invalid_content_stops_before_cleaning_the_site(
    minimal: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = minimal / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    (minimal / "content" / "places.yml").write_text("- id: north\n  kind: governorate\n")
    config = load_config(str(minimal / "mkdocs.yml"))
    with pytest.raises(Abort):
        build(config)
    assert "content/places.yml:1: name: is required" in caplog.text
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_plugin_adds_generated_pages_and_stylesheet(minimal: Path) -> None:
    config = load_config(str(minimal / "mkdocs.yml"), site_dir=str(minimal / "out"))
    build(config)
    assert (minimal / "out" / "stories" / "villages-taken" / "index.html").is_file()
    assert (minimal / "out" / "dateline" / "dateline.css").is_file()
    assert not (minimal / "out" / "content").exists()  # content is never copied raw


def test_mkdocs_build_quiet_prints_nothing_of_ours(minimal: Path) -> None:
    quiet = run_ok(
        sys.executable, "-m", "mkdocs", "build", "-q", "--strict", cwd=minimal, stderr=True
    )
    assert quiet == ""
    assert (minimal / "site" / "stories" / "villages-taken" / "index.html").is_file()
    shown = run_ok(sys.executable, "-m", "mkdocs", "build", cwd=minimal, stderr=True)
    assert "INFO    -  dateline: site_url is not set in mkdocs.yml" in shown
    assert "INFO    -  dateline: charts: " in shown


def test_the_plugin_logs_where_mkdocs_counts_warnings(
    minimal: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(load_config(str(minimal / "mkdocs.yml"), site_dir=str(minimal / "out")))
    ours = [r for r in caplog.records if "dateline:" in r.getMessage()]
    assert ours and {r.name for r in ours} == {"mkdocs.plugins.dateline"}


@pytest.mark.parametrize("config", [DatelineConfig, LicenceConfig])
def test_every_plugin_option_has_a_docstring(config: type[base.Config]) -> None:
    tree = ast.parse(inspect.getsource(plugin))
    (config_class,) = [
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == config.__name__
    ]
    documented = set()
    body = config_class.body
    for node, following in itertools.pairwise(body):
        if (
            isinstance(node, ast.Assign)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
        ):
            documented.add(node.targets[0].id)  # type: ignore[attr-defined]
    options = {name for name, _ in config._schema}
    assert options == documented


def test_generated_pages_keep_their_headings_and_contents_and_show_text_as_written(
    minimal: Path,
) -> None:
    # Generated pages are HTML that MkDocs takes as it is: no Markdown runs over content,
    # and their section headings still make the table of contents.
    places = minimal / "content" / "places.yml"
    places.write_text(places.read_text().replace("North Governorate", "North *Gov* & <b>"))
    config = load_config(str(minimal / "mkdocs.yml"), site_dir=str(minimal / "out"))
    build(config)
    index = BeautifulSoup((minimal / "out" / "places" / "index.html").read_text(), "html.parser")
    heading = index.select_one("article h2")
    assert heading is not None
    assert heading.get_text() == "North *Gov* & <b>" and heading.find("em") is None
    # Material shows the table of contents twice (in the sidebar and the mobile menu).
    contents = index.select("nav.md-nav--secondary a.md-nav__link")
    assert list(dict.fromkeys((a.get_text(strip=True), a["href"]) for a in contents)) == [
        ("North *Gov* & <b>", f"#{heading['id']}")
    ]
    story = (minimal / "out" / "stories" / "villages-taken" / "index.html").read_text()
    sections = BeautifulSoup(story, "html.parser").select("nav.md-nav--secondary a")
    assert list(dict.fromkeys(a["href"] for a in sections)) == [
        "#places-in-this-story",
        "#sources-and-claims",
    ]


def test_search_indexes_generated_pages_with_their_text_and_sections(minimal: Path) -> None:
    # MkDocs holds a generated page's HTML only while building it; search still reads it.
    mkdocs_yml = minimal / "mkdocs.yml"
    with_search = mkdocs_yml.read_text().replace("  - dateline", "  - search\n  - dateline")
    mkdocs_yml.write_text(with_search)
    config = load_config(str(mkdocs_yml), site_dir=str(minimal / "out"))
    build(config)
    index = json.loads((minimal / "out" / "search" / "search_index.json").read_text())
    story = {
        entry["location"]: entry
        for entry in index["docs"]
        if entry["location"].startswith("stories/villages-taken/")
    }
    assert "Opposition forces took two villages" in story["stories/villages-taken/"]["text"]
    # The source box's section is found by its title; the claims it quotes, on their pages.
    sources = story["stories/villages-taken/#sources-and-claims"]
    assert sources["title"] == "Sources and claims"
    assert "Village A and Village B" not in sources["text"] and "Ministry" not in sources["text"]
    # Claims are found on their own pages, not again in the lists of every claim.
    pages = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert "claims/villages-taken/" in pages
    # Charts are found by their words, not by the text inside their images.
    text = " ".join(entry["text"] for entry in index["docs"])
    assert "Opposition-held areas in the North" in text
    page = (minimal / "out" / "stories" / "villages-taken" / "index.html").read_text()
    chart = BeautifulSoup(page, "html.parser").select_one(".dl-chart-wide svg")
    assert chart is not None and "1 Dec 2024" in [t.get_text() for t in chart.find_all("text")]
    assert "1 Dec 2024" not in text  # an axis label, in the image alone
    assert not pages & {"claims/", "timeline/"}
    assert "stories/" in pages and "places/" in pages
    # Lists of records on other pages are left out too: each record is found on its own.
    on_page: dict[str, str] = {}
    for entry in index["docs"]:
        where = entry["location"].split("#")[0]
        on_page[where] = on_page.get(where, "") + " " + entry["title"] + " " + entry["text"]
    claim = "Opposition forces took Village A and Village B."
    assert claim in on_page["claims/villages-taken/"]
    assert "Ministry" in on_page["sources/ministry/"] and claim not in on_page["sources/ministry/"]
    headline = "Two villages change hands in the North"
    assert headline in on_page["stories/villages-taken/"]
    assert all(headline not in on_page[where] for where in ("", "stories/", "places/village-a/"))


def test_links_to_anchors_on_generated_pages_are_checked(
    minimal: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (minimal / "docs" / "links.md").write_text(
        "# Links\n\n[Who says so](stories/villages-taken.md#sources-and-claims) and "
        "[nothing](stories/villages-taken.md#no-such-anchor)\n"
    )
    mkdocs_yml = minimal / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text() + "validation:\n  anchors: warn\n")
    build(load_config(str(mkdocs_yml), site_dir=str(minimal / "out")))
    assert "does not contain an anchor '#no-such-anchor'" in caplog.text
    assert "#sources-and-claims'" not in caplog.text


def test_a_single_build_lets_go_of_the_content_before_mkdocs_builds_the_pages(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The content, numbers and charts are most of a large site's memory; MkDocs needs only
    # the pages once they are made, and the report is taken before.
    made: list[weakref.ref[object]] = []
    alive_while_building: list[bool] = []
    generate = plugin.Session.generate

    def generating(self: plugin.Session, *args: Any, **kwargs: Any) -> Any:
        site = generate(self, *args, **kwargs)
        made.extend(weakref.ref(part) for part in (site.content, site.derived, site.mentions))
        return site

    build_page = mkdocs_build._build_page

    def building(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        alive_while_building.append(any(ref() is not None for ref in made))
        return build_page(*args, **kwargs)

    monkeypatch.setattr(plugin.Session, "generate", generating)
    monkeypatch.setattr(mkdocs_build, "_build_page", building)
    config = load_config(str(minimal / "mkdocs.yml"), site_dir=str(minimal / "out"))
    build(config)
    assert len(made) == 3 and alive_while_building and not any(alive_while_building)
    session = config.plugins["dateline"].session
    assert "claims: 2 read, 2 published" in [str(line) for line in session.report]
    assert (minimal / "out" / "claims" / "villages-taken" / "index.html").is_file()


def test_the_licence_chosen_in_mkdocs_yml_is_stated_everywhere_it_is_met(minimal: Path) -> None:
    url = "https://creativecommons.org/licenses/by-sa/4.0/"
    config_file = minimal / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text().replace(
            "  - dateline\n",
            f"  - dateline:\n      licence:\n        name: CC BY-SA 4.0\n        url: {url}\n",
        )
    )
    out = minimal / "out"
    build(load_config(str(config_file), site_dir=str(out)))

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((out / path).read_text(), "html.parser")

    for path in (
        "index.html",
        "stories/villages-taken/index.html",
        "charts/north-areas/index.html",
    ):
        footer = page(path).select_one('.dl-footer__licence a[rel="license"]')
        assert footer is not None and (footer["href"], footer.get_text()) == (url, "CC BY-SA 4.0")
    data = page("data/index.html").select_one('.dl-licence a[rel="license"]')
    assert data is not None and data["href"] == url
    for folder in ("data", "charts"):
        assert f"under CC BY-SA 4.0: {url}" in (out / folder / "README.txt").read_text()
    assert json.loads((out / "data" / "claims.json").read_text())["licenses"][0]["path"] == url
    assert (
        json.loads((out / "charts" / "north-areas.json").read_text())["licenses"][0]["path"] == url
    )
    assert f'rdf:resource="{url}"' in (out / "charts" / "north-areas.svg").read_text()
    story = page("stories/villages-taken/index.html")
    (article,) = [
        json.loads(s.string or "") for s in story.select('script[type="application/ld+json"]')
    ]
    assert article["license"] == url
