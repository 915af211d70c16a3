"""Specs to images: each distinct job rendered once and in order, every result cached under
the hash of what was rendered and trusted only with the digest it was stored with, and SVG
ids scoped so that charts can share a page."""

from __future__ import annotations

import re
from pathlib import Path

from builder.chart.svg import (
    Job,
    cached_entry,
    cached_file,
    rendered,
    scoped_ids,
    store,
    stored_by_content,
)


def test_svg_ids_are_scoped_so_two_charts_can_share_a_page() -> None:
    svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    scoped = scoped_ids(svg, "chart-a")
    assert 'id="chart-a-clip1"' in scoped and "url(#chart-a-clip1)" in scoped
    assert 'id="clip1"' not in scoped


def test_an_entry_is_trusted_only_with_the_digest_it_was_stored_with(tmp_path: Path) -> None:
    entry = store(tmp_path, "a.svg", b"<svg/>")
    assert cached_entry(tmp_path, "a.svg") == entry
    entry.write_bytes(b"<svg")
    assert cached_entry(tmp_path, "a.svg") is None
    made = cached_file(tmp_path, "a.svg", lambda: b"<svg/>")
    assert made == entry and entry.read_bytes() == b"<svg/>"
    assert cached_entry(tmp_path, "missing.svg") is None


def test_a_download_is_found_again_only_with_the_bytes_its_name_is_the_hash_of(
    tmp_path: Path,
) -> None:
    kept = stored_by_content(tmp_path, b"a,b\n1,2\n", ".csv")
    kept.write_bytes(b"a,b\n1,")
    assert stored_by_content(tmp_path, b"a,b\n1,2\n", ".csv") == kept
    assert kept.read_bytes() == b"a,b\n1,2\n"


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


def test_with_no_cache_what_is_made_is_given_as_it_is() -> None:
    assert cached_file(None, "a.svg", lambda: b"<svg/>") == b"<svg/>"
