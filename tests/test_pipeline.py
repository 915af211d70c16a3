from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import builder.chart
from builder import pipeline
from builder.errors import ContentInvalid
from builder.load import ProjectPaths
from builder.pipeline import check, generate
from builder.render import SiteSettings
from builder.render.licence import README
from builder.render.page import Asset
from builder.store import Entry, InMemory, Store
from tests.conftest import copy_project


def test_generate_runs_every_stage_into_pages(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    site = generate(paths, store=Store.at(minimal / ".cache"), settings=SiteSettings("Fixture"))
    pages = {page.path: page.markdown for page in site.pages}
    assert '<figure class="dl-chart" id="chart-north-areas"' in pages["stories/villages-taken.md"]
    assert {
        "index.md",
        "places/village-a.md",
        "provinces/north.md",
        "sources/ministry.md",
        "claims/villages-taken.md",
        "timeline.md",
        "timeline/2024-12.md",
        "data/index.md",
    } <= set(pages)
    assert list((minimal / ".cache").glob("*.svg")), "rendered charts are cached"


def test_two_runs_give_identical_pages(minimal: Path) -> None:
    settings = SiteSettings("Fixture")
    first = generate(ProjectPaths.at(minimal), store=Store.in_memory(), settings=settings)
    second = generate(ProjectPaths.at(minimal), store=Store.in_memory(), settings=settings)
    assert first.pages == second.pages


def test_check_stops_before_any_page_exists(minimal: Path) -> None:
    (minimal / "content" / "parties.yml").write_text(
        "- id: opposition\n- id: government\n  name: Government forces\n"
    )
    with pytest.raises(ContentInvalid) as raised:
        check(ProjectPaths.at(minimal))
    assert [str(e) for e in raised.value.errors] == ["content/parties.yml:1: name: is required"]


def test_downloads_are_kept_in_the_cache_with_the_same_bytes(minimal: Path) -> None:
    settings = SiteSettings("Fixture")
    in_memory = generate(ProjectPaths.at(minimal), store=Store.in_memory(), settings=settings)
    cache = minimal / ".cache"
    cached = generate(ProjectPaths.at(minimal), store=Store.at(cache), settings=settings)

    def downloads(assets: list[Asset]) -> dict[str, Entry]:
        # The README and the embed views are a few KB of text each, made on every build.
        return {
            a.path: a.data
            for a in assets
            if a.path.startswith("charts/")
            and "/" not in a.path.removeprefix("charts/")
            and not a.path.endswith(README)
        }

    expected, kept = downloads(in_memory.assets), downloads(cached.assets)
    assert set(kept) == set(expected) and kept
    for path, data in kept.items():
        assert data.file is not None and data.file.is_relative_to(cache), f"{path} is in memory"
        assert data.file.read_bytes() == expected[path].bytes(), path


def test_a_build_keeps_only_the_ids_of_the_records_it_read(minimal: Path) -> None:
    site = generate(
        ProjectPaths.at(minimal), store=Store.in_memory(), settings=SiteSettings("Fixture")
    )
    claims = site.raw.records["claims"]
    assert claims and all(set(record.data) == {"id"} for record in claims)
    assert [r.data["id"] for r in claims] == list(site.content.claims)
    # The report still counts what was read against what was published.
    assert "claims: 2 read, 2 published" in [str(t) for t in site.report()]


def test_social_cards_are_made_a_batch_at_a_time_in_story_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A card holds its chart's SVG; thousands of cards are made in batches, not all at once.
    batches: list[tuple[int, str]] = []

    def render(svgs: list[str], store: Store, workers: object, label: str) -> list[Entry]:
        batches.append((len(svgs), label))
        return [InMemory(svg.encode()) for svg in svgs]

    monkeypatch.setattr(builder.chart, "BATCH", 2)
    monkeypatch.setattr(pipeline, "render_cards", render)
    stories = [
        SimpleNamespace(
            article=SimpleNamespace(headline=f"Headline {i}", standfirst="", slug=f"story-{i}"),
            charts=[],
        )
        for i in range(5)
    ]
    cards = pipeline.story_cards(stories, {}, "Site", Store.in_memory())  # type: ignore[arg-type]
    assert batches == [(2, "cards 1-2 of 5"), (2, "cards 3-4 of 5"), (1, "cards 5-5 of 5")]
    assert [card.path for card in cards] == [f"cards/story-{i}.png" for i in range(5)]
    assert all(f"Headline {i}" in c.data.text() for i, c in enumerate(cards))


def test_a_whole_build_prunes_what_no_build_used_for_30_days(minimal: Path, tmp_path: Path) -> None:
    now = [2_000_000_000.0]
    settings = SiteSettings("Fixture")

    def build(project: Path, days: float) -> set[str]:
        now[0] += days * 24 * 60 * 60
        cache = project / ".cache"
        generate(
            ProjectPaths.at(project), store=Store.at(cache, clock=lambda: now[0]), settings=settings
        )
        return {p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file()}

    first = build(minimal, 0)
    chart = minimal / "charts" / "north-areas.yml"
    chart.write_text(chart.read_text().replace("in the North", "in the north"))
    again = build(minimal, 10)
    assert first < again  # what the edit left unused is kept for a while
    # A build 31 days later keeps what it used, exactly what a build from nothing makes.
    late = build(minimal, 21)
    fresh = build(copy_project(minimal, tmp_path / "fresh"), 0)
    assert late == fresh != first
