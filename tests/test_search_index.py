"""The search index under dirty rebuilds: pages built again replace all their entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser, SearchIndex

from builder.search_index import PackedIndex, searchable_html

CONFIG = {"lang": ["en", "ar"], "separator": "[\\s\\-]+", "pipeline": [], "fields": {}}


def entry(location: str, text: str = "") -> dict[str, str]:
    return {"location": location, "title": location, "text": text}


def built(*entries: dict[str, str]) -> PackedIndex:
    """The index of a build that read pages with these entries, as the plugin takes them."""
    by_page: dict[str, list[dict[str, str]]] = {}
    for e in entries:
        by_page.setdefault(e["location"].split("#")[0], []).append(e)
    index = PackedIndex()
    for page, made in by_page.items():
        index.take(made, page)
    return index


def written(index: PackedIndex, folder: Path) -> list[dict[str, str]]:
    """The entries of the index file a build writes from `index`."""
    path = folder / "search_index.json"
    path.write_text(SearchIndex(**CONFIG).generate_search_index(None))
    index.write_into(path)
    entries: list[dict[str, str]] = json.loads(path.read_text())["docs"]
    return entries


def test_pages_built_again_replace_every_section_and_others_stay_in_page_order(
    tmp_path: Path,
) -> None:
    pages = ["", "stories/a/", "places/north/", "sources/monitor/"]
    index = PackedIndex()
    index.merge(
        built(
            entry("", "home"),
            entry("stories/a/", "old headline"),
            entry("stories/a/#sources", "old sources"),
            entry("places/north/", "north"),
            entry("places/north/#claims", "old claims"),
            entry("sources/monitor/", "monitor"),
        ),
        pages,
    )
    index.merge(built(entry("stories/a/", "new headline"), entry("places/north/", "north")), pages)
    assert [(e["location"], e["text"]) for e in written(index, tmp_path)] == [
        ("", "home"),
        ("stories/a/", "new headline"),
        ("places/north/", "north"),
        ("sources/monitor/", "monitor"),
    ]


def test_a_page_gone_from_the_site_leaves_the_index(tmp_path: Path) -> None:
    index = PackedIndex()
    index.merge(
        built(entry(""), entry("stories/a/"), entry("stories/b/")), ["", "stories/a/", "stories/b/"]
    )
    index.merge(built(entry("")), ["", "stories/a/"])
    assert [e["location"] for e in written(index, tmp_path)] == ["", "stories/a/"]


@pytest.mark.parametrize("compressed", [True, False], ids=["build", "serve"])
def test_the_index_written_page_by_page_is_the_one_material_writes(
    tmp_path: Path, compressed: bool
) -> None:
    pages = {
        "": [entry("", "home"), entry("#latest", "Latest stories")],
        "stories/a/": [entry("stories/a/", 'Quoted "words", Arabic حماة and a \\ slash')],
        "timeline/": [],  # a page search leaves out: no entries
        "places/north/": [entry("places/north/", "north"), entry("places/north/#claims", "c")],
    }
    material = SearchIndex(**CONFIG)
    material.entries = [e for entries in pages.values() for e in entries]
    expected = material.generate_search_index(None)

    ours = PackedIndex(compressed)
    for page, entries in pages.items():
        taken = list(entries)
        ours.take(taken, page)
        assert taken == []  # moved out of the search plugin, which holds nothing after
    written = tmp_path / "search_index.json"
    written.write_text(SearchIndex(**CONFIG).generate_search_index(None))
    ours.write_into(written)
    assert written.read_text() == expected


def test_search_reads_charts_without_their_images() -> None:
    figure = (
        '<figure class="dl-chart"><div class="dl-chart-image" role="img" aria-label="Rises">'
        '<div class="dl-chart-wide"><svg><text>tick 0</text></svg></div>'
        '<div class="dl-chart-narrow"><svg><text>tick 5</text></svg></div></div>'
        "<figcaption>Areas held <table><tr><td>Saraqib</td></tr></table>"
        '<details class="dl-chart-reuse" data-search-exclude open><summary>Cite or embed</summary>'
        '<textarea>&lt;iframe src="embed/"&gt;&lt;/iframe&gt;&lt;script&gt;</textarea></details>'
        "</figcaption>"
        "</figure>"
    )
    searched = searchable_html(f"<p>Before</p>{figure}{figure}<p>After</p>")
    assert "tick" not in searched and "<svg" not in searched
    assert "iframe" not in searched and "Cite or embed" not in searched
    assert searched.count('<div class="dl-chart-wide"></div>') == 2
    assert "<p>Before</p>" in searched and "<p>After</p>" in searched
    assert searched.count("Areas held") == 2 and "Saraqib" in searched


def test_search_reads_pages_without_the_lists_marked_for_exclusion() -> None:
    html = (
        "<h1>Monitor</h1><p>Kind</p>"
        '<table class="dl-said" data-search-exclude><tr><td>A claim</td></tr></table>'
        "<h2>Stories</h2>"
        '<ul class="dl-story-list" data-search-exclude><li>A headline</li></ul>'
        '<section class="dl-claim" id="c" data-search-exclude><p>Quoted</p>'
        '<ul class="dl-attributions"><li>Said</li></ul></section>'
        '<section class="dl-claim" id="d"><ul class="dl-attributions"><li>Kept</li></ul></section>'
    )
    searched = searchable_html(html)
    assert "A claim" not in searched and "A headline" not in searched
    assert "Quoted" not in searched and "Said" not in searched
    assert searched == "<h1>Monitor</h1><p>Kind</p><h2>Stories</h2>" + (
        '<section class="dl-claim" id="d"><ul class="dl-attributions"><li>Kept</li></ul></section>'
    )


def test_search_reads_a_table_s_cells_as_words_apart() -> None:
    parser = Parser()
    parser.feed(
        searchable_html(
            '<h1 id="places">Places</h1><table><thead><tr><th>Place</th><th>Kind</th></tr>'
            "</thead><tbody><tr><td>Saraqib</td><td>town</td></tr>"
            "<tr><td>Jalma</td><td>village</td></tr></tbody></table>"
        )
    )
    parser.close()
    (section,) = parser.data
    assert "".join(section.text).split() == ["Place", "Kind", "Saraqib", "town", "Jalma", "village"]
