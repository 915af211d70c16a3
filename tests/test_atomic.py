"""The previous site survives every way a build can fail, and two builds never interleave."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from builder.cli import main
from tests.conftest import leftovers, run_dateline


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def built(minimal: Path) -> tuple[Path, dict[str, bytes]]:
    assert run_dateline("build", cwd=minimal).returncode == 0
    return minimal, tree(minimal / "site")


def test_a_build_killed_mid_way_leaves_the_old_site_and_the_next_build_cleans_up(
    built: tuple[Path, dict[str, bytes]],
) -> None:
    project, before = built
    (project / "content" / "articles" / "villages-taken.md").write_text(
        (project / "content" / "articles" / "villages-taken.md")
        .read_text()
        .replace("Two villages change hands", "Changed")
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "build"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Killed once MkDocs has begun writing (theme assets come first, pages after): waiting
    # for a later folder raced a small site's build to the finish.
    while not list(project.glob(".site.building-*/*")) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert list(project.glob(".site.building-*")), "the build never started writing"
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert tree(project / "site") == before
    assert run_dateline("build", cwd=project).returncode == 0
    assert leftovers(project) == []
    assert "Changed" in (project / "site" / "stories" / "villages-taken" / "index.html").read_text()


def invoke_build(project: Path) -> tuple[int, str]:
    previous = os.getcwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    finally:
        os.chdir(previous)
    return result.exit_code, result.output


def test_a_full_disk_fails_clearly_and_keeps_the_old_site(
    built: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project, before = built

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("mkdocs.utils.write_file", disk_full)
    code, output = invoke_build(project)
    assert code == 1
    assert "error: could not write the site: No space left on device" in output
    assert tree(project / "site") == before
    assert leftovers(project) == []


def test_a_read_only_output_folder_fails_clearly_and_keeps_the_old_site(
    built: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project, before = built
    real_rename = Path.rename

    def read_only(self: Path, target: object) -> object:
        if self.name == "site" or ".building-" in self.name:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_rename(self, target)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "rename", read_only)
    code, output = invoke_build(project)
    assert code == 1
    assert "could not replace" in output and "Read-only file system" in output
    assert tree(project / "site") == before


def test_a_second_build_waits_for_the_first(built: tuple[Path, dict[str, bytes]]) -> None:
    project, _ = built
    with FileLock(project / ".site.lock"):  # a build in progress
        second = subprocess.Popen(
            [sys.executable, "-m", "builder", "build"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        # The event itself: the second build says it waits, and it is still waiting.
        said = second.stderr.readline()
        assert "another build is writing" in said and "waiting for it to finish" in said
        assert second.poll() is None, "the second build did not wait"
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, out + err
