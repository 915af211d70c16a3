from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.errors import DatelineError
from builder.load import ProjectPaths
from builder.pipeline import check
from builder.scaffold import create
from tests.conftest import run_dateline


def test_new_article_source_and_place_are_valid_and_in_the_right_folders(minimal: Path) -> None:
    for kind, name in (
        ("article", "Rebels take Jalma"),
        ("source", "Local Monitor"),
        ("place", "Tel Salhab"),
    ):
        result = run_dateline("new", kind, name, cwd=minimal)
        assert result.returncode == 0, result.stderr
    assert (minimal / "content" / "articles" / "rebels-take-jalma.md").is_file()
    assert (minimal / "content" / "sources" / "local-monitor.yml").is_file()
    assert (minimal / "content" / "places" / "tel-salhab.yml").is_file()
    content = check(ProjectPaths.at(minimal)).content
    assert "local-monitor" in content.sources and "tel-salhab" in content.places
    # The new story is a draft: valid, but not published until `draft: true` goes.
    assert [s.article.slug for s in content.stories] == ["villages-taken"]


def test_ids_are_unique_and_made_from_any_name(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    first = create("source", "The Outlet", paths)
    second = create("source", "The Outlet", paths)
    arabic = create("source", "المرصد", paths)
    assert (first.stem, second.stem) == ("the-outlet", "the-outlet-2")
    assert arabic.stem.isascii() and arabic.stem
    assert "outlet" in check(paths).content.sources  # the fixture's own, untouched


def test_never_overwrites_and_refuses_a_taken_id_or_place_name(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    with pytest.raises(DatelineError, match="the id 'outlet' is already used"):
        create("source", "Another", paths, identifier="outlet")
    stray = minimal / "content" / "sources" / "stray.yml"
    stray.parent.mkdir(parents=True)
    stray.write_text("# not yet a source\n")
    with pytest.raises(DatelineError, match=r"content/sources/stray\.yml already exists"):
        create("source", "Stray", paths, identifier="stray")
    assert stray.read_text() == "# not yet a source\n"
    with pytest.raises(
        DatelineError, match="'Village Alpha' is already a name of place 'village-a'"
    ):
        create("place", "Village Alpha", paths)


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "identifier",
    ["/tmp/elsewhere", "../../x", "a/b", "..", "Upper", "two--hyphens", "-lead", "x" * 121, ""],
)
def test_an_id_is_checked_as_ids_in_content_are_and_nothing_is_written(
    minimal: Path, identifier: str
) -> None:
    before = files_in(minimal.parent)
    result = run_dateline("new", "source", "Name", "--id", identifier, cwd=minimal)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: --id {identifier!r}: an id is lower-case letters, digits and single hyphens "
        "(at most 120), like al-bukamal-crossing; choose another\n"
    )
    assert files_in(minimal.parent) == before


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "..", "a\\b", "---"])
def test_an_id_made_from_any_name_stays_in_its_folder(minimal: Path, name: str) -> None:
    made = create("source", name, ProjectPaths.at(minimal))
    assert made.parent == minimal / "content" / "sources"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.yml", made.name)


def test_a_folder_linked_out_of_the_project_is_not_written_through(
    minimal: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (minimal / "content" / "sources").symlink_to(outside)
    with pytest.raises(DatelineError, match=r"content/sources/x\.yml: a folder on its way leads"):
        create("source", "X", ProjectPaths.at(minimal))
    assert list(outside.iterdir()) == []


def test_a_name_with_quotes_colons_or_backslashes_stays_in_its_field(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    name = 'A "quoted" name: # not a comment \\ end'
    create("source", name, paths, identifier="odd")
    assert check(paths).content.sources["odd"].name == name


def test_a_device_name_of_windows_or_a_control_character_is_refused_before_writing(
    minimal: Path,
) -> None:
    before = sorted(p.name for p in (minimal / "content" / "articles").iterdir())
    device = run_dateline("new", "article", "Console", "--id", "con", cwd=minimal)
    assert device.returncode == 1
    assert device.stderr == (
        "error: --id 'con' is a name Windows keeps for a device, so no file or page can "
        "have it; choose another id\n"
    )
    hostile = run_dateline("new", "article", "Evil\x1b]0;T\x07 title", cwd=minimal)
    assert hostile.returncode == 1
    assert hostile.stderr == (
        "error: the name 'Evil\\x1b]0;T\\x07 title' contains a control character "
        "(U+001B ESCAPE); delete it\n"
    )
    assert sorted(p.name for p in (minimal / "content" / "articles").iterdir()) == before
