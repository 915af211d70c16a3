"""The edit path renders an edit of stories into the last site, and gives the pages, in the
order, that the whole pipeline gives for the same content."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.edit import build_edit, serve_edit
from builder.errors import ContentInvalid
from builder.load import ProjectPaths
from builder.manifest import LastBuild, Manifest
from builder.pipeline import GeneratedSite, generate, story_cards
from builder.render import Footprint, SiteSettings
from builder.search_index import PackedIndex
from builder.store import Store

SETTINGS = SiteSettings("Fixture", "", True, "")
STORY = "content/articles/villages-taken.md"


def whole(paths: ProjectPaths, store: Store) -> GeneratedSite:
    return generate(paths, store=store, settings=SETTINGS)


def kept_as_a_build(site: GeneratedSite) -> LastBuild:
    stories = {s.path: Footprint.of(s, site.content, site.derived) for s in site.content.stories}
    manifest = Manifest("setup", "", {}, stories, {}, {}, {})
    return LastBuild(manifest, site.pages, site.assets, PackedIndex(), Path("site"))


def add_story(project: Path) -> None:
    original = (project / STORY).read_text()
    added = original.replace("Two villages change hands in the North", "A third village?", 1)
    assert added != original
    (project / "content" / "articles" / "a-third-village.md").write_text(added)


def test_a_story_added_after_a_build_gives_the_whole_pipelines_pages_in_its_order(
    minimal: Path,
) -> None:
    paths, store = ProjectPaths.at(minimal), Store.in_memory()
    last = kept_as_a_build(whole(paths, store))
    add_story(minimal)
    added = minimal / "content" / "articles" / "a-third-village.md"

    def cards(stories, charts, name):  # type: ignore[no-untyped-def]
        return story_cards(stories, charts, name, store)

    made = build_edit(last, {added}, paths, store, SETTINGS, None, cards)
    expected = whole(paths, store)
    assert [p.path for p in made.site.pages] == [p.path for p in expected.pages]
    assert [p.markdown for p in made.site.pages] == [p.markdown for p in expected.pages]
    assert "stories/a-third-village.md" in {p.path for p in made.site.pages}
    assert made.stories == 1
    # The new story, what it names and the lists of stories: not every page of the site.
    assert 1 < made.pages < len(expected.pages)
    assert {a.path for a in made.site.assets} == {a.path for a in expected.assets}


def test_an_invalid_story_edit_while_serving_names_its_file_and_line(minimal: Path) -> None:
    paths, store = ProjectPaths.at(minimal), Store.in_memory()
    site = whole(paths, store)
    story = minimal / STORY
    original = story.read_text()
    story.write_text(original.replace("claims: [north-count]", "claims: [north-count, no-such]"))
    with pytest.raises(ContentInvalid) as refused:
        serve_edit(site, {story}, paths, SETTINGS, lambda *_: [])
    (error,) = refused.value.errors
    assert (error.path, error.line, error.field) == (STORY, 7, "claims[1]")
    assert "no-such" in error.message
