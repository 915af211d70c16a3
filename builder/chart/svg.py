"""Vega-Lite specs to SVG and PNG with vl-convert: no browser, no network, every result
kept in the store by the hash of what was rendered, and the others drawn over the cores
while the next specs are made."""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar, cast

import vl_convert

from builder import inks
from builder.drawn import SCOPING
from builder.progress import tracked
from builder.store import Entry, Store
from builder.vlworker import RENDERER, QuietStartContext, chart_images, exit_with_parent

In = TypeVar("In")
Made = TypeVar("Made")
Out = TypeVar("Out")

# Starting vl-convert in a worker process costs more than drawing a few charts here
# (docs/performance.md); below this many charts to render, one process is faster.
PARALLEL_FROM = 4

# Images queued for the processes at most, per process: enough that none waits while this
# process makes the next specs, few enough that a cold build's thousands of specs and
# images are never all in memory.
QUEUED_PER_PROCESS = 4


@dataclass(frozen=True)
class Job:
    spec: dict[str, Any]
    # A chart is offered as a PNG download too; a social card needs none.
    with_png: bool = True
    # What its SVG's ids begin with (`builder.drawn.scoped_ids`): scoped once, when drawn, and
    # kept so, so that a page that shows it runs no regular expression over it.
    scope: str = ""

    @property
    def key(self) -> str:
        text = json.dumps(self.spec, sort_keys=True, separators=(",", ":"))
        made_by = f"{RENDERER}\n{inks.fingerprint()}\n{SCOPING}\n{self.scope}"
        return hashlib.sha256(f"{made_by}\n{text}".encode()).hexdigest()


@dataclass(frozen=True)
class Image:
    svg: Entry  # with its ids scoped
    png: Entry | None  # None when the job asked for none


class Renderers:
    """Where a stage's images are made: in processes kept open (`given`, while serving); or
    in `count` processes (None: one per core) started when a call first has enough images
    to make (`PARALLEL_FROM`) and then shared by the stage's later calls, its batches; or
    in this process."""

    def __init__(self, count: int | None = None, given: Executor | None = None) -> None:
        self.count = 1 if given else count or len(os.sched_getaffinity(0))
        self._given = given
        self._started: ProcessPoolExecutor | None = None

    def __enter__(self) -> Renderers:
        return self

    def __exit__(self, *failed: object) -> None:
        if self._started is not None:
            self._started.shutdown(cancel_futures=True)
            self._started = None

    def pool(self, wanted: int) -> Executor | None:
        """The processes to make `wanted` images or more in, None to make them here."""
        if self._given is None and self._started is None:
            if wanted < PARALLEL_FROM or self.count == 1:
                return None
            self._started = vl_convert_processes(self.count)
        return self._given or self._started


# What renders: how many worker processes (None: one per core), processes kept open (while
# serving, so that an edit's images wait for no process to start), or a stage's `Renderers`.
Workers = int | Executor | Renderers | None


def render_all(
    jobs: Iterable[Job],
    store: Store,
    workers: Workers = None,
    label: str = "charts",
    count: int | None = None,
) -> list[Image]:
    """Images for every job, in order; each distinct spec and config rendered at most once.
    `jobs` is taken lazily (`count` of them; by default, their length), so that the
    processes draw the first while this process makes the next."""
    # Whether each key's job wants a PNG: all `read` needs, so a batch's specs are not
    # held past their drawing.
    with_png: dict[str, bool] = {}

    def keyed() -> Iterator[tuple[str, tuple[dict[str, Any], bool, str]]]:
        for job in jobs:
            key = job.key
            with_png.setdefault(key, job.with_png)
            yield key, (job.spec, job.with_png, job.scope)

    return rendered(
        keyed(),
        count if count is not None else len(cast(Sized, jobs)),
        read=lambda key: _read(store, key, with_png[key]),
        work=chart_images,
        write=lambda key, made: _write(store, key, *made),
        label=label,
        workers=workers,
    )


def rendered(
    wanted: Iterable[tuple[str, In]],
    count: int,
    *,
    read: Callable[[str], Out | None],
    work: Callable[[In], Made],
    write: Callable[[str, Made], Out],
    label: str,
    workers: Workers,
) -> list[Out]:
    """The output for each (key, input) of `wanted` (`count` of them), in order: `read` from
    the cache, or made by `work` from its input (each key once) and kept by `write`. The
    inputs are taken as the processes take them (see `made`). `work` must be a function of
    `builder.vlworker`."""
    found: dict[str, Out] = {}
    order: list[str] = []
    making: set[str] = set()

    def missing() -> Iterator[tuple[str, In]]:
        for key, made_from in tracked(wanted, count, label, lambda: note(len(making))):
            order.append(key)
            if key in found or key in making:
                continue
            cached = read(key)
            if cached is None:
                making.add(key)
                yield key, made_from
            else:
                found[key] = cached

    def note(made: int) -> str:
        return f"({made} rendered, {len(order) - made} from cache)"

    with renderers_for(workers) as renderers:
        # Each kept as it comes: a cold build of thousands of charts never holds all their PNGs.
        for key, each in made(work, missing(), renderers):
            found[key] = write(key, each)
    return [found[key] for key in order]


def made(
    work: Callable[[In], Made], wanted: Iterator[tuple[str, In]], renderers: Renderers
) -> Iterator[tuple[str, Made]]:
    """(key, `work` done on its input) for each of `wanted`, in order. Over processes when
    there are enough (`Renderers.pool`), a few queued at a time: `wanted` is read as they
    take them, so whatever makes the inputs (specs, in this process) runs while they draw."""
    first = list(islice(wanted, PARALLEL_FROM))
    pool = renderers.pool(len(first))
    if pool is None:
        yield from ((key, work(made_from)) for key, made_from in chain(first, wanted))
        return
    queued: deque[tuple[str, Future[Made]]] = deque()
    for key, made_from in chain(first, wanted):
        queued.append((key, pool.submit(work, made_from)))
        while queued and (
            len(queued) > QUEUED_PER_PROCESS * renderers.count or queued[0][1].done()
        ):
            done, future = queued.popleft()
            yield done, future.result()
    yield from ((key, future.result()) for key, future in queued)


def renderers_for(workers: Workers) -> AbstractContextManager[Renderers]:
    """Renderers for what `workers` says, closed when done; a stage's `Renderers` are taken
    as they are (the stage closes them)."""
    if isinstance(workers, Renderers):
        return nullcontext(workers)
    if isinstance(workers, Executor):
        return Renderers(given=workers)
    return Renderers(workers)


def vl_convert_processes(count: int) -> ProcessPoolExecutor:
    """Processes to run `builder.vlworker` in: spawned, never forked (see there), and each
    gone with the process that made it, even if that one is killed."""
    return ProcessPoolExecutor(
        max_workers=count,
        mp_context=QuietStartContext(),
        initializer=exit_with_parent,
    )


def _read(store: Store, key: str, with_png: bool) -> Image | None:
    svg = store.get(f"{key}.svg")
    png = store.get(f"{key}.png") if with_png else None
    if svg is not None and (png is not None or not with_png):
        return Image(svg, png)
    return None


def _write(store: Store, key: str, svg: str, png: bytes | None) -> Image:
    """Keep the image, its SVG finished where it was drawn (`builder.drawn`), and its PNG,
    which then need not stay in memory."""
    kept_png = store.put(f"{key}.png", png) if png is not None else None
    return Image(store.put(f"{key}.svg", svg.encode()), kept_png)


def vega_bundle(store: Store) -> Entry:
    """Vega, Vega-Lite and Vega-Embed in one file, from vl-convert (offline), kept in the
    store per vl-convert version because making it takes over a second."""
    version = getattr(vl_convert, "__version__", "unknown")
    globals_used = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
    return store.get_or_make(
        f"vega-bundle-{version}.js",
        lambda: vl_convert.javascript_bundle(globals_used).encode(),
    )
