"""Social cards: 1200 x 630 PNGs with the site name, the headline, the standfirst and the
story's main chart, their text escaped, rendered over the cores and cached."""

from __future__ import annotations

import re
from pathlib import Path

from builder.chart.cards import card_svg, render_cards
from builder.store import Store


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def spans(svg: str, y: int) -> list[str]:
    """The lines of the text that starts this far down the card."""
    (text,) = re.findall(rf'<text x="60" y="{y}"[^>]*>(.*?)</text>', svg)
    return re.findall(r"<tspan[^>]*>(.*?)</tspan>", text)


def test_card_text_is_escaped_and_the_card_renders() -> None:
    svg = card_svg("Site", "</text><script>alert(1)</script>", "A & B", None)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "A &amp; B" in svg
    card = render_cards([svg])[0].bytes()
    assert png_size(card) == (1200, 630)


def test_cards_render_over_the_cores_in_order_and_are_cached(tmp_path: Path) -> None:
    # Different lengths of headline make cards of different sizes, so order shows.
    svgs = [card_svg("Site", "word " * n, "", None) for n in (1, 9, 1, 3, 5)]
    cache = tmp_path / "cache"
    pngs = [png.bytes() for png in render_cards(svgs, Store.at(cache), workers=2)]
    assert pngs[0] == pngs[2] and len({*pngs}) == 4
    assert pngs == [render_cards([svg])[0].bytes() for svg in svgs]
    assert len(list(cache.glob("card-*.png"))) == 4
    again = render_cards(svgs, Store.at(cache), workers=2)
    assert all(png.file is not None and png.file.parent == cache for png in again)


def test_a_long_headline_is_cut_to_three_lines_that_say_so() -> None:
    headline = " ".join(["Opposition forces enter Hama city and push south towards Homs"] * 3)
    lines = spans(card_svg("Fixture", headline, "Short.", None), 150)
    assert lines == [
        "Opposition forces enter Hama city and",
        "push south towards Homs Opposition",
        "forces enter Hama city and push …",
    ]
    assert spans(card_svg("Fixture", "Two villages change hands", "", None), 80) == ["FIXTURE"]


def test_a_chart_takes_the_right_of_the_card_in_its_own_coordinates() -> None:
    chart = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="560" height="300" '
        'viewBox="0 0 560 300"><rect/></svg>'
    )
    svg = card_svg("Fixture", "Two villages change hands", "Opposition forces took two.", chart)
    placed = re.search(r'<svg x="640" y="[0-9]+" width="520" height="[0-9]+"([^>]*)>', svg)
    assert placed is not None
    assert 'viewBox="0 0 560 300"' in placed.group(1) and "width" not in placed.group(1)
    assert svg.endswith("<rect/></svg></svg>")
