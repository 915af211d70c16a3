"""Content for tests that call one stage's functions directly, without building a site:
records read from YAML or CSV text written in the test, and the minimal fixture read
where it lies (nothing here writes to it)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from builder.chart import chart
from builder.derive import Derived, derive
from builder.load import ProjectPaths, load
from builder.located import Record, parse_csv, parse_yaml
from builder.render import Page, Rendered, SiteSettings, render
from builder.render.links import Linker
from builder.render.mentions import Mentions
from builder.render.views import Views
from builder.validate import Content, validate
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "minimal"


def yaml_records(text: str, path: str) -> list[Record]:
    """The entries of a YAML list as `load` reads them: one record per entry, at its line.
    What is wrong with the text itself (a duplicate key) is load's to report, not theirs."""
    parsed = parse_yaml(text, path)
    return [
        Record(path, line, item)
        for item, line in zip(parsed.value, parsed.value.item_lines, strict=True)
    ]


def csv_records(text: str, path: str) -> list[Record]:
    parsed = parse_csv(text, path)
    assert parsed.errors == [], parsed.errors
    _, records = parsed.value
    return list(records)


def content_of(project: Path = MINIMAL) -> Content:
    return validate(load(ProjectPaths.at(project)))


@cache
def minimal_content() -> Content:
    """The minimal fixture, read once for the tests that only read it."""
    return content_of()


@cache
def minimal_views() -> Views:
    return views_of(minimal_content())


def views_of(content: Content, derived: Derived | None = None) -> Views:
    """Views of the content with no charts, linking from the home page (`at` moves them)."""
    derived = derived or derive(content)
    return Views(
        content,
        derived,
        {},
        Mentions.of(content, derived, {}),
        Linker("index.md", True),
        SiteSettings("Fixture"),
    )


def rendered(project: Path = MINIMAL) -> Rendered:
    """Every page and download of the project, its charts drawn without a cache."""
    content = content_of(project)
    derived = derive(content)
    return render(content, derived, chart(content, derived, None), SiteSettings("Fixture"))


def pages_of(project: Path = MINIMAL) -> dict[str, Page]:
    return {page.path: page for page in rendered(project).pages}


def count_rows(places: Iterable[str], days: Iterable[int] = (1,)) -> pd.DataFrame:
    """The rows a count chart plots (`builder.chart.select.rows`): one count of the
    opposition's per place and day of December 2024, each from one unverified claim."""
    return pd.DataFrame(
        [
            {
                "date": f"2024-12-{day:02d}",
                "part_of_day": "",
                "place": place,
                "party": "Opposition",
                "count": n + day,
                "status": "unverified",
                "claim": "c",
            }
            for n, place in enumerate(places)
            for day in days
        ]
    )
