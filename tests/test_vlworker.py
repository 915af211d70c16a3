from __future__ import annotations

import struct
import zlib

import vl_convert

from builder.vlworker import card_png, chart_images, compact_png

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


def test_chart_and_card_pngs_are_compacted() -> None:
    svg, png = chart_images((SPEC, True))
    assert png is not None and png == compact_png(png)
    assert chart_images((SPEC, False))[1] is None
    card = card_png(svg)
    assert card == compact_png(card)
