"""What a build read and what it published, per kind of record.

Published counts are found in the generated output (a place's page exists and shows every
alias; a count row is in the CSV download), so a record dropped anywhere on the way shows up
as a gap between the two numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import escape

from builder.load import RawContent
from builder.render import Asset, Page
from builder.render.links import claim_page, place_page, source_page, story_page
from builder.store import Entry
from builder.validate import Content


def _rows_after_the_header(download: Entry) -> int:
    """The rows of a CSV download, read as a spreadsheet would (a quoted cell may hold a line
    break), a line at a time: at thousands of stories a dataset is megabytes, and the build
    is about to hand MkDocs its pages."""
    kept = download.file
    with kept.open("rb") if kept is not None else io.BytesIO(download.bytes()) as held:
        rows = sum(1 for _ in csv.reader(io.TextIOWrapper(held, encoding="utf-8", newline="")))
    return max(0, rows - 1)


@dataclass(frozen=True)
class Tally:
    kind: str
    read: int
    published: int

    def __str__(self) -> str:
        gap = (
            "" if self.read == self.published else f" ({self.read - self.published} not published)"
        )
        return f"{self.kind}: {self.read} read, {self.published} published{gap}"


def tally(raw: RawContent, content: Content, pages: list[Page], assets: list[Asset]) -> list[Tally]:
    by_path = {page.path: page for page in pages}
    # The datasets, not the images: only the CSV downloads are counted in.
    files = {
        a.path: a.data for a in assets if a.path.startswith("data/") and a.path.endswith(".csv")
    }

    @lru_cache(maxsize=8)  # a page is read once for all the checks on it, not held after
    def markdown(path: str) -> str:
        page = by_path.get(path)
        return page.markdown if page else ""

    def shown(path: str, text: str) -> bool:
        return str(escape(text)) in markdown(path)

    def csv_rows(name: str) -> int:
        found = files.get(f"data/{name}.csv")
        return _rows_after_the_header(found) if found is not None else 0

    places = content.places.values()
    claims = content.claims.values()
    stories = {s.article.slug: s for s in content.stories}
    return [
        Tally(
            "stories",
            len(raw.articles),
            sum(story_page(slug or "") in by_path for slug in stories),
        ),
        Tally(
            "sources",
            len(raw.records["sources"]),
            sum(shown(source_page(s.id), s.name) for s in content.sources.values()),
        ),
        Tally(
            "places",
            len(raw.records["places"]),
            sum(shown(place_page(p), p.name.en) for p in places),
        ),
        Tally(
            "aliases",
            sum(len(p.aliases) for p in places),
            sum(shown(place_page(p), alias) for p in places for alias in p.aliases),
        ),
        Tally(
            "claims",
            len(raw.records["claims"]),
            sum(shown(claim_page(c.id), c.text) for c in claims),
        ),
        Tally(
            "attributions",
            sum(len(c.attributions) for c in claims),
            sum(
                shown(claim_page(c.id), content.sources[a.source].name)
                for c in claims
                for a in c.attributions
            ),
        ),
        Tally("area count rows", len(raw.records["area_counts"]), csv_rows("area_counts")),
        Tally("control changes", len(raw.records["control_changes"]), csv_rows("control_changes")),
        Tally(
            "corrections",
            sum(len(s.article.corrections) for s in stories.values()),
            sum(
                shown(story_page(slug or ""), c.text)
                for slug, s in stories.items()
                for c in s.article.corrections
            ),
        ),
    ]
