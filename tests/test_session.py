"""An edit to stories while serving renders only what shows them, and gives exactly the site
the whole pipeline gives for the same content."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.generate import generate as generate_corpus
from builder.emit import outputs
from builder.errors import ContentInvalid
from builder.load import ProjectPaths
from builder.pipeline import GeneratedSite, generate
from builder.render import SiteSettings
from builder.session import Session
from builder.store import Store
from tests.conftest import add_correction

SETTINGS = SiteSettings("Synthetic", "", True, "https://example.org/")


def whole(paths: ProjectPaths) -> GeneratedSite:
    return generate(paths, store=Store.at(paths.root / ".cache"), settings=SETTINGS)


def assert_same_site(made: GeneratedSite, expected: GeneratedSite) -> None:
    got, want = outputs(made), outputs(expected)
    assert sorted(got) == sorted(want)
    differing = [path for path in want if got[path] != want[path]]
    assert differing == []


def touch(path: Path, text: str) -> None:
    """Write `text`, making sure the file's time moves even on a coarse clock: set past the
    time it had, instead of waiting for the clock to tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    after = path.stat().st_mtime_ns
    if after <= before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate_corpus(root, 8, 80, seed=3)
    return root


@pytest.fixture
def session(corpus: Path) -> tuple[Session, ProjectPaths]:
    paths = ProjectPaths.at(corpus)
    made = Session(paths, Store.at(corpus / ".cache"))
    made.generate(SETTINGS)
    assert made.last.whole
    return made, paths


def story_file(paths: ProjectPaths, number: int) -> Path:
    return paths.content / "articles" / f"story-{number:05d}.md"


def retitle(text: str) -> str:
    return text.replace("headline: Fighting around", "headline: Clashes around", 1)


def name_other_places(text: str) -> str:
    return text.replace("places:\n", "places:\n- village-00001\n- village-00002\n", 1)


def as_draft(text: str) -> str:
    return text.replace("---\n", "---\ndraft: true\n", 1)


@pytest.mark.parametrize(
    "edit", [retitle, name_other_places, as_draft], ids=["headline", "places", "draft"]
)
def test_an_edited_story_gives_the_whole_pipelines_site(
    session: tuple[Session, ProjectPaths], edit: Callable[[str], str]
) -> None:
    made, paths = session
    story = story_file(paths, 3)
    original = story.read_text()
    try:
        touch(story, edit(original))
        site = made.generate(SETTINGS)
        assert not made.last.whole
        assert made.last.pages < len(site.pages) / 4  # only the pages showing the story
        assert_same_site(site, whole(paths))
    finally:
        touch(story, original)
    assert_same_site(made.generate(SETTINGS), whole(paths))


def test_a_story_added_or_removed_gives_the_whole_pipelines_site(
    session: tuple[Session, ProjectPaths],
) -> None:
    made, paths = session
    added = paths.content / "articles" / "story-new.md"
    touch(added, retitle(story_file(paths, 2).read_text()))
    try:
        site = made.generate(SETTINGS)
        assert not made.last.whole
        assert "stories/story-new.md" in {page.path for page in site.pages}
        assert_same_site(site, whole(paths))
    finally:
        added.unlink()
    site = made.generate(SETTINGS)
    assert "stories/story-new.md" not in {page.path for page in site.pages}
    assert_same_site(site, whole(paths))


def test_an_invalid_edit_is_reported_and_its_fix_renders(
    session: tuple[Session, ProjectPaths],
) -> None:
    made, paths = session
    story = story_file(paths, 1)
    original = story.read_text()
    try:
        touch(story, original.replace("dateline: ", "dateline: nowhere-", 1))
        with pytest.raises(ContentInvalid) as raised:
            made.generate(SETTINGS)
        assert [(e.path, e.field) for e in raised.value.errors] == [
            ("content/articles/story-00001.md", "dateline")
        ]
        touch(story, retitle(original))
        site = made.generate(SETTINGS)
        assert not made.last.whole
        assert_same_site(site, whole(paths))
    finally:
        touch(story, original)
        made.generate(SETTINGS)


def test_an_edit_outside_the_stories_runs_the_whole_pipeline(
    session: tuple[Session, ProjectPaths],
) -> None:
    made, paths = session
    sources = paths.content / "sources.yml"
    original = sources.read_text()
    try:
        touch(sources, original + "\n")
        made.generate(SETTINGS)
        assert made.last.whole
    finally:
        touch(sources, original)


def test_a_correction_reaches_the_corrections_page_and_the_feed(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    made = Session(paths, Store.at(minimal / ".cache"))
    made.generate(SETTINGS)
    add_correction(minimal, "2024-12-05")
    site = made.generate(SETTINGS)
    assert not made.last.whole
    corrections = next(page for page in site.pages if page.path == "corrections.md")
    assert "An earlier version named the wrong village." in corrections.markdown
    assert_same_site(site, whole(paths))


def test_an_edit_after_the_chart_cache_was_deleted_starts_over(
    session: tuple[Session, ProjectPaths],
) -> None:
    # Kept charts read their images from the cache; without it, the pages could not be made.
    made, paths = session
    story = story_file(paths, 2)
    original = story.read_text()
    shutil.rmtree(paths.root / ".cache")
    try:
        touch(story, retitle(original))
        site = made.generate(SETTINGS)
        assert made.last.whole
        assert_same_site(site, whole(paths))
    finally:
        touch(story, original)


def test_a_story_edit_makes_its_card_in_the_worker_kept_open_even_after_it_died(
    session: tuple[Session, ProjectPaths],
) -> None:
    # While serving, a story's social card is made in a vl-convert process kept open: the
    # site is the one the whole pipeline makes, and a killed worker costs no edit.
    made, paths = session
    made.keep_a_worker()
    story = story_file(paths, 4)
    original = story.read_text()
    try:
        touch(story, retitle(original))
        assert_same_site(made.generate(SETTINGS), whole(paths))
        killed = made.worker
        assert killed is not None
        for process in list(killed._processes.values()):
            process.kill()
            process.join()
        touch(story, original.replace("headline: Fighting around", "headline: Raids near", 1))
        assert_same_site(made.generate(SETTINGS), whole(paths))
        assert made.worker is not None and made.worker is not killed  # a new one, for the next edit
    finally:
        made.close()
        touch(story, original)
    assert made.worker is None


def test_a_slug_taken_from_a_story_not_edited_is_reported_as_a_whole_build_reports_it(
    session: tuple[Session, ProjectPaths],
) -> None:
    # A story edit checks only the stories it read again; the others' slugs still count.
    made, paths = session
    first = story_file(paths, 1)
    original = first.read_text()
    try:
        touch(first, original.replace("---\n", "---\nslug: story-00002\n", 1))
        with pytest.raises(ContentInvalid) as raised:
            made.generate(SETTINGS)
        with pytest.raises(ContentInvalid) as expected:
            whole(paths)
        errors = [(e.path, e.line, e.field, e.message) for e in raised.value.errors]
        assert errors == [(e.path, e.line, e.field, e.message) for e in expected.value.errors]
        # story-00002 has the slug of its file name, written nowhere: the error points at
        # its front matter, which starts on line 2.
        assert errors == [
            (
                "content/articles/story-00002.md",
                2,
                "slug",
                "slug 'story-00002' is already used by content/articles/story-00001.md",
            )
        ]
    finally:
        touch(first, original)
    made.generate(SETTINGS)


def _running(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "\nState:\tZ" not in status.read_text()


def test_the_kept_worker_exits_when_the_server_is_killed(tmp_path: Path) -> None:
    # A killed server has no time to close its worker, which would wait for work for ever.
    server_script = (
        "import pathlib, time\n"
        "from builder.session import Session\n"
        "from builder.load import ProjectPaths\n"
        "session = Session(ProjectPaths.at(pathlib.Path('.')), None)\n"
        "session.keep_a_worker()\n"
        "session.worker.submit(int).result()\n"
        "print(*[p.pid for p in session.worker._processes.values()], flush=True)\n"
        "time.sleep(120)\n"
    )
    server = subprocess.Popen(
        [sys.executable, "-c", server_script],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )
    assert server.stdout is not None
    worker = int(server.stdout.readline())
    assert _running(worker)
    # Not our child, so not ours to wait for: a pidfd becomes readable when it exits.
    exited = os.pidfd_open(worker)
    try:
        server.kill()
        server.wait()
        readable, _, _ = select.select([exited], [], [], 30)
    finally:
        os.close(exited)
    assert readable, "the orphaned worker was still running 30 s after its server died"
