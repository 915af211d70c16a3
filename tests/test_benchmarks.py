"""The benchmark's own reckoning (`benchmarks/run.py`); the corpus generator is exercised
by the chart, incremental and browser tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from benchmarks import run as bench
from benchmarks.generate import generate as generate_corpus
from benchmarks.pages import STAND_IN, drawn_scopes, kind_of, largest_by_kind, stand_in_pictures
from builder import chart as chart_module
from builder import pipeline
from builder.chart import svg
from builder.chart.svg import Image, Job
from builder.store import InMemory, Store
from tests.contents import content_of


def test_a_repeated_build_counts_its_fastest_run_and_its_highest_peak(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    runs = iter([(130.0, 400, "slow log"), (113.0, 390, "fast log"), (121.0, 410, "log")])
    asked: list[tuple[str, ...]] = []

    def measured(module: str, *args: str, cwd: Path) -> tuple[float, int, str]:
        asked.append((module, *args))
        return next(runs)

    monkeypatch.setattr(bench, "run", measured)
    assert bench.fastest(3, "builder", "build", cwd=tmp_path) == (113.0, 410, "fast log")
    assert asked == [("builder", "build")] * 3


def test_a_single_run_is_taken_as_it_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(bench, "run", lambda *args, cwd: (57.0, 300, "log"))
    assert bench.fastest(1, "mkdocs", "build", cwd=tmp_path) == (57.0, 300, "log")


def test_a_run_reports_whether_its_peak_was_its_own_or_a_child_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A module whose child process holds about 200 MiB: the peak is the child's, not ours.
    (tmp_path / "holds_memory.py").write_text(
        "import subprocess, sys\n"
        "subprocess.run([sys.executable, '-c', 'b = bytearray(200 * 2**20); b[::4096] = b\"x\" "
        "* len(b[::4096])'], check=True)\n"
    )
    seconds, peak, _ = bench.run("holds_memory", cwd=tmp_path)
    said = capsys.readouterr().out
    own, child = (int(n) for n in re.findall(r"(\d+) MiB", said))
    assert child >= 200 > own
    assert peak == child and seconds > 0


def test_the_benchmark_names_the_largest_page_against_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "stories").mkdir()
    (tmp_path / "index.html").write_bytes(b"x" * 1024)
    (tmp_path / "stories" / "index.html").write_bytes(b"x" * 400 * 1024)
    (tmp_path / "search.json").write_bytes(b"x" * 900 * 1024)  # not a page
    assert bench.largest_page(tmp_path) == (400 * 1024, "stories/index.html")
    bench.print_largest(tmp_path, 5000)
    assert capsys.readouterr().out == (
        "largest page, 5000 stories: stories/index.html 400 KB (over 300 KB)\n"
    )


def test_the_page_measure_tells_list_pages_from_pages_with_charts() -> None:
    assert [
        kind_of(path)
        for path in (
            "stories/index.html",
            "stories/page/2/index.html",
            "stories/province/hama/index.html",
            "stories/province/hama/2/index.html",
            "stories/story-00001/index.html",
            "places/village-00001/index.html",
            "places/held-by/opposition/index.html",
            "claims/story-00001-claim-01/index.html",
            "claims/status/contested/index.html",
            "provinces/index.html",
            "provinces/hama/index.html",
            "timeline/index.html",
            "timeline/2024-12/index.html",
            "timeline/2024-12/08/index.html",
            "index.html",
        )
    ] == [
        "list: stories",
        "list: stories/page",
        "list: stories/province",
        "list: stories/province",
        "story",
        "place",
        "list: places/held-by",
        "claim",
        "list: claims/status",
        "list: provinces",
        "province",
        "list: timeline",
        "list: timeline/month",
        "list: timeline/month part",
        "other",
    ]


def test_the_page_measure_says_which_pages_were_weighed_with_every_picture(
    tmp_path: Path,
) -> None:
    stories = tmp_path / "stories"
    for slug, html in [
        ("story-00001", b"<p>" + b"x" * 5000 + STAND_IN),
        ("story-00002", b"<p>" + b"x" * 3000 + b"<svg>drawn</svg>"),
        ("story-00003", b"<p>" + b"x" * 1000),
    ]:
        (stories / slug).mkdir(parents=True)
        (stories / slug / "index.html").write_bytes(html)
    (tmp_path / "provinces" / "hama").mkdir(parents=True)
    (tmp_path / "provinces" / "hama" / "index.html").write_bytes(b"<p>" + STAND_IN)
    largest, exact = largest_by_kind(tmp_path)
    assert largest["story"] == (5000 + 3 + len(STAND_IN), "stories/story-00001/index.html")
    assert exact["story"] == (3000 + 3 + 16, "stories/story-00002/index.html")
    assert "province" in largest and "province" not in exact


def test_the_page_measure_draws_the_charts_of_the_stories_with_most_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_corpus(tmp_path, stories=6, places=60, seed=5)
    content = content_of(tmp_path)
    given: list[str] = []

    def draw(jobs: list[Job], store: object, *args: object, **kwargs: object) -> list[Image]:
        given.extend(job.scope for job in jobs)
        return [Image(InMemory(b"<svg>drawn</svg>"), None) for _ in jobs]

    monkeypatch.setattr(svg, "render_all", draw)
    with stand_in_pictures(1):
        derived = pipeline.derive(content)  # as the build calls it
        heaviest = max(
            content.stories,
            key=lambda story: sum(len(derived.changes_by_claim.get(c, [])) for c in story.claims),
        )
        other = next(story for story in content.stories if story is not heaviest)
        jobs = [
            Job({}, scope="chart-province-hama-control"),
            Job({}, scope=f"chart-{heaviest.charts[0]}-narrow"),
            Job({}, scope=f"chart-{other.charts[0]}"),
            Job({}, scope="chart-province-changes-2001-01-01-control"),
        ]
        images = chart_module.render_all(jobs, Store.in_memory())
    assert given == ["chart-province-hama-control", f"chart-{heaviest.charts[0]}-narrow"]
    assert [image.svg.bytes() for image in images] == [
        b"<svg>drawn</svg>",
        b"<svg>drawn</svg>",
        STAND_IN,
        STAND_IN,
    ]
    scopes = drawn_scopes(content, derived, 1)
    assert {f"chart-{chart}" for chart in heaviest.charts} <= set(scopes)
    assert any(scope.startswith("chart-province-changes-") for scope in scopes)


def test_cold_chart_throughput_draws_every_sampled_chart_on_one_core_and_on_all(
    tmp_path: Path,
) -> None:
    generate_corpus(tmp_path, stories=2, places=20, seed=3)
    measured = bench.chart_throughput(tmp_path, sample=2)
    assert measured.charts == 2
    assert min(measured.one_core, measured.all_cores, measured.one_process) > 0


def test_the_one_core_of_the_chart_measure_is_held_to_one_core() -> None:
    # V8's own threads start after the process is held to one core, and inherit it.
    with bench.one_core_process() as pinned:
        assert len(pinned.submit(os.sched_getaffinity, 0).result()) == 1
