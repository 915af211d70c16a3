"""The search index under dirty rebuilds: pages built again replace all their entries."""

from __future__ import annotations

from builder.search_index import WholeIndex, searchable_html


def entry(location: str, text: str = "") -> dict[str, str]:
    return {"location": location, "title": location, "text": text}


def test_pages_built_again_replace_every_section_and_others_stay() -> None:
    previous = [
        entry("", "home"),
        entry("stories/a/", "old headline"),
        entry("stories/a/#sources", "old sources"),
        entry("places/north/", "north"),
        entry("places/north/#claims", "old claims"),
        entry("sources/monitor/", "monitor"),
    ]
    built = [entry("stories/a/", "new headline"), entry("places/north/", "north")]
    pages = ["", "stories/a/", "places/north/", "sources/monitor/"]
    index = WholeIndex()
    index.merge(previous, pages)
    merged = index.merge(built, pages)
    assert [(e["location"], e["text"]) for e in merged] == [
        ("", "home"),
        ("sources/monitor/", "monitor"),
        ("stories/a/", "new headline"),
        ("places/north/", "north"),
    ]


def test_a_page_gone_from_the_site_leaves_the_index() -> None:
    index = WholeIndex()
    index.merge(
        [entry(""), entry("stories/a/"), entry("stories/b/")], ["", "stories/a/", "stories/b/"]
    )
    merged = index.merge([entry("")], ["", "stories/a/"])
    assert [e["location"] for e in merged] == ["stories/a/", ""]


def test_search_reads_charts_without_their_images() -> None:
    figure = (
        '<figure class="dl-chart"><div class="dl-chart-image" role="img" aria-label="Rises">'
        '<div class="dl-chart-light"><svg><text>tick 0</text></svg></div>'
        '<div class="dl-chart-dark"><svg><text>tick 5</text></svg></div></div>'
        "<figcaption>Areas held <table><tr><td>Saraqib</td></tr></table></figcaption>"
        "</figure>"
    )
    searched = searchable_html(f"<p>Before</p>{figure}{figure}<p>After</p>")
    assert "tick" not in searched and "<svg" not in searched
    assert searched.count('<div class="dl-chart-light"></div>') == 2
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
