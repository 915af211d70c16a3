"""A build that starts from the last one gives exactly the site a whole build gives, over a
sequence of edits; and it starts from the last one only when it may."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.manifest import (
    ENTRIES_A_CHUNK,
    LastBuild,
    Manifest,
    forget,
    keep_parts,
    last_build,
    manifest_name,
    record,
    site_stamp,
)
from builder.render import Asset, Footprint, Page
from builder.search_index import PackedIndex
from builder.store import InMemory, Store
from tests.conftest import REPO, copy_project, run_dateline

ENV = {"SOURCE_DATE_EPOCH": "1782864000"}
STORY = "content/articles/iraqi-factions-enter-syria.md"


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file with what it holds, and every folder (None): a folder a whole build does
    not make differs too."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def build(project: Path, *args: str) -> str:
    done = run_dateline("build", *args, cwd=project, env=ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stderr


def edit(project: Path, path: str, change: Callable[[str], str]) -> None:
    file = project / path
    before = file.read_text()
    after = change(before)
    assert after != before, f"the edit of {path} changed nothing"
    file.write_text(after)


def added_story(text: str) -> str:
    return text.replace(
        "headline: Iraqi armed groups reported crossing into Syria",
        "headline: A second look at Iraqi armed groups crossing into Syria",
    ).replace("charts: [hama-opposition-areas, changes-per-day, story-locator]", "charts: []")


EDITS: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "add a story",
        lambda p: (p / "content/articles/second-look.md").write_text(
            added_story((p / STORY).read_text())
        ),
        "1 story read again",
    ),
    (
        "change a story",
        lambda p: edit(
            p,
            "content/articles/second-look.md",
            lambda t: t.replace("A second look", "Another look"),
        ),
        "1 story read again",
    ),
    (
        "delete a story",
        lambda p: (p / "content/articles/second-look.md").unlink(),
        "0 stories read again",
    ),
    (
        "change a claim",
        lambda p: edit(
            p,
            "content/claims/2024-12-02-iraqi-factions.yml",
            lambda t: t.replace("in and around Aleppo.", "in and near Aleppo.", 1),
        ),
        "stories, ",
    ),
    (
        "change a place",
        lambda p: edit(
            p,
            "content/places.yml",
            lambda t: t.replace("aliases: [Aleppo province, Halab]", "aliases: [Halab]"),
        ),
        "stories, ",
    ),
    (
        "change a chart",
        lambda p: edit(
            p,
            "charts/hama-opposition-areas.yml",
            lambda t: t.replace("title: Opposition-held areas in Hama province", "title: Held"),
        ),
        "stories, ",
    ),
    (
        "change a hand-written page",
        lambda p: edit(p, "docs/about.md", lambda t: t + "\nOne more line.\n"),
        "0 stories read again",
    ),
    (
        "change a count",
        lambda p: edit(
            p,
            "content/data/area_counts.csv",
            lambda t: t.replace(",opposition,12,", ",opposition,11,"),
        ),
        "stories, ",
    ),
]


def test_builds_that_start_from_the_last_one_equal_whole_builds_edit_after_edit(
    tmp_path: Path,
) -> None:
    project = copy_project(REPO, tmp_path / "site-project")
    first = build(project)
    assert "whole build: no record of an earlier build" in first
    for name, change, generated in EDITS:
        change(project)
        log = build(project)
        assert "building again only what changed since the last build" in log, name
        assert generated in log, f"{name}:\n{log}"
        whole = tmp_path / f"whole-{name.replace(' ', '-')}"
        copy_project(project, whole)
        build(whole, "--full")
        assert tree(project / "site") == tree(whole / "site"), name
        shutil.rmtree(whole)


def test_an_unchanged_build_builds_no_generated_file_again(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    build(project)
    before = tree(project / "site")
    log = build(project)
    assert re.search(r"dateline: 0 of \d+ generated files built again", log), log
    assert tree(project / "site") == before


def test_a_changed_mkdocs_yml_or_a_site_changed_by_hand_makes_the_build_whole(
    tmp_path: Path,
) -> None:
    project = copy_project(REPO, tmp_path / "p")
    build(project)
    edit(project, "mkdocs.yml", lambda t: t.replace("site_name: Dateline", "site_name: Dateline!"))
    assert "whole build: mkdocs.yml, the theme, the site settings or Dateline changed" in build(
        project
    )
    (project / "site" / "index.html").write_text("changed by hand")
    assert "whole build: the site folder is not the one the last build made" in build(project)
    assert "whole build: --full was given" in build(project, "--full")
    # A whole build is recorded too: the next one starts from it.
    assert "building again only what changed" in build(project)


def test_a_link_planted_in_the_last_site_is_not_carried_into_the_next(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    build(project)
    page = project / "site" / "places" / "aleppo-city" / "index.html"
    kept = page.read_bytes()
    page.unlink()
    page.symlink_to("/etc/hostname")
    assert "whole build: the site folder is not the one the last build made" in build(project)
    assert not page.is_symlink() and page.read_bytes() == kept
    # One who can write the store can make the record match a site with the link in it.
    page.unlink()
    page.symlink_to("/etc/hostname")
    store, site = Store.at(project / ".cache" / "dateline"), project / "site"
    entry = store.get(manifest_name(site))
    assert entry is not None
    manifest = Manifest.from_json(entry.bytes())
    assert manifest is not None
    record(store, site, manifest)
    assert "building again only what changed" in build(project)
    assert not page.is_symlink() and page.read_bytes() == kept


# The manifest and its parts, without MkDocs.

PAGE = Page.of("places/hama.md", "---\ntitle: Hama\n---\n<h2 id='x'>X</h2>", False, (("x", "X"),))


def kept(store: Store, site: Path) -> Manifest:
    index = PackedIndex()
    index.take([{"location": "places/hama/", "title": "Hama", "text": ""}], "places/hama/")
    assets = [
        Asset("feed.xml", InMemory(b"<feed/>")),
        Asset("charts/a.svg", store.put("charts/a.svg", b"<svg/>")),
    ]
    manifest = Manifest(
        "setup",
        "",
        {"content/places.yml": "d1"},
        {"content/articles/a.md": Footprint("a", ("hama",), ("sohr",), ("c1",))},
        {"places/hama.md": "d2", "feed.xml": "d3", "charts/a.svg": "d4"},
        {"places/hama.md": "places/hama/index.html"},
        keep_parts(store, [PAGE], assets, index),
    )
    record(store, site, manifest)
    return manifest


def site_folder(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_text("<html></html>")
    (site / "search" / "search_index.json").write_text('{"docs":[]}')
    return site


def test_a_page_changed_in_the_store_since_is_not_published_by_the_next_build(
    tmp_path: Path,
) -> None:
    # One who can write the store rewrites a kept page, its part and the record to match.
    project = copy_project(REPO, tmp_path / "p")
    build(project)
    page = project / "site" / "places" / "aleppo-city" / "index.html"
    published = page.read_bytes()
    store, site = Store.at(project / ".cache" / "dateline"), project / "site"
    entry = store.get(manifest_name(site))
    assert entry is not None
    manifest = Manifest.from_json(entry.bytes())
    assert manifest is not None
    last = last_build(store, site, manifest.setup)
    assert isinstance(last, LastBuild)
    pages = [
        Page.of(p.path, p.markdown.replace("Aleppo", "<script>alert(1)</script>"), p.in_nav)
        if p.path == "places/aleppo-city.md"
        else p
        for p in last.pages
    ]
    manifest.parts = keep_parts(store, pages, last.assets, last.search)
    record(store, site, manifest)
    assert "building again only what changed" in build(project)
    assert page.read_bytes() == published


def test_a_kept_image_changed_in_the_store_is_never_published(tmp_path: Path) -> None:
    # A build starting from the last takes the kept images and cards unread, and links
    # their copies in the last site; one changed in the store since is not read, and the
    # next whole build makes it again.
    project = copy_project(REPO, tmp_path / "p")
    build(project)
    published = tree(project / "site")
    [card] = (project / ".cache" / "dateline").glob("card-*.png")
    card.write_bytes(b"changed by hand")
    assert "building again only what changed" in build(project)
    assert tree(project / "site") == published
    assert "--full was given" in build(project, "--full")
    assert tree(project / "site") == published
    assert card.read_bytes() != b"changed by hand"


@pytest.mark.parametrize(
    "row",
    [
        {"path": "../../outside.md"},
        {"path": "/tmp/outside.md"},
        {"path": "places/../../outside.md"},
        {"path": "C:/outside.md"},
    ],
)
def test_a_record_naming_a_path_outside_the_site_is_not_started_from(
    tmp_path: Path, row: dict[str, str]
) -> None:
    store, site = Store.at(tmp_path / "store"), site_folder(tmp_path)
    manifest = kept(store, site)
    outside = Page.of(row["path"], "---\n---\n<p>planted</p>")
    assets = [Asset(row["path"], InMemory(b"planted"))]
    for pages, files in (([PAGE, outside], []), ([PAGE], assets)):
        manifest.parts = keep_parts(store, pages, files, PackedIndex())
        manifest.pages[row["path"]] = "planted"
        store.put(manifest_name(site), manifest.to_json())
        assert isinstance(last_build(store, site, "setup"), str)
        del manifest.pages[row["path"]]
    assert not (tmp_path / "outside.md").exists()


@pytest.mark.parametrize(
    "spoiled",
    [
        {"pages": []},
        {"pages": None},
        {"parts": []},
        {"stories": {"a.md": {"slug": "../x", "places": [], "sources": [], "claims": []}}},
        {"outputs": {"a.md": "/etc/passwd"}},
        {"inputs": {"a": 1}},
    ],
)
def test_a_malformed_record_is_no_record(tmp_path: Path, spoiled: dict[str, object]) -> None:
    store, site = Store.at(tmp_path / "store"), site_folder(tmp_path)
    manifest = kept(store, site)
    held = json.loads(manifest.to_json())
    held.update(spoiled)
    store.put(manifest_name(site), json.dumps(held).encode())
    assert last_build(store, site, "setup") == "no record of an earlier build of this site folder"


def test_the_last_build_comes_back_as_it_was_kept(tmp_path: Path) -> None:
    store, site = Store.at(tmp_path / "store"), site_folder(tmp_path)
    manifest = kept(store, site)
    found = last_build(store, site, "setup")
    assert isinstance(found, LastBuild)
    assert found.manifest == manifest
    assert found.manifest.stories["content/articles/a.md"].page == "stories/a.md"
    assert found.pages == [PAGE]
    assert {a.path: a.data.bytes() for a in found.assets} == {
        "feed.xml": b"<feed/>",
        "charts/a.svg": b"<svg/>",
    }
    assert list(found.search.by_page) == ["places/hama/"]


def test_a_forgotten_record_takes_its_parts_with_it(tmp_path: Path) -> None:
    # Otherwise each build would leave its site's pages in the store until pruned.
    store, site = Store.at(tmp_path / "store"), site_folder(tmp_path)
    manifest = kept(store, site)
    parts = list(manifest.parts.values())
    assert len(parts) == 3 and all(store.get(name) is not None for name in parts)
    forget(store, site)
    assert [store.get(name) for name in [*parts, manifest_name(site)]] == [None] * 4
    assert sorted(p.name for p in (tmp_path / "store" / "builds").iterdir()) == []
    assert store.get("charts/a.svg") is not None  # an asset's entry is not the record's


@pytest.mark.parametrize(
    "listed",
    [
        ["builds/"],  # a folder
        ["builds/../../outside.txt"],
        ["builds/elsewhere/outside.txt"],  # through a link to a folder outside the store
        "not a list",
    ],
)
def test_a_tampered_list_of_parts_removes_nothing_else_and_the_build_goes_on(
    tmp_path: Path, listed: object
) -> None:
    store, site = Store.at(tmp_path / "store"), site_folder(tmp_path)
    manifest = kept(store, site)
    outside = tmp_path / "outside.txt"
    outside.write_text("the newsroom's file")
    (tmp_path / "store" / "builds" / "elsewhere").symlink_to(tmp_path)
    beside_the_record = manifest_name(site).removesuffix(".json") + ".parts.json"
    assert store.get(beside_the_record) is not None
    store.put(beside_the_record, json.dumps(listed).encode())
    forget(store, site)
    assert outside.read_text() == "the newsroom's file"
    assert store.get(manifest_name(site)) is None
    # The parts it no longer lists stay, to be pruned in time.
    assert all(store.get(name) is not None for name in manifest.parts.values())


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (lambda store, site: None, None),
        (
            lambda store, site: store.forget(manifest_name(site)),
            "no record of an earlier build of this site folder",
        ),
        (
            lambda store, site: store.put(manifest_name(site), b"{not json"),
            "no record of an earlier build of this site folder",
        ),
        (
            lambda store, site: (site / "index.html").write_text("another site"),
            "the site folder is not the one the last build made",
        ),
        (
            lambda store, site: store.forget("charts/a.svg"),
            "the store no longer holds what the last build kept",
        ),
    ],
)
def test_a_build_starts_from_the_last_only_when_everything_it_kept_is_there(
    tmp_path: Path, spoil: Callable[[Store, Path], object], why: str | None
) -> None:
    store, site = Store.at(tmp_path / "store"), site_folder(tmp_path)
    kept(store, site)
    spoil(store, site)
    found = last_build(store, site, "setup")
    assert (found if isinstance(found, str) else None) == why


def test_another_setup_is_not_started_from(tmp_path: Path) -> None:
    store, site = Store.at(tmp_path / "store"), site_folder(tmp_path)
    kept(store, site)
    assert last_build(store, site, "other setup") == (
        "mkdocs.yml, the theme, the site settings or Dateline changed since the last build"
    )


def test_the_site_stamp_changes_when_anything_writes_into_the_site(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    stamp = site_stamp(site)
    assert site_stamp(site) == stamp
    (site / "stories").mkdir()
    (site / "stories" / "x.html").write_text("a page planted by hand")
    planted = site_stamp(site)
    assert planted != stamp
    page = site / "stories" / "x.html"
    page.write_text("a page planted by hand, then changed")
    assert site_stamp(site) != planted
    # Written again with what it held, a second later: another build wrote it.
    again = site_stamp(site)
    later = page.stat().st_mtime + 1
    os.utime(page, (later, later))
    assert site_stamp(site) != again


def test_a_record_written_a_chunk_at_a_time_reads_back_whole() -> None:
    many = {f"places/place-{n:05}.md": f"{n:064x}" for n in range(2 * ENTRIES_A_CHUNK + 1)}
    footprint = Footprint("story", ("north",), ("monitor",), ("claim",))
    manifest = Manifest(
        "setup", "site", {}, {"content/articles/story.md": footprint}, many, {}, {"pages": "p"}
    )
    assert Manifest.from_json(manifest.to_json()) == manifest
    held = json.loads(manifest.to_json())
    assert list(held["pages"]) == sorted(many)
    assert held["stories"]["content/articles/story.md"]["places"] == ["north"]
