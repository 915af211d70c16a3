"""The benchmark: ratios measured side by side in one run on this machine.

    python -m benchmarks.run --stories 1000 --scale 5

1. `dateline build` against plain `mkdocs build` of the same generated Markdown and assets
   (Dateline's overhead), with a cold and a warm chart cache;
2. cold chart rendering on every core against one core;
3. a one-story edit under `dateline serve`: seconds from the save to the updated page being
   served, the generator's part of it, and how many pages and charts were made again;
4. one story added, then `dateline build`, which starts from the last build: its time
   against a warm whole build (`dateline build --full`);
5. N stories against scale x N stories: time ratio and peak memory of each build.

Every corpus comes from `benchmarks.generate` (seeded) in a temporary folder; nothing is
published. Each build runs in its own process, so that memory is measured per build. Warm
and plain builds run `--repeat` times (2) and the fastest counts: on a shared machine the
same build's time varies by a sixth from one run to the next.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.generate import generate

if TYPE_CHECKING:
    from builder.chart.svg import Job

# Builds are dated 2026-07-01, after the last day of any synthetic corpus (content may not be
# dated after the build).
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1782864000"}
# Runs a command of ours in-process and reports its own peak memory and the largest of its
# child processes' (the chart workers; MkDocs makes none): which of the two a peak is tells
# where to look. Its own is the kernel's high-water mark of its memory since it started
# (`VmHWM`): `ru_maxrss` of a process also counts what the process that started it held
# (Linux keeps the larger across exec), so a child's figure is at least its parent's at the
# moment it was started.
MEASURED = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__")
except SystemExit as done:
    code = done.code
else:
    code = 0
try:
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"peak-kib {max(own, child)} own {own} child {child}", file=sys.stderr)
sys.exit(code)
"""


def run(module: str, *args: str, cwd: Path) -> tuple[float, int, str]:
    """Seconds, peak memory in MiB and stderr of `python -m module args` run in `cwd`."""
    # What the build before left for the disk to write back (a whole site's files) is
    # written first: otherwise it slows whichever build comes next, by up to half of a
    # build that starts from the last (docs/performance.md).
    os.sync()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, module, *args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{module} {' '.join(args)} failed in {cwd}:\n{done.stdout}{done.stderr}")
    peak = re.search(r"peak-kib (\d+) own (\d+) child (\d+)", done.stderr)
    if peak:
        print(
            f"  ({' '.join((module, *args))}: peak {int(peak.group(2)) // 1024} MiB in its own "
            f"process, {int(peak.group(3)) // 1024} MiB in the largest child)",
            flush=True,
        )
    return seconds, int(peak.group(1)) // 1024 if peak else 0, done.stderr


def fastest(times: int, module: str, *args: str, cwd: Path) -> tuple[float, int, str]:
    """`run` done `times` times: the fastest run's seconds and stderr, and the highest peak.
    As with `timeit`, a slower run measures other work on the machine, not ours: the same
    warm build of 1,000 stories took 113 s and 130 s here, a quarter of an hour apart."""
    runs = [run(module, *args, cwd=cwd) for _ in range(times)]
    seconds, _, log = min(runs, key=lambda each: each[0])
    return seconds, max(peak for _, peak, _ in runs), log


def corpus(root: Path, stories: int, places: int) -> Path:
    out = root / f"corpus-{stories}"
    generate(out, stories, places, seed=1)
    return out


def plain_copy(project: Path) -> Path:
    """The same site as plain MkDocs: the generated Markdown and assets written into docs/,
    and mkdocs.yml without the dateline plugin."""
    plain = project.parent / f"{project.name}-plain"
    shutil.copytree(project / "docs", plain / "docs")
    script = (
        "import sys; from pathlib import Path\n"
        "from builder.load import ProjectPaths\n"
        "from builder.pipeline import generate\n"
        "from builder.render import SiteSettings\n"
        "from builder.emit import write_folder\n"
        "root = Path(sys.argv[1])\n"
        "from builder.store import Store\n"
        "site = generate(ProjectPaths.at(root), store=Store.at(root / '.cache/dateline'),\n"
        "                settings=SiteSettings('Synthetic', '', True, ''))\n"
        "write_folder(site, Path(sys.argv[2]))\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(project), str(plain / "docs")], env=ENV, check=True
    )
    config = (project / "mkdocs.yml").read_text()
    config = config.replace("  - dateline\n", "")
    config += "extra_css: [dateline/dateline.css]\nextra_javascript: [dateline/charts.js]\n"
    (plain / "mkdocs.yml").write_text(config)
    return plain


def builds(
    project: Path, *, repeat: int, plain: bool = True, kept_charts: Path | None = None
) -> dict[str, float]:
    """Seconds and peak memory of a cold and a warm build, and of plain MkDocs if `plain`;
    the warm and plain builds are the fastest of `repeat`. With `kept_charts`, the chart
    cache is that folder, kept from run to run: then no cold build is measured (0) unless
    the folder is empty."""
    cache = project / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    measured = {"cold": 0.0, "cold_peak": 0.0}
    if kept_charts is not None:
        kept_charts.mkdir(parents=True, exist_ok=True)
        cache.mkdir()
        (cache / "dateline").symlink_to(kept_charts.resolve(), target_is_directory=True)
    if kept_charts is None or not any(kept_charts.iterdir()):
        measured["cold"], measured["cold_peak"], _ = run("builder", "build", cwd=project)
    # --full: a whole build every time (otherwise each starts from the last, see below).
    warm, warm_peak, log = fastest(repeat, "builder", "build", "--full", cwd=project)
    measured.update(warm=warm, warm_peak=warm_peak, generator=_generator_seconds(log))
    if plain:
        plain_project = plain_copy(project)
        measured["plain"], _, _ = fastest(repeat, "mkdocs", "build", "--quiet", cwd=plain_project)
    measured["peak"] = max(measured["cold_peak"], warm_peak)
    return measured


# What issue 25 holds every generated page to at 5,000 stories: a page a phone can load.
PAGE_LIMIT = 300 * 1024


def largest_page(site: Path) -> tuple[int, str]:
    """The largest HTML page a build wrote: its size in bytes and its path in the site."""
    sizes = (
        (page.stat().st_size, page.relative_to(site).as_posix()) for page in site.rglob("*.html")
    )
    return max(sizes, default=(0, ""))


def print_largest(site: Path, stories: int) -> None:
    size, path = largest_page(site)
    verdict = "within" if size <= PAGE_LIMIT else "over"
    print(
        f"largest page, {stories} stories: {path} {size / 1024:.0f} KB "
        f"({verdict} {PAGE_LIMIT // 1024} KB)",
        flush=True,
    )


def one_story_added(project: Path) -> dict[str, float]:
    """`dateline build` after one new story is added to a site built whole just before:
    seconds, and the pages generated and built again. The story file is removed afterwards
    (the next build of the corpus is whole: see `builds`)."""
    source = project / "content" / "articles" / "story-00000.md"
    added = project / "content" / "articles" / "story-added.md"
    added.write_text(source.read_text().replace("story 00000", "story added", 1))
    try:
        seconds, peak, log = run("builder", "build", cwd=project)
    finally:
        added.unlink()
    if "building again only what changed" not in log:
        raise SystemExit(f"the build after adding a story did not start from the last:\n{log}")
    generated = re.search(r"(\d+) of (\d+) pages generated", log)
    built = re.search(r"(\d+) of (\d+) generated files built again", log)
    return {
        "seconds": seconds,
        "peak": peak,
        "pages": float(generated.group(1)) if generated else 0.0,
        "built": float(built.group(1)) if built else 0.0,
        "files": float(built.group(2)) if built else 0.0,
    }


def print_added(added: dict[str, float], warm: float) -> None:
    print(
        f"one story added, dateline build: {added['seconds'] / warm:.2f} x a warm whole build "
        f"({added['seconds']:.1f} s against {warm:.1f} s); {added['pages']:.0f} pages generated, "
        f"{added['built']:.0f} of {added['files']:.0f} generated files built again by MkDocs; "
        f"peak memory {added['peak']:.0f} MiB",
        flush=True,
    )


@dataclass(frozen=True)
class Throughput:
    """Seconds to draw the same uncached charts three ways."""

    charts: int
    one_core: float  # one drawing process, held to one core
    all_cores: float  # one drawing process a core, as a cold build draws them
    one_process: float  # in this process, free to use every core


def chart_throughput(project: Path, sample: int) -> Throughput:
    """Seconds to render `sample` distinct uncached charts on one core and on all cores.

    "One core" is a drawing process held to one core (its affinity): vl-convert's V8 runs
    its garbage collector and compiler on threads of their own, and a process left free
    runs them on the second core, so against one process the ratio measured how much of
    the second core was idle, not how the drawing scales. Both timings start their
    processes inside the timing, as a build does. The
    unpinned one-process time is printed beside them (docs/performance.md, "The cold-chart
    measure")."""
    from builder.chart.svg import render_all
    from builder.store import Store

    picked = _uncached_jobs(project, sample)
    cores = len(os.sched_getaffinity(0))

    def timed(workers: Any) -> float:
        # A store of its own each time: every chart is drawn, none read from the last run.
        os.sync()  # as in `run`: the build before left a site's files to write back
        started = time.perf_counter()
        render_all(picked, Store.in_memory(), workers=workers)
        return time.perf_counter() - started

    with one_core_process() as pinned:
        one_core = timed(pinned)
    return Throughput(len(picked), one_core, timed(cores), timed(1))


def one_core_process() -> ProcessPoolExecutor:
    """One process, started as the build's drawing processes are (`QuietStartContext`),
    that runs on one core only, with every thread it starts."""
    from builder.vlworker import QuietStartContext

    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=QuietStartContext(),
        initializer=os.sched_setaffinity,
        initargs=(0, {min(os.sched_getaffinity(0))}),
    )


def _uncached_jobs(project: Path, sample: int) -> list[Job]:
    """`sample` distinct chart jobs of the corpus in `project`, wide and narrow layouts."""
    from builder.chart.generated import province_definitions
    from builder.chart.kinds import CHART_KINDS
    from builder.chart.marks import Style
    from builder.chart.select import rows
    from builder.chart.svg import Job
    from builder.derive import derive
    from builder.load import ProjectPaths, load
    from builder.validate import validate

    content = validate(load(ProjectPaths.at(project)))
    derived = derive(content)
    definitions = {**province_definitions(content, derived), **content.charts}
    jobs: dict[str, Job] = {}
    for definition in definitions.values():
        data = rows(definition, content, derived)
        for narrow in (False, True):
            spec = CHART_KINDS[type(definition)](data, definition, Style(narrow=narrow))
            job = Job(spec.to_dict(validate=False), with_png=not narrow)
            jobs.setdefault(job.key, job)
        if len(jobs) >= sample:
            break
    return list(jobs.values())[:sample]


def one_story_edit(project: Path, port: int = 8765) -> dict[str, float]:
    """Serve, change one story's headline, and time until the page served shows it."""
    server = subprocess.Popen(
        [sys.executable, "-m", "builder", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/stories/story-00000/"
    story = project / "content" / "articles" / "story-00000.md"
    text = story.read_text()
    try:
        _wait_for(url, lambda page: "story 00000" in page, timeout=3600)
        # A headline the page never had, so that a corpus edited before is measured too.
        edited = f"story 00000 edited at {time.time_ns()}"
        os.sync()  # as in `run`
        started = time.perf_counter()
        story.write_text(text.replace("story 00000", edited, 1))
        _wait_for(url, lambda page: edited in page, timeout=3600)
        seconds = time.perf_counter() - started
        time.sleep(1)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=60)
        log_lines = err.splitlines()
        story.write_text(text)  # the corpus as it was, for the next run
    after_edit = log_lines[_last_index(log_lines, "generated in") :]
    rendered = [int(m.group(1)) for line in after_edit if (m := re.search(r"charts: (\d+)/", line))]
    # "1 story read again, 24 of 17036 pages generated": the 24.
    made = re.compile(r"(\d+)(?: of \d+)? pages generated")
    pages = [int(m.group(1)) for line in after_edit if (m := made.search(line))]
    return {
        "seconds": seconds,
        "generator": _generator_seconds("\n".join(after_edit)),
        "pages": float(pages[-1]) if pages else 0.0,
        "charts": float(sum(rendered)),
    }


def _last_index(lines: list[str], needle: str) -> int:
    found = [i for i, line in enumerate(lines) if needle in line]
    return found[-1] if found else len(lines)


def _generator_seconds(log: str) -> float:
    found = re.findall(r"generated in ([\d.]+) s", log)
    return float(found[-1]) if found else 0.0


def _wait_for(url: str, ready: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode()):  # type: ignore[operator]
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} not ready after {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument(
        "--scale", type=int, default=5, help="the larger corpus, x stories (1: not measured)"
    )
    parser.add_argument("--places-per-story", type=int, default=3)
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="warm and plain builds: each run this many times and the fastest taken",
    )
    # Enough charts that starting the worker processes (about half a second) weighs in the
    # measure about as much as in a cold build of a large site, which renders thousands, and
    # that one run's noise does not decide the ratio (docs/performance.md, "Cold charts").
    parser.add_argument("--chart-sample", type=int, default=600)
    parser.add_argument(
        "--larger-charts",
        type=Path,
        help="keep the larger corpus's chart cache in this folder from run to run (its charts "
        "take tens of minutes to render on two cores); its cold build is then not measured",
    )
    parser.add_argument(
        "--added-only",
        type=Path,
        metavar="PROJECT",
        help="measure only a build after one story is added, against a warm whole build, on "
        "a corpus already generated (and built once) in PROJECT",
    )
    parser.add_argument(
        "--edit-only",
        type=Path,
        metavar="PROJECT",
        help="measure only the one-story edit, on a corpus already generated in PROJECT "
        "(python -m benchmarks.generate PROJECT --stories N --places 3N --seed 1)",
    )
    parser.add_argument(
        "--charts-only",
        type=Path,
        metavar="PROJECT",
        help="measure only cold chart rendering on all cores against one, on a corpus "
        "already generated in PROJECT",
    )
    args = parser.parse_args()
    if args.charts_only:
        print_throughput(chart_throughput(args.charts_only, args.chart_sample))
        return
    if args.edit_only:
        print_edit(one_story_edit(args.edit_only))
        return
    if args.added_only:
        warm, _, _ = run("builder", "build", "--full", cwd=args.added_only)
        print_added(one_story_added(args.added_only), warm)
        return
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as folder:
        root = Path(folder)
        small = corpus(root, args.stories, args.stories * args.places_per_story)
        print(f"corpus: {args.stories} stories (seeded), {cores} cores", flush=True)
        measured = builds(small, repeat=args.repeat)
        print(
            f"build, {args.stories} stories: warm {measured['warm'] / measured['plain']:.2f} x "
            f"plain mkdocs build, cold {measured['cold'] / measured['plain']:.2f} x "
            f"(plain {measured['plain']:.1f} s, warm {measured['warm']:.1f} s of which "
            f"generator {measured['generator']:.1f} s, cold {measured['cold']:.1f} s); "
            f"peak memory {measured['peak']:.0f} MiB",
            flush=True,
        )
        print_largest(small / "site", args.stories)
        print_added(one_story_added(small), measured["warm"])
        print_throughput(chart_throughput(small, args.chart_sample))
        print_edit(one_story_edit(small))
        if args.scale > 1:
            scale(root, args, measured)


def print_throughput(measured: Throughput) -> None:
    cores = len(os.sched_getaffinity(0))
    print(
        f"cold charts: {measured.one_core / measured.all_cores:.2f} x the throughput of one "
        f"core on {cores} cores ({measured.charts} charts: {measured.one_core:.1f} s on one, "
        f"{measured.all_cores:.1f} s on all; {measured.one_process:.1f} s in one process "
        f"free to use every core, {measured.one_process / measured.all_cores:.2f} x)",
        flush=True,
    )


def print_edit(edit: dict[str, float]) -> None:
    print(
        f"one-story edit under dateline serve: page served updated {edit['seconds']:.2f} s "
        f"after the save; generator {edit['generator']:.2f} s "
        f"({edit['generator'] / edit['seconds']:.0%}); {edit['pages']:.0f} pages and "
        f"{edit['charts']:.0f} charts made again",
        flush=True,
    )


def scale(root: Path, args: argparse.Namespace, measured: dict[str, float]) -> None:
    big_n = args.stories * args.scale
    project = corpus(root, big_n, big_n * args.places_per_story)
    larger = builds(project, repeat=args.repeat, plain=False, kept_charts=args.larger_charts)
    cold = (
        f"cold build {larger['cold'] / measured['cold']:.2f} x the time, "
        if larger["cold"]
        else "cold build not measured (charts kept from an earlier run), "
    )
    print(
        f"scale: {big_n} / {args.stories} stories: {cold}"
        f"warm {larger['warm'] / measured['warm']:.2f} x "
        f"(warm {larger['warm']:.1f} s, generator {larger['generator']:.1f} s); peak memory "
        f"{measured['peak']:.0f} MiB and {larger['peak']:.0f} MiB",
        flush=True,
    )
    print_largest(project / "site", big_n)


if __name__ == "__main__":
    main()
