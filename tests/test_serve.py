"""Live editing: the served site follows valid edits and survives invalid ones."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

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


class Server:
    """`mkdocs serve` or `dateline serve` of `project`, its temporary files in `temporary`.
    Tests wait on what it prints (each line wakes them), never on a clock."""

    def __init__(self, project: Path, command: str, temporary: Path) -> None:
        module, *options = command.split()
        module = "mkdocs" if module == "mkdocs" else "builder"
        port = free_port()
        self.site = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "TMPDIR": str(temporary)},
            start_new_session=True,  # its own process group, as a terminal gives it
        )
        self.lines: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.lines.append("")  # the end of the output
            self.changed.notify_all()

    @property
    def output(self) -> str:
        with self.changed:
            return "".join(self.lines)

    def wait_for(self, text: str, count: int = 1, seconds: float = 120) -> None:
        """Until the server has printed `text` on `count` lines (or stopped)."""

        def seen() -> bool:
            ended = bool(self.lines) and self.lines[-1] == ""
            return ended or sum(text in line for line in self.lines) >= count

        with self.changed:
            self.changed.wait_for(seen, timeout=seconds)
        assert sum(text in line for line in self.lines) >= count, (
            f"waited for {text!r} x{count}:\n{self.output}"
        )

    def rebuilt(self, after: Callable[[], object]) -> None:
        """Do `after` (an edit), and wait until the server has built and reloaded again."""
        done = self.output.count("Reloading browsers")
        after()
        self.wait_for("Reloading browsers", done + 1)

    def stop(self, how: str = "sigterm") -> None:
        if how == "ctrl-c":
            os.killpg(self.process.pid, signal.SIGINT)  # as a terminal sends it: to the group
        else:
            self.process.terminate()  # as a supervisor or a task runner does
        # Waits on the exit itself; the limit only ends a hung server (what stopping takes
        # under load is in docs/performance.md).
        self.process.wait(timeout=180)
        with self.changed:
            self.changed.wait_for(lambda: bool(self.lines) and self.lines[-1] == "", timeout=60)


# `dateline serve` is told of saves by the system; with --poll it looks for them, as MkDocs.
@pytest.fixture(params=["mkdocs", "dateline", "dateline --poll"])
def served(
    request: pytest.FixtureRequest, minimal: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Server]]:
    config = minimal / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search\n"))
    server = Server(minimal, request.param, tmp_path_factory.mktemp("tmp"))
    try:
        server.wait_for("Serving on")
        yield minimal, server
    finally:
        server.stop()


def test_edits_are_served_and_invalid_ones_keep_the_last_good_site(
    served: tuple[Path, Server],
) -> None:
    project, server = served
    url = server.site + "stories/villages-taken/"
    story = project / "content" / "articles" / "villages-taken.md"
    original = story.read_text()
    assert "Two villages change hands" in (fetch(url) or "")

    server.rebuilt(
        lambda: story.write_text(
            original.replace(HEADLINE, "headline: Villages change hands again")
        )
    )
    assert "Villages change hands again" in (fetch(url) or "")

    broken = original.replace(HEADLINE, "headline: Broken edit")
    server.rebuilt(
        lambda: story.write_text(broken.replace("claim:north-count", "claim:no-such-claim"))
    )
    assert (
        "content/articles/villages-taken.md:10: body: unknown claim 'no-such-claim'"
        in server.output
    )
    page = fetch(url)
    assert page is not None and "Villages change hands again" in page and "Broken edit" not in page

    server.rebuilt(lambda: story.write_text(original.replace(HEADLINE, "headline: Fixed and back")))
    assert "Fixed and back" in (fetch(url) or "")
    assert_an_edited_page_of_our_own_links_to_generated_pages(project, server)
    assert "Traceback" not in server.output and "WARNING" not in server.output
    assert_search_finds_every_page_once(server.site)


def assert_an_edited_page_of_our_own_links_to_generated_pages(
    project: Path, server: Server
) -> None:
    # A dirty rebuild gives MkDocs only the generated files that changed, unless a page of
    # the site's own changed: its links to generated pages must still be checked and work.
    site = server.site
    about = project / "docs" / "about.md"
    server.rebuilt(
        lambda: about.write_text(
            "# About the fixture\n\nRead [the story](stories/villages-taken.md).\n"
        )
    )
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


# Ctrl-C is sent to the whole process group, as a terminal sends it: the chart worker too,
# which may still be starting (see builder.vlworker.QuietStartProcess).
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
    server = Server(minimal, command, temporary)
    try:
        server.wait_for("Serving on")
        assert "Two villages change hands" in (fetch(server.site + "stories/villages-taken/") or "")
        # The served site, and with `dateline serve` (dirty builds) the generated pages.
        made = {k for k in ("mkdocs_", "dateline-serve-") if any(temporary.glob(f"{k}*"))}
        expected = {"mkdocs_", "dateline-serve-"} if command == "dateline" else {"mkdocs_"}
        assert made == expected
    finally:
        server.stop(how)
    output = server.output
    assert server.process.returncode == 0, output
    assert list(temporary.iterdir()) == []
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output


def test_an_invalid_save_shows_its_errors_in_the_open_page_until_fixed(
    served: tuple[Path, Server],
) -> None:
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM_FLAGS, chromium_path

    project, server = served
    story = project / "content" / "articles" / "villages-taken.md"
    original = story.read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
        )
        page = browser.new_page()
        page.goto(server.site + "stories/villages-taken/")
        assert page.locator(".dl-serve-problems").count() == 0
        broken = original.replace("claim:north-count", "claim:no-such-claim")
        with page.expect_navigation():  # live reload, once the build is over
            server.rebuilt(lambda: story.write_text(broken))
        banner = page.locator(".dl-serve-problems")
        banner.wait_for(state="visible")
        assert banner.get_attribute("role") == "alert"
        assert (
            "content/articles/villages-taken.md:10: body: unknown claim 'no-such-claim'"
            in banner.inner_text()
        )
        assert "Two villages change hands" in page.locator("article").inner_text()
        with page.expect_navigation():
            server.rebuilt(lambda: story.write_text(original))
        banner.wait_for(state="detached")
        browser.close()


def test_a_control_character_saved_into_a_place_keeps_the_server_up(
    served: tuple[Path, Server],
) -> None:
    # A raw \x01 once hung every request, and a form feed in a name killed the server
    # through the chart renderer, leaving its temporary folders behind.
    project, server = served
    places = project / "content" / "places.yml"
    original = places.read_text()
    server.rebuilt(lambda: places.write_text(original.replace("The Plain", "The\x01Pl\x0cain")))
    assert "content/places.yml:6: name: contains a control character (U+0001)" in server.output
    assert "Two villages change hands" in (fetch(server.site + "stories/villages-taken/") or "")
    server.rebuilt(lambda: places.write_text(original))
    assert server.process.poll() is None
