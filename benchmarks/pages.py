"""The weight of a large site's list pages, measured on a real `dateline build` without
waiting for thousands of charts to be drawn.

    python -m benchmarks.pages PROJECT

builds PROJECT (a corpus of `benchmarks.generate`) in this process, as `dateline build
--full` does, with one difference: the pictures of the charts and social cards no list page
shows are stand-ins (an empty SVG, a one-pixel PNG), since a cold build of the 5,000-story
corpus draws about 11,000 charts and 5,000 cards (an hour on two quiet cores). Drawn by
vl-convert as in any build: every chart of the provinces index, the home page, the province
pages and the timeline (all generated), and every chart of the `--draw-stories` stories
that report the most changes of control, with their before/after maps, the heaviest story
pages. Everything else on every page (text, links, tables, the theme) is the build's own.

It prints the largest page of each kind against the 300 KB a page may weigh (issue 25),
exact where every picture on it was drawn; for a kind whose largest page shows a stand-in,
also the largest page of the kind whose pictures were all drawn.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from benchmarks.run import ENV, PAGE_LIMIT
from builder.chart import svg
from builder.chart.generated import day_map_id, story_days
from builder.chart.svg import Image, Job
from builder.chart_definitions import PROVINCE_CHART_PREFIX
from builder.derive import Derived
from builder.derive import derive as derive_all
from builder.store import Entry, InMemory, Store
from builder.validate import Content, Story

# The generated charts, drawn but for the before/after maps of each day (one per day of
# changes: hundreds), of which only those of the sampled stories are drawn.
GENERATED = f"chart-{PROVINCE_CHART_PREFIX}"
DAY_MAPS = f"chart-{PROVINCE_CHART_PREFIX}changes-"
STAND_IN = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>'
STAND_IN_SVG = InMemory(STAND_IN)
# The smallest valid PNG: one transparent pixel.
STAND_IN_PNG = InMemory(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)
# Pages that list, by where they lie in the site; the rest carry charts drawn by stand-ins.
LISTS = ("stories/", "places/", "sources/", "claims/", "provinces/index.html", "timeline/")
ENTITIES = ("stories/story-", "places/village-", "sources/source-", "claims/")


def kind_of(page: str) -> str:
    """A built page's kind: a list (exactly measured), told apart by where it lies
    (`list: stories`, `list: stories/page`, `list: places/province`, `list: timeline/month
    part`), or a page whose chart pictures are stand-ins (`story`, `province`, ...)."""
    parts = page.removesuffix("index.html").strip("/").split("/")
    if page.startswith(ENTITIES) and len(parts) == 2:  # stories/<slug>/index.html
        return "story" if parts[0] == "stories" else parts[0].removesuffix("s")
    if parts[0] == "provinces" and len(parts) == 2:
        return "province"
    if parts[0] == "timeline":
        return "list: timeline" + ["", "/month", "/month part"][min(len(parts), 3) - 1]
    if page.startswith(LISTS):
        return "list: " + "/".join(parts[:2])
    return "other"


Largest = dict[str, tuple[int, str]]


def largest_by_kind(site: Path) -> tuple[Largest, Largest]:
    """The largest page of each kind, and the largest of each kind whose pictures were all
    drawn (no stand-in on it), with their sizes in bytes."""
    found: Largest = {}
    exact: Largest = {}
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        kind = kind_of(path)
        html = page.read_bytes()
        found[kind] = max(found.get(kind, (0, "")), (len(html), path))
        if STAND_IN not in html:
            exact[kind] = max(exact.get(kind, (0, "")), (len(html), path))
    return dict(sorted(found.items())), exact


def drawn_scopes(content: Content, derived: Derived, stories: int) -> tuple[str, ...]:
    """The SVG scopes drawn: the generated charts but the day maps, and every chart of the
    `stories` stories that report the most changes of control, their day maps included."""

    def changes(story: Story) -> int:
        return sum(len(derived.changes_by_claim.get(claim, [])) for claim in story.claims)

    heaviest = sorted(content.stories, key=changes, reverse=True)[:stories]
    charts = [chart for story in heaviest for chart in story.charts]
    days = [day_map_id(day) for story in heaviest for day in story_days(story, derived)]
    return tuple(f"chart-{identifier}" for identifier in charts + days)


def _stand_ins(real: object, stories: int) -> tuple[object, object]:
    """`derive` and `render_all` as the build calls them, drawing only what is sampled."""
    sampled: list[tuple[str, ...]] = []

    def derive(content: Content) -> Derived:
        derived = derive_all(content)
        sampled.append(drawn_scopes(content, derived, stories))
        return derived

    def is_drawn(job: Job) -> bool:
        scope = job.scope
        generated = scope.startswith(GENERATED) and not scope.startswith(DAY_MAPS)
        return generated or any(scope.startswith(s + "-") or scope == s for s in sampled[-1])

    def render_all(jobs: list[Job], store: Store, *args: object, **kwargs: object) -> list[Image]:
        wanted = [is_drawn(job) for job in jobs]
        drawn = [job for job, draw in zip(jobs, wanted, strict=True) if draw]
        images = iter(real(drawn, store, *args, **kwargs) if drawn else [])  # type: ignore[operator]
        return [
            next(images) if draw else Image(STAND_IN_SVG, STAND_IN_PNG if job.with_png else None)
            for job, draw in zip(jobs, wanted, strict=True)
        ]

    return derive, render_all


def _cards(svgs: list[str], *args: object, **kwargs: object) -> list[Entry]:
    return [STAND_IN_PNG for _ in svgs]


@contextmanager
def stand_in_pictures(stories: int) -> Iterator[None]:
    derive, render_all = _stand_ins(svg.render_all, stories)
    with (
        mock.patch("builder.pipeline.derive", derive),
        mock.patch("builder.chart.render_all", render_all),
        mock.patch("builder.pipeline.render_cards", _cards),
    ):
        yield


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument(
        "--draw-stories", type=int, default=12, help="how many of the heaviest stories to draw"
    )
    args = parser.parse_args()
    project = args.project.resolve()
    os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
    os.chdir(project)
    from builder.cli import main as dateline

    sys.argv = ["dateline", "build", "--full"]
    with stand_in_pictures(args.draw_stories):
        try:
            dateline()
        except SystemExit as done:
            if done.code:
                raise
    largest, exact = largest_by_kind(project / "site")
    for kind, (size, path) in largest.items():
        line = f"{kind}: {_weighed(size, path)}"
        drawn = exact.get(kind)
        if drawn is None or drawn[1] != path:
            line += "; with stand-in pictures. " + (
                f"Drawn whole: {_weighed(*drawn)}" if drawn else "None drawn whole."
            )
        print(line)


def _weighed(size: int, path: str) -> str:
    verdict = "within" if size <= PAGE_LIMIT else "over"
    return f"{path} {size / 1024:.0f} KB ({verdict} {PAGE_LIMIT // 1024} KB)"


if __name__ == "__main__":
    main()
