"""Live editing: the served site follows valid edits and survives invalid ones."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

HEADLINE = "headline: Two villages change hands in the North"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return str(response.read().decode())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def start_server(
    project: Path, command: str, port: int, temporary: Path, out: IO[str] | int
) -> Any:
    """`mkdocs serve` or `dateline serve` of `project`, its temporary files in `temporary`."""
    module = "mkdocs" if command == "mkdocs" else "builder"
    return subprocess.Popen(
        [sys.executable, "-m", module, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=out,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TMPDIR": str(temporary)},
        start_new_session=True,  # its own process group, as a terminal gives it
    )


@pytest.fixture(params=["mkdocs", "dateline"])
def served(
    request: pytest.FixtureRequest, minimal: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str, Path]]:
    port = free_port()
    log = minimal / "serve.log"
    config = minimal / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search\n"))
    with log.open("w") as out:
        server = start_server(minimal, request.param, port, tmp_path_factory.mktemp("tmp"), out)
    try:
        yield minimal, f"http://127.0.0.1:{port}/stories/villages-taken/", log
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_edits_are_served_and_invalid_ones_keep_the_last_good_site(
    served: tuple[Path, str, Path],
) -> None:
    project, url, log = served
    story = project / "content" / "articles" / "villages-taken.md"
    original = story.read_text()
    wait_for(lambda: "Two villages change hands" in (fetch(url) or ""), "the first build")

    story.write_text(original.replace(HEADLINE, "headline: Villages change hands again"))
    wait_for(lambda: "Villages change hands again" in (fetch(url) or ""), "the valid edit")

    story.write_text(
        original.replace(HEADLINE, "headline: Broken edit").replace(
            "claim:north-count", "claim:no-such-claim"
        )
    )
    wait_for(lambda: "no-such-claim" in log.read_text(), "the error in the terminal")
    assert (
        "content/articles/villages-taken.md:10: body: unknown claim 'no-such-claim'"
        in log.read_text()
    )
    page = fetch(url)
    assert page is not None and "Villages change hands again" in page and "Broken edit" not in page

    story.write_text(original.replace(HEADLINE, "headline: Fixed and back"))
    wait_for(lambda: "Fixed and back" in (fetch(url) or ""), "the site to come back")
    site = url.removesuffix("stories/villages-taken/")
    assert_an_edited_page_of_our_own_links_to_generated_pages(project, site)
    assert "Traceback" not in log.read_text() and "WARNING" not in log.read_text()
    assert_search_finds_every_page_once(site)


def assert_an_edited_page_of_our_own_links_to_generated_pages(project: Path, site: str) -> None:
    # A dirty rebuild gives MkDocs only the generated files that changed, unless a page of
    # the site's own changed: its links to generated pages must still be checked and work.
    about = project / "docs" / "about.md"
    about.write_text("# About the fixture\n\nRead [the story](stories/villages-taken.md).\n")
    wait_for(lambda: "Read <a" in (fetch(f"{site}about/") or ""), "the edited about page")
    assert '<a href="../stories/villages-taken/">the story</a>' in (fetch(f"{site}about/") or "")
    source = fetch(f"{site}sources/monitor/") or ""  # built once, in the first build
    assert "Fixed and back" in source


def assert_search_finds_every_page_once(site: str) -> None:
    """After edits, the search index has the story as it is now, and every page's entries
    once: a dirty rebuild neither drops the pages it skipped nor keeps old sections."""
    index = json.loads(fetch(f"{site}search/search_index.json") or "{}")
    docs = index["docs"]
    locations = [doc["location"] for doc in docs]
    assert len(locations) == len(set(locations))
    titles = {doc["location"]: doc["title"] for doc in docs}
    assert titles["stories/villages-taken/"] == "Fixed and back"
    pages = {location.split("#")[0] for location in locations}
    assert {"", "stories/", "places/", "sources/", "claims/north-count/"} <= pages
    assert not any("Villages change hands again" in doc["text"] for doc in docs)


def _stop(server: Any, how: str) -> None:
    if how == "ctrl-c":
        os.killpg(server.pid, signal.SIGINT)  # as a terminal sends it: to the whole group
    else:
        server.terminate()  # as a supervisor or a task runner does
    server.wait(timeout=30)


@pytest.mark.parametrize("how", ["sigterm", "ctrl-c"])
@pytest.mark.parametrize("command", ["mkdocs", "dateline"])
def test_a_stopped_server_shuts_down_quietly_and_leaves_no_files_behind(
    minimal: Path, tmp_path: Path, command: str, how: str
) -> None:
    # With SIGTERM the server used to end at once and leave the served site and its
    # generated pages in the temporary folder (hundreds of megabytes for a large site);
    # with Ctrl-C each chart worker printed a traceback of its own.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = start_server(minimal, command, port, temporary, out)
        try:
            url = f"http://127.0.0.1:{port}/stories/villages-taken/"
            wait_for(lambda: "Two villages change hands" in (fetch(url) or ""), "the first build")
            # The served site, and with `dateline serve` (dirty builds) the generated pages.
            made = {k for k in ("mkdocs_", "dateline-serve-") if any(temporary.glob(f"{k}*"))}
            expected = {"mkdocs_", "dateline-serve-"} if command == "dateline" else {"mkdocs_"}
            assert made == expected
        finally:
            _stop(server, how)
    output = log.read_text()
    assert server.returncode == 0, output
    assert list(temporary.iterdir()) == []
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
