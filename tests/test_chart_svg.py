"""Specs to images: each distinct job rendered once and in order, every result kept under
the hash of what was rendered (how the store keeps it: tests/test_store.py), and SVG ids
scoped so that charts can share a page."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from builder import inks
from builder.chart import svg as svg_module
from builder.chart.svg import Job, compacted, render_all, rendered, rounded, scoped_ids
from builder.store import Store


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


def test_each_key_is_read_or_made_once_and_the_outputs_follow_the_keys_order() -> None:
    made: list[str] = []
    kept: list[str] = []

    def work(spec: str) -> str:
        made.append(spec)
        return spec.upper()

    def write(key: str, image: str) -> str:
        kept.append(key)
        return f"{key}={image}"

    out = rendered(
        {"a": "north", "b": "plain", "c": "village"},
        ["b", "a", "b", "c", "a"],
        read=lambda key: "a=cached" if key == "a" else None,
        work=work,
        write=write,
        label="charts",
        workers=1,
    )
    assert out == ["b=PLAIN", "a=cached", "b=PLAIN", "c=VILLAGE", "a=cached"]
    assert (made, kept) == (["plain", "village"], ["b", "c"])


def test_a_job_is_known_by_its_spec_whatever_the_order_of_its_keys() -> None:
    one = Job({"mark": "line", "data": {"values": [1, 2]}})
    same = Job({"data": {"values": [1, 2]}, "mark": "line"})
    other = Job({"mark": "bar", "data": {"values": [1, 2]}})
    assert one.key == same.key != other.key
    assert re.fullmatch(r"[0-9a-f]{64}", one.key)  # a SHA-256: cache files are named by it


def test_a_charts_svg_is_kept_with_its_ids_scoped_and_read_back_as_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[dict[str, Any]] = []

    def draw(job: tuple[dict[str, Any], bool]) -> tuple[str, bytes | None]:
        drawn.append(job[0])
        svg = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)" x="1.23456"/></svg>'
        return svg, b"\x89PNG"

    monkeypatch.setattr(svg_module, "chart_images", draw)
    store = Store.in_memory()
    jobs = [Job({"mark": "line"}, scope="chart-a"), Job({"mark": "line"}, scope="chart-b")]
    first = render_all(jobs, store, workers=1)
    again = render_all(jobs, store, workers=1)
    assert len(drawn) == 2  # the same spec drawn once per chart, then read from the store
    assert [image.svg.text() for image in again] == [image.svg.text() for image in first]
    assert first[0].svg.text() == (
        '<svg><clipPath id="chart-a-clip1"/><g clip-path="url(#chart-a-clip1)" x="1.2"/></svg>'
    )
    assert 'id="chart-b-clip1"' in first[1].svg.text()


def test_a_changed_ink_draws_every_chart_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # A drawn SVG has its inks' light colours written in as fallbacks, and its PNG is drawn
    # in them: with another ink, neither may come from the cache.
    job = Job({"mark": "bar", "config": {"axis": {"labelColor": inks.sentinel("text")}}})
    before = job.key
    darker = dataclasses.replace(inks.INKS["text"], light="#222222")
    monkeypatch.setitem(inks.INKS, "text", darker)
    assert job.key != before


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
