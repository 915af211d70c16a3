"""Specs to images: each distinct job rendered once and in order, every result kept under
the hash of what was rendered (how the store keeps it: tests/test_store.py), drawn over
the processes while the next specs are made."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from builder import inks
from builder.chart import svg as svg_module
from builder.chart.svg import Job, render_all, rendered
from builder.drawn import finished
from builder.store import Store


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
        [("b", "plain"), ("a", "north"), ("b", "plain"), ("c", "village"), ("a", "north")],
        5,
        read=lambda key: "a=cached" if key == "a" else None,
        work=work,
        write=write,
        label="charts",
        workers=1,
    )
    assert out == ["b=PLAIN", "a=cached", "b=PLAIN", "c=VILLAGE", "a=cached"]
    assert (made, kept) == (["plain", "village"], ["b", "c"])


def test_the_processes_draw_the_first_images_while_the_next_inputs_are_made() -> None:
    first_drawn = threading.Event()
    taken: list[int] = []
    taken_when_drawn: dict[int, int] = {}

    def inputs() -> Iterator[tuple[str, int]]:
        for number in range(40):
            if number == 30:  # the specs of a cold build take longer than this wait
                assert first_drawn.wait(timeout=60), "nothing drawn while the inputs were made"
            taken.append(number)
            yield f"key-{number}", number

    def draw(number: int) -> int:
        taken_when_drawn[number] = len(taken)
        first_drawn.set()
        return number * 2

    with ThreadPoolExecutor(1) as kept_open:
        out = rendered(
            inputs(),
            40,
            read=lambda key: None,
            work=draw,
            write=lambda key, made: made,
            label="",
            workers=kept_open,
        )
    assert out == [number * 2 for number in range(40)]
    # Never more queued than a few per process: a cold build holds a few specs, not all.
    assert all(
        taken_when_drawn[number] <= number + svg_module.QUEUED_PER_PROCESS + 1
        for number in range(40)
    )


def test_a_stage_starts_its_processes_once_for_all_its_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[int] = []

    def processes(count: int) -> ThreadPoolExecutor:
        started.append(count)
        return ThreadPoolExecutor(count)

    monkeypatch.setattr(svg_module, "vl_convert_processes", processes)
    with svg_module.Renderers(2) as stage:
        for batch in (["a", "b", "c", "d", "e"], ["f", "g", "h", "i"], ["j"]):
            made = rendered(
                ((key, key) for key in batch),
                len(batch),
                read=lambda key: None,
                work=str.upper,
                write=lambda key, image: image,
                label="",
                workers=stage,
            )
            assert made == [key.upper() for key in batch]
    assert started == [2]
    with svg_module.Renderers(2) as stage:  # fewer than PARALLEL_FROM: made here
        assert rendered(
            [("a", "a")],
            1,
            read=lambda key: None,
            work=str.upper,
            write=lambda key, image: image,
            label="",
            workers=stage,
        ) == ["A"]
    assert started == [2]


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

    def draw(job: tuple[dict[str, Any], bool, str]) -> tuple[str, bytes | None]:
        # As `builder.vlworker.chart_images`: finished where drawn, with the job's scope.
        drawn.append(job[0])
        svg = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)" x="1.23456"/></svg>'
        return finished(svg, job[2]), b"\x89PNG"

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
