from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import builder.chart
from builder import pipeline
from builder.chart.svg import blob_bytes
from builder.errors import ContentInvalid
from builder.load import ProjectPaths
from builder.pipeline import check, generate
from builder.render import SiteSettings


def test_generate_runs_every_stage_into_pages(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    site = generate(paths, cache_dir=minimal / ".cache", settings=SiteSettings("Fixture"))
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
    first = generate(ProjectPaths.at(minimal), cache_dir=None, settings=SiteSettings("Fixture"))
    second = generate(ProjectPaths.at(minimal), cache_dir=None, settings=SiteSettings("Fixture"))
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
    in_memory = generate(ProjectPaths.at(minimal), cache_dir=None, settings=settings)
    cached = generate(ProjectPaths.at(minimal), cache_dir=minimal / ".cache", settings=settings)
    expected = {a.path: a.data for a in in_memory.assets if a.path.startswith("charts/")}
    kept = {a.path: a.data for a in cached.assets if a.path.startswith("charts/")}
    assert set(kept) == set(expected) and kept
    for path, data in kept.items():
        assert isinstance(data, Path), f"{path} is held in memory"
        assert data.read_bytes() == blob_bytes(expected[path]), path


def test_a_build_keeps_only_the_ids_of_the_records_it_read(minimal: Path) -> None:
    site = generate(ProjectPaths.at(minimal), cache_dir=None, settings=SiteSettings("Fixture"))
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

    def render(svgs: list[str], cache_dir: Path | None, workers: object, label: str) -> list[bytes]:
        batches.append((len(svgs), label))
        return [svg.encode() for svg in svgs]

    monkeypatch.setattr(builder.chart, "BATCH", 2)
    monkeypatch.setattr(pipeline, "render_cards", render)
    stories = [
        SimpleNamespace(
            article=SimpleNamespace(headline=f"Headline {i}", standfirst="", slug=f"story-{i}"),
            charts=[],
        )
        for i in range(5)
    ]
    cards = pipeline.story_cards(stories, {}, "Site", None)  # type: ignore[arg-type]
    assert batches == [(2, "cards 1-2 of 5"), (2, "cards 3-4 of 5"), (1, "cards 5-5 of 5")]
    assert [card.path for card in cards] == [f"cards/story-{i}.png" for i in range(5)]
    assert all(f"Headline {i}" in blob_bytes(c.data).decode() for i, c in enumerate(cards))
