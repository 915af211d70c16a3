from __future__ import annotations

import multiprocessing.queues
import re
import signal
import struct
import subprocess
import sys
import zlib

import vl_convert

from builder.vlworker import (
    QuietStartContext,
    card_png,
    chart_images,
    compact_png,
    exit_with_parent,
)

SPEC = {
    "data": {"values": [{"day": d, "held": (d * 7) % 11} for d in range(30)]},
    "mark": "line",
    "encoding": {
        "x": {"field": "day", "type": "quantitative"},
        "y": {"field": "held", "type": "quantitative"},
    },
}


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found, position = [], 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, data = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + data), f"{kind!r} chunk has a bad checksum"
        found.append((kind, data))
        position += 12 + length
    return found


def _pixels(png: bytes) -> bytes:
    return zlib.decompress(b"".join(data for kind, data in _chunks(png) if kind == b"IDAT"))


def test_compact_png_is_the_same_image_in_a_fraction_of_the_bytes() -> None:
    original = vl_convert.svg_to_png(vl_convert.vegalite_to_svg(SPEC), scale=2)
    compact = compact_png(original)
    assert compact.startswith(b"\x89PNG\r\n\x1a\n")
    assert _pixels(compact) == _pixels(original)
    header = [(kind, data) for kind, data in _chunks(original) if kind != b"IDAT"]
    assert [(k, d) for k, d in _chunks(compact) if k != b"IDAT"] == header
    assert len(compact) * 3 < len(original)


def test_a_worker_returns_the_svg_finished_as_the_store_keeps_it() -> None:
    # Finished in the process that drew it, so that every core shares that work too.
    clipped = {**SPEC, "mark": {"type": "line", "clip": True}}
    svg, _ = chart_images((clipped, False, "chart-a"))
    assert 'id="chart-a-clip1"' in svg and "url(#chart-a-clip1)" in svg
    assert not re.search(r"<[^>]*\d\.\d{2,}[^>]*>", svg)  # numbers in tags to a tenth


def test_chart_and_card_pngs_are_compacted() -> None:
    svg, png = chart_images((SPEC, True, ""))
    assert png is not None and png == compact_png(png)
    assert chart_images((SPEC, False, ""))[1] is None
    card = card_png(svg)
    assert card == compact_png(card)


def _ctrl_c_as_started(told: multiprocessing.queues.Queue[tuple[bool, bool]]) -> None:
    held = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    exit_with_parent()  # what a worker runs first
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    told.put((held, ignored and signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])))


def test_a_worker_starts_with_ctrl_c_held_back_until_it_ignores_it() -> None:
    # Ctrl-C reaches the whole process group: a worker still importing was interrupted by it,
    # with a traceback of its own. Held back (blocked), it is dropped once the worker ignores
    # it; the process that started the worker keeps its own mask, and gets its Ctrl-C.
    context = QuietStartContext()
    told: multiprocessing.queues.Queue[tuple[bool, bool]] = context.Queue()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    worker = context.Process(target=_ctrl_c_as_started, args=(told,))
    worker.start()
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
    assert told.get(timeout=120) == (True, True)
    worker.join(timeout=120)
    assert worker.exitcode == 0


def test_a_worker_imports_neither_pandas_nor_altair() -> None:
    # A worker starts in a fraction of a second only if it imports vl-convert and little else.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, builder.vlworker; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "'pandas'" not in loaded and "'altair'" not in loaded and "'builder.chart'" not in loaded
