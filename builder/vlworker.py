"""Rendering one chart or social card in a worker process.

Kept apart from `builder.chart` so that a spawned worker imports vl-convert and nothing else
(no pandas, no Altair): workers start in a fraction of a second. Workers are spawned, never
forked, because forking a process whose vl-convert engine already runs threads can hang.
"""

from __future__ import annotations

import multiprocessing.context
import os
import signal
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from typing import Any

import vl_convert

from builder.drawn import finished
from builder.inks import light

# The house font of charts and cards. vl-convert carries Liberation Sans in its own binary
# and reads it from memory; a system font (DejaVu Sans, before) it opens and maps from its
# file for every text it measures or draws (docs/performance.md, "The charts' font").
# Liberation Sans has the widths of Arial and Helvetica, so on most readers' screens the
# text is set as it was measured.
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
# zlib's own default: level 9 saves a few percent of a PNG for several times the time, a
# large share of drawing a chart (measured in docs/performance.md).
PNG_LEVEL = 6
# What a rendered image depends on besides its input, for the cache keys: another
# vl-convert, or another encoding, makes other files.
RENDERER = f"vl-convert {getattr(vl_convert, '__version__', 'unknown')}, png deflate {PNG_LEVEL}"


def chart_images(job: tuple[dict[str, Any], bool, str]) -> tuple[str, bytes | None]:
    """The chart's SVG, finished (`builder.drawn`; its ids begin with the job's scope), and
    its PNG, in the light inks, if asked for."""
    spec, with_png, scope = job
    svg = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
    png = compact_png(vl_convert.svg_to_png(light(svg), scale=2)) if with_png else None
    return finished(svg, scope), png


def card_png(svg: str) -> bytes:
    return compact_png(vl_convert.svg_to_png(svg))


def exit_with_parent() -> None:
    """Run as a worker starts: it exits when its parent has gone, killed with no time to
    close it (a server, or a build). An orphaned worker would otherwise wait for work for
    ever, and hold open the pipes of whoever started its parent.

    A worker also leaves Ctrl-C to its parent: the terminal sends SIGINT to the whole
    process group, and each worker printed a KeyboardInterrupt traceback of its own while
    the parent was shutting them down in order. Until now it was held back
    (`QuietStartContext`): one sent while the worker imported is dropped here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class QuietStartProcess(multiprocessing.context.SpawnProcess):
    """A spawned worker that starts with Ctrl-C held back (blocked, so never lost, in the
    thread that starts it, whose mask the new process inherits). A worker takes a second or
    more to import before `exit_with_parent` can ignore SIGINT; one sent to the process group
    then interrupted it with a traceback of its own. The starting process still gets it: the
    signal goes to another of its threads, or waits until the start is done."""

    def start(self) -> None:
        if not hasattr(signal, "pthread_sigmask"):  # Windows has no process groups' SIGINT
            super().start()
            return
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            super().start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


class QuietStartContext(multiprocessing.context.SpawnContext):
    Process = QuietStartProcess


def warm_up() -> None:
    """Load what the first image rendered in a process waits for (vl-convert's fonts)."""
    vl_convert.svg_to_png(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
        f'<text y="8" font-family="{FONT}" font-size="8">a</text></svg>'
    )


def compact_png(png: bytes) -> bytes:
    """The same image, its pixel data deflated again at `PNG_LEVEL`: the pixels are the
    same. vl-convert compresses for speed (its PNGs are about three times larger), and at
    thousands of charts they were a large part of the site to write and to publish."""
    chunks = list(_chunks(png))
    pixels: bytes | None = zlib.decompress(
        b"".join(data for kind, data in chunks if kind == b"IDAT")
    )
    out = [png[:8]]
    for kind, data in chunks:
        if kind == b"IDAT":
            if pixels is not None:
                out.append(_chunk(b"IDAT", zlib.compress(pixels, PNG_LEVEL)))
                pixels = None  # the pixels go in one chunk, where the first one was
        else:
            out.append(_chunk(kind, data))
    return b"".join(out)


def _chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = 8  # after the signature
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        yield png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        position += 12 + length


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
