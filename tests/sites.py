"""The two content sets the quality gates run on, built once per test run (`shared_site`) and
served on loopback: the first story (the repository's content) and a larger synthetic set."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from filelock import FileLock

from benchmarks.generate import generate
from tests.conftest import REPO, copy_project, run_dateline

EPOCH = "1735689600"  # 1 January 2025: builds are reproducible for a fixed SOURCE_DATE_EPOCH

# One page of each type, per content set.
PAGES = {
    "first-story": {
        "article": "stories/iraqi-factions-enter-syria/",
        "province": "provinces/hama/",
        "place": "places/tel-melh/",
        "source": "sources/sohr/",
        "timeline": "timeline/",
        "timeline month": "timeline/2024-12/",
        "data": "data/",
        "home": "",
        "not found": "404.html",
    },
    "synthetic": {
        "article": "stories/story-00000/",
        "province": "provinces/damascus/",
        "place": "places/village-00000/",
        "source": "sources/source-000/",
        "timeline": "timeline/",
        "data": "data/",
        "home": "",
        "places of a province": "places/province/hama/",
    },
}


# The readers' navigation of every site, the repository's and a new one's.
READERS_NAV = ["Home", "Stories", "Provinces", "Places", "Sources", "Timeline", "Data"]


def make_project(name: str, where: Path) -> Path:
    if name == "first-story":
        return copy_project(REPO, where)
    generate(where, stories=12, places=150, seed=7)
    return where


def build(project: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    result = run_dateline(
        "build", *args, cwd=project, env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def shared_site(name: str, factory: pytest.TempPathFactory) -> Path:
    """The content set `name` built once for the whole test run, by whichever of the pytest
    workers asks first (the others wait for it): the browser and reader tests only read it.
    A test that builds again makes a project of its own."""
    run = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the run's folder, above each worker's own
    folder = run / "shared-sites" / name
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder.with_suffix(".lock")):
        if not (folder / "built").is_file():
            # What a worker's failed build left would make every later attempt fail too.
            shutil.rmtree(folder / "p", ignore_errors=True)
            build(make_project(name, folder / "p"))
            (folder / "built").touch()
    return folder / "p" / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site over HTTP on a loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
