"""Vega-Lite specs to SVG and PNG with vl-convert: no browser, no network, every result
kept in the store by the hash of what was rendered, and the others spread over the cores."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import vl_convert

from builder import inks
from builder.chart.simplify import simplified
from builder.inks import themed
from builder.progress import tracked
from builder.store import Entry, Store
from builder.vlworker import RENDERER, QuietStartContext, chart_images, exit_with_parent

In = TypeVar("In")
Made = TypeVar("Made")
Out = TypeVar("Out")

# Starting vl-convert in a worker process costs more than drawing a few charts here
# (docs/performance.md); below this many charts to render, one process is faster.
PARALLEL_FROM = 4

# How ids are scoped (`scoped_ids`), numbers rounded (`rounded`), lines simplified
# (`builder.chart.simplify`) and repeats left out (`compacted`): part of each image's
# key, so that a store keeps no image written another way.
SCOPING = 5

# What renders: how many worker processes (None: one per core), or processes kept open
# (while serving, so that an edit's images wait for no process to start).
Workers = int | Executor | None


@dataclass(frozen=True)
class Job:
    spec: dict[str, Any]
    # A chart is offered as a PNG download too; a social card needs none.
    with_png: bool = True
    # What its SVG's ids begin with (see `scoped_ids`): scoped once, when it is drawn, and
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


def render_all(
    jobs: list[Job], store: Store, workers: Workers = None, label: str = "charts"
) -> list[Image]:
    """Images for every job, in order; each distinct spec and config rendered at most once."""
    wanted = {job.key: job for job in jobs}
    return rendered(
        {key: (job.spec, job.with_png) for key, job in wanted.items()},
        [job.key for job in jobs],
        read=lambda key: _read(store, key, wanted[key].with_png),
        work=chart_images,
        write=lambda key, made: _write(store, key, wanted[key].scope, *made),
        label=label,
        workers=workers,
    )


def rendered(
    inputs: dict[str, In],
    keys: list[str],
    *,
    read: Callable[[str], Out | None],
    work: Callable[[In], Made],
    write: Callable[[str, Made], Out],
    label: str,
    workers: Workers,
) -> list[Out]:
    """The output for each of `keys`, in order: `read` from the cache, or made by `work` from
    its input over the cores (each key once) and kept by `write`."""
    found: dict[str, Out] = {}
    missing: list[str] = []
    for key in dict.fromkeys(keys):
        cached = read(key)
        if cached is None:
            missing.append(key)
        else:
            found[key] = cached
    note = f"rendered, {len(keys) - len(missing)} from cache"
    # Each kept as it comes: a cold build of thousands of charts never holds all their PNGs.
    made = spread(work, [inputs[key] for key in missing], label, note, workers)
    for key, each in zip(missing, made, strict=True):
        found[key] = write(key, each)
    return [found[key] for key in keys]


def spread(
    work: Callable[[In], Out], items: list[In], label: str, note: str, workers: Workers
) -> Iterator[Out]:
    """`work` done on every item, yielded in order, over the cores when there are enough
    items (or in the processes kept open), with progress shown under `label`. `work` must be
    a function of `builder.vlworker`."""
    if isinstance(workers, Executor):
        yield from tracked(workers.map(work, items), len(items), label, note)
        return
    workers = workers or len(os.sched_getaffinity(0))
    if len(items) < PARALLEL_FROM or workers == 1:
        yield from (work(item) for item in tracked(items, len(items), label, note))
        return
    with vl_convert_processes(min(workers, len(items))) as pool:
        yield from tracked(pool.map(work, items, chunksize=4), len(items), label, note)


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


def _write(store: Store, key: str, scope: str, svg: str, png: bytes | None) -> Image:
    """Keep the image (its PNG need not stay in memory), its SVG's ids scoped and its inks
    made CSS custom properties (`builder.inks`)."""
    kept_png = store.put(f"{key}.png", png) if png is not None else None
    scoped = themed(compacted(rounded(simplified(scoped_ids(svg, scope) if scope else svg))))
    return Image(store.put(f"{key}.svg", scoped.encode()), kept_png)


# A tag, and a number in it written to three decimals or more.
_TAG = re.compile(r"<[^>]+>")
_LONG_NUMBER = re.compile(r"-?\d+\.\d{3,}")


def rounded(svg: str) -> str:
    """The SVG with the numbers in its tags (coordinates, transforms) to a tenth of a
    pixel. Vega writes up to sixteen decimals (`translate(42.76923076923077,96.58)`): a
    large share of a map's bytes, for a precision no screen shows. Text is left as written."""

    def short(number: re.Match[str]) -> str:
        text = f"{float(number.group()):.1f}".removesuffix(".0")
        return "0" if text == "-0" else text

    return _TAG.sub(lambda tag: _LONG_NUMBER.sub(short, tag.group()), svg)


_FONT = re.compile(r' font-family="([^"]*)"')


def compacted(svg: str) -> str:
    """The SVG without what only repeats: its text's font family is said once, on the root
    (its elements inherit it), and `opacity="1"`, the default, not at all. Vega writes both
    on every text and mark: a tenth of a map's bytes. Only tags change: a label is text,
    and vl-convert leaves a quote in it as typed, so a label may read `opacity="1"`."""
    fonts = Counter(_FONT.findall(svg))
    font = fonts.most_common(1)[0][0] if fonts else None

    def shorter(tag: re.Match[str]) -> str:
        written = tag.group().replace(' opacity="1"', "")
        return written.replace(f' font-family="{font}"', "") if font is not None else written

    svg = _TAG.sub(shorter, svg)
    return svg.replace("<svg ", f'<svg font-family="{font}" ', 1) if font is not None else svg


# An id in an SVG vl-convert drew, or a reference to one.
_ID_OR_REFERENCE = re.compile(r'\bid="([^"]+)"|url\(#([^)]+)\)')


def scoped_ids(svg: str, prefix: str) -> str:
    """Several charts share a page, so their SVG ids (clip paths, gradients) must not clash:
    each begins with `prefix`. Each is also numbered afresh in the order it first appears
    (`clip17` becomes `PREFIX-clip1`): vl-convert numbers them across everything one
    process has drawn, so the same chart drawn after others, or alone, would differ."""
    renamed: dict[str, str] = {}

    def new_id(old: str) -> str:
        if old not in renamed:
            renamed[old] = f"{prefix}-{old.rstrip('0123456789')}{len(renamed) + 1}"
        return renamed[old]

    def scoped(found: re.Match[str]) -> str:
        if found.group(1) is not None:
            return f'id="{new_id(found.group(1))}"'
        return f"url(#{new_id(found.group(2))})"

    return _ID_OR_REFERENCE.sub(scoped, svg)


def vega_bundle(store: Store) -> Entry:
    """Vega, Vega-Lite and Vega-Embed in one file, from vl-convert (offline), kept in the
    store per vl-convert version because making it takes over a second."""
    version = getattr(vl_convert, "__version__", "unknown")
    globals_used = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
    return store.get_or_make(
        f"vega-bundle-{version}.js",
        lambda: vl_convert.javascript_bundle(globals_used).encode(),
    )
