"""The weight of a large site's list pages, measured on a real `dateline build` without
waiting for thousands of charts to be drawn.

    python -m benchmarks.pages PROJECT

builds PROJECT (a corpus of `benchmarks.generate`) in this process, as `dateline build
--full` does, with one difference: the pictures of the charts and social cards no list page
shows are stand-ins (an empty SVG, a one-pixel PNG), since a cold build of the 5,000-story
corpus draws about 11,000 charts and 5,000 cards (an hour on two quiet cores). The charts
list pages show, the national map that opens the provinces index and each timeline month's
strip, are drawn by vl-convert as in any build. Everything else on every page (text, links,
tables, the theme) is the build's own.

It prints the largest page of each kind against the 300 KB a page may weigh (issue 25):
exact for the list pages (the section indexes, their later pages and filtered lists, the
timeline), and for the others a weight without their chart pictures, marked so.
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
from builder.chart.svg import Image, Job
from builder.store import Entry, InMemory, Store

# The charts list pages show, by the start of their SVG scope (`chart-<id>`).
DRAWN = ("chart-province-syria-control", "chart-province-timeline-")
STAND_IN_SVG = InMemory(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>')
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


def largest_by_kind(site: Path) -> dict[str, tuple[int, str]]:
    """The largest page of each kind, with its size in bytes."""
    found: dict[str, tuple[int, str]] = {}
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        kind = kind_of(path)
        found[kind] = max(found.get(kind, (0, "")), (page.stat().st_size, path))
    return dict(sorted(found.items()))


def _stand_ins(real: object) -> object:
    def render_all(jobs: list[Job], store: Store, *args: object, **kwargs: object) -> list[Image]:
        drawn = [job for job in jobs if job.scope.startswith(DRAWN)]
        images = iter(real(drawn, store, *args, **kwargs) if drawn else [])  # type: ignore[operator]
        return [
            next(images)
            if job.scope.startswith(DRAWN)
            else Image(STAND_IN_SVG, STAND_IN_PNG if job.with_png else None)
            for job in jobs
        ]

    return render_all


def _cards(svgs: list[str], *args: object, **kwargs: object) -> list[Entry]:
    return [STAND_IN_PNG for _ in svgs]


@contextmanager
def stand_in_pictures() -> Iterator[None]:
    with (
        mock.patch("builder.chart.render_all", _stand_ins(svg.render_all)),
        mock.patch("builder.pipeline.render_cards", _cards),
    ):
        yield


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    project = args.project.resolve()
    os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
    os.chdir(project)
    from builder.cli import main as dateline

    sys.argv = ["dateline", "build", "--full"]
    with stand_in_pictures():
        try:
            dateline()
        except SystemExit as done:
            if done.code:
                raise
    for kind, (size, path) in largest_by_kind(project / "site").items():
        exact = kind.startswith("list")
        verdict = "within" if size <= PAGE_LIMIT else "over"
        note = "" if exact else ", charts' pictures not counted"
        print(f"{kind}: {path} {size / 1024:.0f} KB ({verdict} {PAGE_LIMIT // 1024} KB{note})")


if __name__ == "__main__":
    main()
