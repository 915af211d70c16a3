"""One table of inks: the sentinels a spec names, the page's custom properties for each
scheme, the light colours downloads carry, each readable on its scheme's background."""

from __future__ import annotations

import pytest

from builder import colours, inks


@pytest.mark.parametrize("name", list(inks.INKS))
def test_each_ink_is_readable_on_its_scheme_s_background(name: str) -> None:
    ink = inks.INKS[name]
    needed = 4.5 if ink.text else (3 if name == "axis" else 1.2)
    assert colours.contrast(ink.light, colours.LIGHT_BACKGROUND) >= needed
    assert colours.contrast(ink.dark, colours.dark_background()) >= needed


def test_the_svg_takes_the_scheme_s_inks_and_downloads_the_light_ones() -> None:
    drawn = '<text fill="#010101">12</text><path stroke="#010103"/><path stroke="#0072B2"/>'
    themed = inks.themed(drawn)
    assert themed == (
        '<text fill="var(--dl-chart-text, #333333)">12</text>'
        '<path stroke="var(--dl-chart-grid, #d9d9d9)"/><path stroke="#0072B2"/>'
    )
    light = '<text fill="#333333">12</text><path stroke="#d9d9d9"/><path stroke="#0072B2"/>'
    assert inks.light(themed) == inks.light(drawn) == light


def test_the_stylesheet_sets_each_ink_per_scheme() -> None:
    css = inks.css()
    assert ':root, [data-md-color-scheme="default"] { --dl-chart-text: #333333;' in css
    assert '[data-md-color-scheme="slate"] { --dl-chart-text: #e6e6e6;' in css


def test_no_side_s_colour_can_be_taken_for_an_ink() -> None:
    # The interactive layer swaps each light ink in a spec for the page's value.
    for ink in inks.INKS.values():
        assert colours.contrast_problem(ink.light) is not None
