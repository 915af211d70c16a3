"""What a serving run (`mkdocs serve`, `dateline serve`) keeps between its rebuilds: the
theme's compiled templates and the list of its files, whether the site's setup changed, and
how a stop by signal or a dirty build's warning is taken; and the one policy for the garbage
collector, which builds and serving runs share (`whole_generation`, `IdleCollection`). The
plugin holds one of each for the run and hands each hook's work to them."""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import jinja2
import jinja2.bccache
from mkdocs.livereload import LiveReloadServer
from mkdocs.theme import Theme
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch


@contextmanager
def whole_generation() -> Iterator[None]:
    """Around a whole generation: what the last site left may be collected during it, and
    what it makes (alive until the next whole generation) is left out of the collector's
    passes afterwards, which otherwise scanned it all in the middle of a story edit. Not
    frozen when the generation fails: nothing new is kept then."""
    gc.unfreeze()
    yield
    gc.freeze()


class IdleCollection:
    """While serving: the garbage collector's full pass run once a rebuild is over, and
    everything still alive then left out of the collector's passes during the next rebuild.
    A full pass scans the whole site's and MkDocs' objects, and came in the middle of a story
    edit at random, costing a noticeable part of it (docs/performance.md)."""

    # Seconds after a build: the pass (a second or more after a whole build of a large site)
    # waits for the editor to pause; a save sooner puts it off again.
    DELAY = 2.0

    def __init__(self) -> None:
        self._timer: threading.Timer | None = None

    def schedule(self) -> None:
        self.cancel()
        self._timer = threading.Timer(self.DELAY, self.collect)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def put_off(self) -> None:
        """A build starts: no full pass during it, and what is alive now (the last build's
        pages and MkDocs' objects, when the pass has not yet run) left out of the passes it
        makes: otherwise an edit saved within the delay has its collections scan the whole
        last build (docs/performance.md)."""
        self.cancel()
        gc.freeze()

    @staticmethod
    def collect() -> None:
        gc.unfreeze()  # what the last pass kept may be garbage now
        gc.collect()
        gc.freeze()


class CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per `mkdocs serve`, kept in memory. Jinja compiles a
    template again when its source changed (the bucket holds the source's checksum)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self.compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class ThemeListing:
    """While serving dirty: the theme's files that MkDocs copies into the site, listed once
    rather than before every rebuild. MkDocs walks every folder of the theme (Material's
    holds thousands of icons) and matches each name against its patterns, a noticeable
    part of a story edit (docs/performance.md). Listed again once the setup changed
    (`SetupStamp`), which a file added to the theme's custom folder changes. A listing is
    known by the theme's folders and static templates and by the code of the filter asked
    with (MkDocs' own, whose only other input is those templates)."""

    def __init__(self) -> None:
        self._listed: dict[tuple[object, ...], list[str]] = {}

    def keep(self, theme: Theme, *, again: bool) -> None:
        """Lists of `theme`'s files kept for the run (made again if `again`)."""
        if again:
            self._listed.clear()
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            list_templates = env.list_templates

            def listed(
                extensions: Collection[str] | None = None,
                filter_func: Callable[[str], bool] | None = None,
            ) -> list[str]:
                code = getattr(filter_func, "__code__", filter_func)
                key = (tuple(theme.dirs), tuple(theme.static_templates), extensions, code)
                if key not in self._listed:
                    self._listed[key] = list_templates(extensions, filter_func)
                return list(self._listed[key])

            env.list_templates = listed  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]


class SetupStamp:
    """Whether mkdocs.yml or the theme's custom folder changed since the last build: then
    every page is built again, even in a dirty build. The first look is no change."""

    def __init__(self) -> None:
        self._last: list[tuple[str, int]] | None = None

    def changed(self, config_file: Path, custom_dir: Path | None) -> bool:
        watched = [config_file]
        if custom_dir is not None:
            watched += [p for p in custom_dir.rglob("*") if p.is_file()]
        stamp = sorted((str(p), p.stat().st_mtime_ns) for p in watched if p.exists())
        changed = self._last is not None and stamp != self._last
        self._last = stamp
        return changed


def stop_as_if_interrupted(_signum: int, _frame: object) -> None:
    """A server stopped with SIGTERM (by a supervisor, a task runner, the benchmark) shuts
    down as on Ctrl-C, `mkdocs serve` as `dateline serve`: MkDocs removes the served site and
    `on_shutdown` the generated pages and the kept worker. Python's default ended the process
    at once and left both folders behind, hundreds of megabytes for a large site."""
    raise KeyboardInterrupt


def not_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build, which strict mode would count as a failure."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def uncounted_log() -> logging.Logger:
    """A logger outside `mkdocs`, for the one message strict mode must not count: under
    `mkdocs serve --strict` a counted error aborts the rebuild, and MkDocs' live server then
    stalls every request until the content is fixed."""
    logger = logging.getLogger("dateline")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  dateline: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


# What a save, a new file, a deletion or a rename is told by: not a file opened or closed
# unwritten, which the build itself does to every file it reads (MkDocs rebuilds on any
# event, so those would start a rebuild after every rebuild, for ever).
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
]


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # chosen per platform
    """The system's observer of file events (inotify on Linux, FSEvents on macOS), telling
    only of `CHANGES`."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        watch = super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or CHANGES,
            follow_symlink=follow_symlink,
        )
        return cast(ObservedWatch, watch)


class EventDrivenServer(LiveReloadServer):
    """MkDocs' live server, told of a save by the system's file events instead of by
    looking at every watched file twice a second: a save is seen at once rather than 0.25 s
    later on average, and an idle server costs nothing (a look at a 1,000-story project's
    content takes about 12 ms). MkDocs polls because events do not reach it from some
    network drives and container mounts: `dateline serve --poll` keeps its way for those."""

    # Seconds without another event before a rebuild starts (MkDocs waits 0.1 s). A save
    # arrives as a few events within a millisecond or two, an editor's save by renaming a
    # temporary file too; the wait only has to cover those, not a polling interval.
    BUILD_DELAY = 0.03

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.build_delay = self.BUILD_DELAY
        # Typed as MkDocs' PollingObserver, used only through what every observer has.
        self.observer = ChangesObserver()
