"""Content is regular files inside the project: links, pipes and folders from elsewhere are
refused without a byte of them read or shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.content_files import NotContent, read_content
from builder.errors import ContentInvalid, DatelineError
from builder.load import ProjectPaths, load
from builder.validate import validate
from tests.conftest import run_dateline


def errors_of(project: Path) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(project)))
    return [str(e) for e in raised.value.errors]


def test_a_link_to_a_secret_is_refused_and_none_of_it_is_printed(minimal: Path) -> None:
    secret = minimal.parent / "secret.csv"
    secret.write_text("date,place\nTOKEN=hunter2,x\n")
    table = minimal / "content" / "data" / "control_changes.csv"
    table.unlink()
    table.symlink_to(secret)
    environ = minimal / "content" / "sources" / "environ.yml"
    environ.parent.mkdir()
    environ.symlink_to("/proc/self/environ")
    result = run_dateline("check", cwd=minimal, env={"DATELINE_TOKEN": "hunter3"})
    assert result.returncode == 1
    assert "content/data/control_changes.csv:1: (file): is a symbolic link" in result.stdout
    assert "content/sources/environ.yml:1: (file): is a symbolic link" in result.stdout
    assert "hunter2" not in result.stdout + result.stderr
    assert "hunter3" not in result.stdout + result.stderr


def test_a_linked_folder_cannot_bring_stories_in(minimal: Path) -> None:
    elsewhere = minimal.parent / "elsewhere"
    (minimal / "content" / "articles").rename(elsewhere)
    (minimal / "content" / "articles").symlink_to(elsewhere)
    assert errors_of(minimal) == [
        "content/articles/villages-taken.md:1: (file): lies outside the project (a folder on "
        "its way is a symbolic link); content must be regular files inside the project"
    ]


def test_a_fifo_is_refused_at_once_instead_of_hanging_the_check(minimal: Path) -> None:
    story = minimal / "content" / "articles" / "waiting.md"
    os.mkfifo(story)  # no writer ever opens it: reading it would wait for ever
    assert errors_of(minimal) == [
        "content/articles/waiting.md:1: (file): is a named pipe (FIFO), not a regular file; "
        "content must be plain files"
    ]


def test_a_folder_where_a_file_belongs_is_named_as_such(minimal: Path) -> None:
    (minimal / "content" / "places.yml").unlink()
    (minimal / "content" / "places.yml").mkdir()
    with pytest.raises(NotContent, match="is a folder, not a regular file"):
        read_content(minimal / "content" / "places.yml", minimal)


def test_content_and_chart_folders_must_lie_inside_the_project(tmp_path: Path) -> None:
    with pytest.raises(DatelineError, match=r"content_dir: '\.\./news' leads outside the project"):
        ProjectPaths.at(tmp_path / "site", content="../news")
    with pytest.raises(DatelineError, match="charts_dir: '/etc' leads outside the project"):
        ProjectPaths.at(tmp_path / "site", charts="/etc")


def test_the_plugin_refuses_a_content_dir_outside_the_project(minimal: Path) -> None:
    config = minimal / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - dateline", "  - dateline:\n      content_dir: ../x")
    )
    result = run_dateline("build", cwd=minimal)
    assert result.returncode == 1
    assert "content_dir: '../x' leads outside the project" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_link_in_the_site_s_own_pages_is_refused_before_mkdocs_publishes_it(
    minimal: Path,
) -> None:
    (minimal / "docs" / "leak.md").symlink_to("/etc/passwd")
    assert errors_of(minimal) == [
        "docs/leak.md:1: (file): is a symbolic link; content must be regular files inside "
        "the project (copy the file here instead of linking to it)"
    ]
