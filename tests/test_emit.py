from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from builder.emit import STYLESHEET, link_unchanged, write_folder
from builder.load import ProjectPaths
from builder.pipeline import generate
from builder.publish import publish
from builder.render import SiteSettings
from builder.store import Store
from tests.conftest import TESTS, leftovers

GOLDEN = TESTS / "golden" / "first-story"
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def test_publish_swaps_in_a_complete_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    publish(lambda staging: (staging.mkdir(), (staging / "new.html").write_text("new")), site)
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
    assert leftovers(tmp_path) == []


def test_a_failed_build_leaves_the_old_site_exactly_as_it_was(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site")

    def half_then_fail(staging: Path) -> None:
        staging.mkdir()
        (staging / "index.html").write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        publish(half_then_fail, site)
    assert (site / "index.html").read_text() == "the old site"
    assert leftovers(tmp_path) == []


def test_generated_markdown_matches_the_golden_files(first_story: Path, tmp_path: Path) -> None:
    """A diff here shows what a change did to the published pages. To accept a change on
    purpose: DATELINE_UPDATE_GOLDEN=1 make test, then review `git diff tests/golden`."""
    site = generate(
        ProjectPaths.at(first_story), store=Store.in_memory(), settings=SiteSettings("Dateline")
    )
    out = tmp_path / "out"
    write_folder(site, out)
    written = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}
    assert STYLESHEET in written
    # Chart SVG layout depends on the fonts a machine has; charts are tested on their own.
    pages = {
        path: SVG.sub("<svg><!-- chart --></svg>", file.read_text())
        for path, file in written.items()
        if path.endswith(".md")
    }
    if os.environ.get("DATELINE_UPDATE_GOLDEN"):
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text() for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(golden)
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from its golden file"


def test_what_mkdocs_did_not_build_again_is_linked_from_the_last_site(tmp_path: Path) -> None:
    last, new = tmp_path / "last", tmp_path / "new"
    for path, text in {
        "places/hama/index.html": "hama as it was",
        "stories/a/index.html": "a as it was",
        "charts/a.svg": "<svg/>",
        "outside.txt": "the newsroom's file",
    }.items():
        (last / path).parent.mkdir(parents=True, exist_ok=True)
        (last / path).write_text(text)
    (last / "planted.html").symlink_to(last / "outside.txt")
    (new / "stories" / "a").mkdir(parents=True)
    (new / "stories" / "a" / "index.html").write_text("a built again")
    outputs = [
        "places/hama/index.html",
        "stories/a/index.html",
        "charts/a.svg",
        "planted.html",
        "never/written.html",
    ]
    assert link_unchanged(last, new, outputs) == 2
    assert (new / "places" / "hama" / "index.html").read_text() == "hama as it was"
    assert os.path.samefile(last / "charts" / "a.svg", new / "charts" / "a.svg")
    assert (new / "stories" / "a" / "index.html").read_text() == "a built again"
    assert not (new / "planted.html").exists() and not (new / "never").exists()
