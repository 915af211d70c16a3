from __future__ import annotations

from builder.mkdocs_pages import AnchorsOf, search_url, toc_tokens
from builder.render.page import Page


def test_a_generated_page_answers_for_the_anchors_it_has() -> None:
    html = '<h2 id="claims">Claims</h2>\n<table id="claims-table"></table>\n<p>id="not-an-id"</p>'
    anchors = AnchorsOf(Page.of("places/north.md", "---\ntitle: North\n---\n" + html))
    assert "claims" in anchors and "claims-table" in anchors
    assert "not-an-id" not in anchors and "sources" not in anchors


def test_headings_become_the_table_of_contents_mkdocs_shows() -> None:
    assert toc_tokens((("claims", "Claims"), ("sources", "Sources"))) == [
        {"level": 2, "id": "claims", "name": "Claims", "children": []},
        {"level": 2, "id": "sources", "name": "Sources", "children": []},
    ]


def test_the_home_page_s_search_url_is_empty() -> None:
    assert (search_url("./"), search_url("."), search_url("places/north/")) == (
        "",
        "",
        "places/north/",
    )
