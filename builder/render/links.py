"""Where every page lives, and links between pages that work from any page.

Components are HTML blocks that MkDocs does not rewrite, so links are made relative here,
following MkDocs' own rules for page URLs (`use_directory_urls` on or off).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property

from builder.models import Place

HOME = "index.md"
STORIES = "stories/index.md"
PLACES = "places/index.md"
PROVINCES = "provinces/index.md"
SOURCES = "sources/index.md"
CLAIMS = "claims/index.md"
TIMELINE = "timeline.md"
DATA = "data/index.md"
CORRECTIONS = "corrections.md"
FEED = "feed.xml"  # the Atom feed of the latest stories


def timeline_month(month: str) -> str:
    """`month` as `2024-12`."""
    return f"timeline/{month}.md"


def timeline_part(month: str, day: int) -> str:
    """The part of a long timeline month that starts on `day` (its first part is the
    month's own page)."""
    return f"{timeline_month(month).removesuffix('.md')}/{day:02d}.md"


def filtered(section: str, by: str, value: str) -> str:
    """The first page of a section's list kept to one `value` of what it is filtered `by`
    (`stories/province/hama.md`, `places/status/holder-not-recorded.md`): one folder below
    the section's entity pages, so never the path of one (builder.render.listing)."""
    return f"{section}/{by}/{value.replace(' ', '-')}.md"


def lists_stories(path: str) -> bool:
    """Whether the page at `path` is a page of the stories index or of a filtered list of
    stories, all of which an edit to a story renders again."""
    return path == STORIES or path.startswith(("stories/page/", "stories/province/"))


def story_page(slug: str) -> str:
    return f"stories/{slug}.md"


def card_path(slug: str) -> str:
    return f"cards/{slug}.png"


def place_page(place: Place) -> str:
    """Governorates are provinces: their page is the province page."""
    folder = "provinces" if place.kind == "governorate" else "places"
    return f"{folder}/{place.id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def claim_page(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def chart_page(chart_id: str) -> str:
    """A chart's own page, where it is cited from and its embed code is given."""
    return f"charts/{chart_id}.md"


def chart_embed(chart_id: str) -> str:
    """A chart's embed view: a file of its own, not a page of the theme's, made for an
    iframe (`builder.render.chart_pages`)."""
    return f"charts/{chart_id}/embed/index.html"


def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a docs file, relative to the site root."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


@dataclass(frozen=True)
class Linker:
    """Relative links from the page at `here` (a docs path) to other docs paths."""

    here: str
    directory_urls: bool = True

    def __call__(self, target: str) -> str:
        path, _, fragment = target.partition("#")
        suffix = f"#{fragment}" if fragment else ""
        if not path:
            return suffix
        if path == self.here:
            return suffix or "./"
        target_url = page_url(path, self.directory_urls)
        relative = _relative(target_url, self._folder)
        if target_url.endswith("/") or not target_url:
            relative = "./" if relative == "." else relative + "/"
        return relative + suffix

    @cached_property
    def _folder(self) -> tuple[str, ...]:
        """The folders of this page's URL, which relative links climb out of."""
        here_url = page_url(self.here, self.directory_urls)
        base = here_url if here_url.endswith("/") or not here_url else posixpath.dirname(here_url)
        return tuple(part for part in base.split("/") if part)


def _relative(target_url: str, folder: tuple[str, ...]) -> str:
    """`posixpath.relpath(target_url, folder)` for URLs without `.` or `..` parts; made for
    every link of every page, so it skips relpath's normalising of both paths."""
    parts = [part for part in target_url.split("/") if part]
    shared = 0
    for mine, theirs in zip(folder, parts, strict=False):
        if mine != theirs:
            break
        shared += 1
    return "/".join([".."] * (len(folder) - shared) + parts[shared:]) or "."
