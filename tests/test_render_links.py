from __future__ import annotations

import pytest

from builder.render.links import Linker, page_url


@pytest.mark.parametrize(
    ("path", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        ("stories/index.md", "stories/", "stories/index.html"),
        ("stories/a.md", "stories/a/", "stories/a.html"),
        ("timeline.md", "timeline/", "timeline.html"),
        ("data/counts.csv", "data/counts.csv", "data/counts.csv"),
    ],
)
def test_page_urls_follow_mkdocs(path: str, directory: str, flat: str) -> None:
    assert page_url(path, True) == directory
    assert page_url(path, False) == flat


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("stories/a.md", "places/b.md", "../../places/b/"),
        ("stories/a.md", "places/b.md#history", "../../places/b/#history"),
        ("stories/a.md", "index.md", "../../"),
        ("index.md", "stories/a.md", "stories/a/"),
        ("stories/index.md", "stories/a.md", "a/"),
        ("stories/a.md", "stories/a.md#claim-x", "#claim-x"),
        ("timeline.md", "data/counts.csv", "../data/counts.csv"),
        ("data/index.md", "data/counts.csv", "counts.csv"),
    ],
)
def test_relative_links_with_directory_urls(here: str, target: str, expected: str) -> None:
    assert Linker(here)(target) == expected


def test_relative_links_without_directory_urls() -> None:
    link = Linker("stories/a.md", directory_urls=False)
    assert link("places/b.md") == "../places/b.html"
    assert link("index.md") == "../index.html"
