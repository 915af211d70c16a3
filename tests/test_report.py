"""Nothing lost: every record read reaches the site, and the build says so per kind."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bs4 import BeautifulSoup

from builder.load import ProjectPaths, load
from builder.pipeline import generate
from builder.render import Asset, SiteSettings
from builder.report import tally
from builder.store import Store
from tests.conftest import add_correction, run_dateline


def with_correction(project: Path) -> Path:
    return add_correction(project, "2024-12-04")


def test_the_build_reports_read_and_published_per_kind(minimal: Path) -> None:
    result = run_dateline("build", cwd=with_correction(minimal))
    assert result.returncode == 0, result.stderr
    for line in [
        "stories: 1 read, 1 published",
        "places: 4 read, 4 published",
        "aliases: 1 read, 1 published",
        "claims: 2 read, 2 published",
        "attributions: 3 read, 3 published",
        "area count rows: 2 read, 2 published",
        "control changes: 2 read, 2 published",
        "corrections: 1 read, 1 published",
        "sources: 3 read, 3 published",
    ]:
        assert line in result.stdout


def test_a_record_dropped_on_the_way_shows_as_a_gap(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    site = generate(paths, store=Store.in_memory(), settings=SiteSettings("Fixture"))
    pages = [page for page in site.pages if page.path != "places/village-b.md"]
    places = {t.kind: t for t in tally(load(paths), site.content, pages, site.assets)}["places"]
    assert (places.read, places.published) == (4, 3)
    assert str(places) == "places: 4 read, 3 published (1 not published)"


def test_a_row_dropped_from_a_download_shows_as_a_gap(minimal: Path, tmp_path: Path) -> None:
    paths = ProjectPaths.at(minimal)
    store = Store.at(tmp_path / "store")  # the downloads are files, read from their folder
    site = generate(paths, store=store, settings=SiteSettings("Fixture"))
    changes = next(a for a in site.assets if a.path == "data/control_changes.csv")
    assert changes.data.file is not None
    header, first, _ = changes.data.text().split("\r\n", 2)
    cut_short = store.by_content(f"{header}\r\n{first}\r\n".encode(), ".csv")
    assets = [Asset(a.path, cut_short) if a is changes else a for a in site.assets]
    kinds = {t.kind: t for t in tally(load(paths), site.content, site.pages, assets)}
    assert str(kinds["control changes"]) == "control changes: 2 read, 1 published (1 not published)"
    assert str(kinds["area count rows"]) == "area count rows: 2 read, 2 published"


def text_of(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text()
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


# The minimal fixture's records, as its files write them (tests/fixtures/minimal/content).
PLACES = {
    "provinces/north": ["North Governorate"],
    "places/plain": ["The Plain"],
    "places/village-a": ["Village A", "Village Alpha"],
    "places/village-b": ["Village B"],
}
CLAIMS = {
    "north-count": (
        "Opposition-held areas of the North went from 3 to 5.",
        [("The Outlet", "reports")],
    ),
    "villages-taken": (
        "Opposition forces took Village A and Village B.",
        [("The Monitor", "reports"), ("The Ministry", "denies")],
    ),
}
SOURCES = {"outlet": "The Outlet", "ministry": "The Ministry", "monitor": "The Monitor"}


def test_every_record_of_the_fixture_is_on_the_site(minimal: Path) -> None:
    project = with_correction(minimal)
    assert run_dateline("build", cwd=project).returncode == 0
    site = project / "site"
    for page, names in PLACES.items():
        assert all(name in text_of(site, page) for name in names), page
    for claim_id, (text, said) in CLAIMS.items():
        page = text_of(site, f"claims/{claim_id}")
        assert text in page
        assert all(source in page and stance in page for source, stance in said)
    for source_id, name in SOURCES.items():
        assert name in text_of(site, f"sources/{source_id}")
    counts = list(csv.DictReader(io.StringIO((site / "data" / "area_counts.csv").read_text())))
    assert [(r["date"], r["count"]) for r in counts] == [("2024-12-01", "3"), ("2024-12-02", "5")]
    changes = list(csv.DictReader(io.StringIO((site / "data" / "control_changes.csv").read_text())))
    assert sorted(r["place"] for r in changes) == ["village-a", "village-b"]
    story = text_of(site, "stories/villages-taken")
    assert "An earlier version named the wrong village." in story
