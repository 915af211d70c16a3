"""Vega-Lite specs to SVG and PNG with vl-convert: no browser, no network, every result
cached by the hash of what was rendered, and uncached charts spread over the cores."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import vl_convert

from builder.progress import log, tracked
from builder.vlworker import RENDERER, chart_images, exit_with_parent

In = TypeVar("In")
Made = TypeVar("Made")
Out = TypeVar("Out")

# A worker process costs about half a second to start vl-convert; below this many charts
# to render, one process is faster.
PARALLEL_FROM = 4

# What renders: how many worker processes (None: one per core), or processes kept open
# (while serving, so that an edit's images wait for no process to start).
Workers = int | Executor | None


@dataclass(frozen=True)
class Job:
    spec: dict[str, Any]
    # Only the light chart is offered as a PNG download; a dark variant is shown inline only.
    with_png: bool = True

    @property
    def key(self) -> str:
        text = json.dumps(self.spec, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(f"{RENDERER}\n{text}".encode()).hexdigest()


# Bytes, or the file (in the chart cache) that holds them: large images stay on disk until
# they are copied into the site, so a build's memory does not grow with their size.
Blob = bytes | Path


def blob_bytes(blob: Blob) -> bytes:
    return blob.read_bytes() if isinstance(blob, Path) else blob


# Text, or the file (in the chart cache) that holds it as UTF-8.
Text = str | Path


def text_of(text: Text) -> str:
    return text.read_text(encoding="utf-8") if isinstance(text, Path) else text


@dataclass(frozen=True)
class Image:
    svg: Text
    png: Blob | None  # None when the job asked for none


def render_all(
    jobs: list[Job], cache_dir: Path | None, workers: Workers = None, label: str = "charts"
) -> list[Image]:
    """Images for every job, in order; each distinct spec and config rendered at most once."""
    wanted = {job.key: job for job in jobs}
    return rendered(
        {key: (job.spec, job.with_png) for key, job in wanted.items()},
        [job.key for job in jobs],
        read=lambda key: _read(cache_dir, key, wanted[key].with_png),
        work=chart_images,
        write=lambda key, made: _write(cache_dir, key, Image(*made)),
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
        mp_context=multiprocessing.get_context("spawn"),
        initializer=exit_with_parent,
    )


def _read(cache_dir: Path | None, key: str, with_png: bool) -> Image | None:
    if cache_dir is None:
        return None
    svg = cached_entry(cache_dir, f"{key}.svg")
    png = cached_entry(cache_dir, f"{key}.png") if with_png else None
    if svg is not None and (png is not None or not with_png):
        return Image(svg, png)
    return None


def _write(cache_dir: Path | None, key: str, image: Image) -> Image:
    """Store the image; what is returned refers to the stored PNG instead of holding it."""
    if cache_dir is None:
        return image
    png = store(cache_dir, f"{key}.png", blob_bytes(image.png)) if image.png else None
    return Image(store(cache_dir, f"{key}.svg", text_of(image.svg).encode()), png)


def scoped_ids(svg: str, prefix: str) -> str:
    """Several charts share a page, so their SVG ids (clip paths, gradients) must not clash."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    return re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)


def vega_bundle(cache_dir: Path | None) -> bytes:
    """Vega, Vega-Lite and Vega-Embed in one file, from vl-convert (offline), kept in the
    cache per vl-convert version because making it takes over a second."""
    version = getattr(vl_convert, "__version__", "unknown")
    globals_used = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
    return cached_bytes(
        cache_dir,
        f"vega-bundle-{version}.js",
        lambda: vl_convert.javascript_bundle(globals_used).encode(),
    )


def cached_bytes(cache_dir: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    """The cached file `name`, or what `make` returns, stored for next time."""
    return blob_bytes(cached_file(cache_dir, name, make))


def cached_file(cache_dir: Path | None, name: str, make: Callable[[], bytes]) -> Blob:
    """The cached file `name` (made by `make` if missing), or with no cache, what `make`
    returns."""
    cached = cached_entry(cache_dir, name) if cache_dir else None
    if cached is not None:
        return cached
    data = make()
    return store(cache_dir, name, data) if cache_dir else data


def stored_by_content(folder: Path, data: bytes, suffix: str) -> Path:
    """`data` as a file in `folder` named by its hash: written once, found again after (if its
    bytes still have that hash). Touched when found, so that a dirty build (which copies only
    files newer than their copy in the site) copies it even when the site holds a later
    version."""
    digest = hashlib.sha256(data).hexdigest()
    found = folder / f"{digest}{suffix}"
    if _digest_of(found) == digest:
        os.utime(found)
        return found
    return _whole(folder, found.name, data)


def cached_entry(cache_dir: Path, name: str) -> Path | None:
    """The cache file `name` if it still holds what `store` wrote; None if it is missing, or
    damaged since (cut short, changed, its digest lost), so that it is made again. A cache
    is kept on disks, in CI caches and by hand: what comes back is not trusted blindly."""
    path = cache_dir / name
    try:
        stored = (cache_dir / f"{name}{DIGEST}").read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None  # never stored whole (a build killed between the two writes)
    found = _digest_of(path)
    if found == stored:
        return path
    if found is not None:
        log.info("dateline: %s is damaged (cut short or changed); making it again", path)
    return None


def store(cache_dir: Path, name: str, data: bytes) -> Path:
    """Write a cache file whole or not at all (a killed build never leaves half a file), and
    beside it the digest that `cached_entry` checks it by."""
    path = _whole(cache_dir, name, data)
    _whole(cache_dir, f"{name}{DIGEST}", hashlib.sha256(data).hexdigest().encode())
    return path


# What a cache file's digest is kept in, beside it.
DIGEST = ".sha256"


def _digest_of(path: Path) -> str | None:
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


def _whole(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{name}.{os.getpid()}.tmp"
    partial.write_bytes(data)
    return partial.replace(folder / name)
