"""What is done to an SVG vl-convert drew before it is kept: ids scoped so that charts can
share a page, numbers rounded, what only repeats left out."""

from __future__ import annotations

from builder.drawn import compacted, finished, rounded, scoped_ids


def test_svg_ids_are_scoped_so_two_charts_can_share_a_page() -> None:
    svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    scoped = scoped_ids(svg, "chart-a")
    assert 'id="chart-a-clip1"' in scoped and "url(#chart-a-clip1)" in scoped
    assert 'id="clip1"' not in scoped


def test_svg_ids_are_numbered_afresh_so_a_chart_is_the_same_whatever_was_drawn_before() -> None:
    # vl-convert counts clip paths across all a process has drawn.
    alone = '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/>'
    later = '<clipPath id="clip17"/><g clip-path="url(#clip17)"/><clipPath id="clip18"/>'
    assert (
        scoped_ids(alone, "chart-a")
        == scoped_ids(later, "chart-a")
        == (
            '<clipPath id="chart-a-clip1"/><g clip-path="url(#chart-a-clip1)"/>'
            '<clipPath id="chart-a-clip2"/>'
        )
    )


def test_numbers_in_tags_are_kept_to_a_tenth_of_a_pixel_and_text_as_written() -> None:
    drawn = (
        '<path transform="translate(42.76923076923077,96.58)" d="M31.375,45.665L-0.004,2.0001"'
        ' opacity="0.05"/><text x="1.25001">3.14159</text>'
    )
    assert rounded(drawn) == (
        '<path transform="translate(42.8,96.58)" d="M31.4,45.7L0,2" opacity="0.05"/>'
        '<text x="1.3">3.14159</text>'
    )


def test_a_font_said_on_every_text_is_said_once_and_full_opacity_not_at_all() -> None:
    family = 'font-family="DejaVu Sans, sans-serif"'
    drawn = (
        f'<svg class="marks" width="10"><g><text {family} opacity="1">North</text>'
        f'<text {family} fill="#333">3 → 4</text><text font-family="serif">x</text>'
        '<path d="M0,0L1,1" opacity="1"/><path d="M0,0L1,2" opacity="0.5"/>'
        # An editor's label, as vl-convert writes it: its quotes are not escaped.
        f'<text {family}>Set opacity="1" and {family}</text></g></svg>'
    )
    assert compacted(drawn) == (
        f'<svg {family} class="marks" width="10"><g><text>North</text>'
        '<text fill="#333">3 → 4</text><text font-family="serif">x</text>'
        '<path d="M0,0L1,1"/><path d="M0,0L1,2" opacity="0.5"/>'
        f'<text>Set opacity="1" and {family}</text></g></svg>'
    )


def test_a_finished_svg_has_its_ids_scoped_its_numbers_rounded_and_its_inks_set_by_the_page() -> (
    None
):
    drawn = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)" x="1.23456"/></svg>'
    assert finished(drawn, "chart-a") == (
        '<svg><clipPath id="chart-a-clip1"/><g clip-path="url(#chart-a-clip1)" x="1.2"/></svg>'
    )
    assert (
        finished(drawn, "")
        == '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)" x="1.2"/></svg>'
    )
