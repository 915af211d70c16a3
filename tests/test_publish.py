"""The previous site survives every way a build can fail, and two builds never interleave."""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from builder.cli import main
from builder.errors import BuildFailed
from builder.publish import _exchange, publish
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
    story = project / "content" / "articles" / "villages-taken.md"
    story.write_text(story.read_text().replace("Two villages change hands", "Changed"))
    # Pages of our own, so that MkDocs takes a while writing after it says where it writes.
    for n in range(300):
        (project / "docs" / f"page-{n}.md").write_text(f"# Page {n}\n\nText.\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "build", "--verbose"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    # The event: MkDocs has checked the content, generated the pages and starts writing.
    said = next(line for line in process.stderr if "Building documentation to directory" in line)
    process.send_signal(signal.SIGKILL)
    assert ".site.building-" in said
    # Killed, not finished: a build that got to the end would have exited with 0.
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
    monkeypatch.setattr("builder.publish._exchange", read_only)
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


OLD = {"index.html": b"old", "stories/a/index.html": b"old story"}
NEW = {"index.html": b"new", "stories/a/index.html": b"new story", "feed.xml": b"new feed"}


def write_site(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def build_killed_at(step: str, site: Path) -> None:
    """In a process of its own: publish NEW over the site, killed by SIGKILL (so that nothing
    cleans up, as with a real kill) at `step`."""
    from builder import publish as publishing

    site = site.resolve()

    def killed() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    real_exchange, real_rename, real_rmtree = publishing._exchange, Path.rename, shutil.rmtree

    def build_into(staging: Path) -> None:
        write_site(staging, NEW)
        if step == "building":
            killed()

    def exchange(first: Path, second: Path) -> bool:
        if step.endswith("in two steps"):
            return False
        assert real_exchange(first, second), "the OS did not exchange the folders"
        if step == "exchanged":
            killed()
        return True

    # The two renames of a swap where folders cannot be exchanged: old aside, new in.
    stops = {
        "moved aside in two steps": (site, publishing._retired(site)),
        "moved in in two steps": (publishing._building(site), site),
    }

    def rename(self: Path, target: Path) -> Path:
        moved = real_rename(self, target)
        if stops.get(step) == (self, Path(target)):
            killed()
        return moved

    def rmtree(folder: Path, ignore_errors: bool = False) -> None:
        if step.startswith("deleting"):
            next(p for p in Path(folder).rglob("*") if p.is_file()).unlink()
            killed()
        real_rmtree(folder, ignore_errors=ignore_errors)

    publishing._exchange = exchange
    Path.rename = rename  # type: ignore[method-assign]
    shutil.rmtree = rmtree  # type: ignore[assignment]
    publishing.publish(build_into, site)


@pytest.mark.parametrize(
    ("step", "then"),
    [
        ("building", OLD),
        ("exchanged", NEW),
        ("deleting the old site", NEW),
        ("moved aside in two steps", OLD),
        ("moved in in two steps", NEW),
        ("deleting the old site in two steps", NEW),
    ],
)
def test_a_build_killed_at_any_step_leaves_a_whole_site_that_the_next_build_keeps(
    tmp_path: Path, step: str, then: dict[str, bytes]
) -> None:
    site = tmp_path / "site"
    write_site(site, OLD)
    child = multiprocessing.get_context("spawn").Process(target=build_killed_at, args=(step, site))
    child.start()
    child.join()  # the kill is its own: the process ends where the step was reached
    assert child.exitcode == -signal.SIGKILL

    def fails(staging: Path) -> None:
        raise BuildFailed("a failed build")

    # The next build puts back the old site if the kill left none, even when it fails itself.
    with pytest.raises(BuildFailed):
        publish(fails, site)
    assert tree(site) == then
    assert leftovers(tmp_path) == []
    publish(lambda staging: write_site(staging, {"index.html": b"newer"}), site)
    assert tree(site) == {"index.html": b"newer"}
    assert leftovers(tmp_path) == []


def test_where_the_os_cannot_exchange_folders_the_swap_takes_two_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write_site(site, OLD)
    monkeypatch.setattr("builder.publish._renameat2", lambda: None)
    publish(lambda staging: write_site(staging, NEW), site)
    assert tree(site) == NEW
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_on_linux_the_old_and_new_site_are_exchanged_in_one_step(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write_site(first, OLD)
    write_site(second, NEW)
    assert _exchange(first, second)
    assert (tree(first), tree(second)) == (NEW, OLD)
