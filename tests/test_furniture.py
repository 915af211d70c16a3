"""The frame around every page: the footer links only pages the site has, and the 404 page
lists the newest stories."""

from __future__ import annotations

from builder.furniture import footer_links


def test_the_footer_links_the_pages_the_site_has_the_feed_and_the_guide() -> None:
    pages = {
        "about.md",
        "methodology.md",
        "corrections.md",
        "claims/index.md",
        "guide/index.md",
        "index.md",
    }
    assert [(link["title"], link["url"]) for link in footer_links(pages, True)] == [
        ("About", "about/"),
        ("Methodology", "methodology/"),
        ("Corrections", "corrections/"),
        ("All claims", "claims/"),
        ("Feed", "feed.xml"),
        ("For editors", "guide/"),
    ]


def test_a_site_without_a_methodology_or_guide_has_no_links_to_them() -> None:
    links = footer_links({"about.md", "corrections.md"}, False)
    assert [(link["title"], link["url"]) for link in links] == [
        ("About", "about.html"),
        ("Corrections", "corrections.html"),
        ("Feed", "feed.xml"),
    ]
