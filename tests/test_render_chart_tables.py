"""Each chart's table: the rows a page shows of it (the latest of a series), and its
downloads, which parse back to the rows it plots and carry their licence."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.chart import RenderedChart, chart
from builder.derive import derive
from builder.render import chart_tables
from builder.render.chart_tables import (
    CHART_ROWS_SHOWN,
    chart_dataset,
    chart_files,
    shown_rows,
)
from builder.render.datasets import Column, Dataset, to_csv, to_json
from builder.render.settings import Licence, SiteSettings
from builder.store import Entry, Store
from tests.conftest import REPO
from tests.contents import content_of

LICENCE = Licence()


@pytest.fixture(scope="module")
def rendered() -> dict[str, RenderedChart]:
    """The first story's charts: one of each kind."""
    content = content_of(REPO)
    return chart(content, derive(content), None, workers=1)


def test_downloads_parse_back_to_the_plotted_rows(rendered: dict[str, RenderedChart]) -> None:
    for identifier, each in rendered.items():
        table = chart_dataset(each)
        expected = [
            {k: ("" if v is None else str(v)) for k, v in row.items()} for row in table.rows
        ]
        from_csv = list(csv.DictReader(io.StringIO(to_csv(table).decode())))
        assert from_csv == expected, identifier
        from_json = json.loads(to_json(table, LICENCE))
        assert from_json["data"] == table.rows, identifier
        # Columns that only draw the chart (a map's colours, named `_...`) are left out.
        drawn = [c for c in each.data.columns if not str(c).startswith("_")]
        assert [f["name"] for f in from_json["schema"]["fields"]] == drawn, identifier


def test_each_chart_downloads_its_data_pictures_and_specs_beside_a_licence(
    rendered: dict[str, RenderedChart],
) -> None:
    store = Store.in_memory()
    made = {asset.path: asset for asset in chart_files(rendered, store, SiteSettings("Fixture"))}
    readme = made.pop("charts/README.txt").data.text()
    assert "Published by Fixture under CC BY 4.0" in readme
    for identifier in rendered:
        image = made[f"charts/{identifier}.svg"].data.text()
        assert "creativecommons.org/licenses/by/4.0" in image, identifier
        for kind in ("csv", "json", "svg", "png", "vl.json", "narrow.vl.json"):
            del made[f"charts/{identifier}.{kind}"]
    assert made == {}  # nothing but each chart's six files and the README


def _dataset(columns: tuple[str, ...], rows: list[dict[str, object]]) -> Dataset:
    return Dataset(
        "c", "A chart", "", tuple(Column(name, "string", name) for name in columns), rows
    )


def test_a_page_shows_the_latest_rows_of_a_long_series_and_the_first_of_a_list() -> None:
    # A series written out of date order (as a small-multiples chart is, place by place).
    days = [f"2024-{month:02d}-{day:02d}" for month in (12, 11, 10) for day in range(1, 29)]
    series = _dataset(("date", "count"), [{"date": d, "count": 1} for d in days])
    shown = shown_rows(series)
    assert len(shown) == CHART_ROWS_SHOWN == 25
    assert [row["date"] for row in shown] == sorted(days)[-25:]
    assert shown[-1]["date"] == "2024-12-28" and shown[0]["date"] == "2024-12-04"
    places = _dataset(("place",), [{"place": f"Village {n:03d}"} for n in range(100)])
    assert [row["place"] for row in shown_rows(places)] == [f"Village {n:03d}" for n in range(25)]
    short = _dataset(("date",), [{"date": "2024-12-02"}, {"date": "2024-12-01"}])
    assert shown_rows(short) == short.rows  # all of them, as written


def test_a_chart_s_downloads_are_taken_again_as_kept_while_the_chart_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = content_of(REPO)
    store = Store.at(tmp_path)
    drawn = chart(content, derive(content), store, workers=1)
    settings = SiteSettings("Fixture")
    made = []
    monkeypatch.setattr(chart_tables, "_made", _counted(chart_tables._made, made))

    def files(chosen: SiteSettings = settings) -> dict[str, bytes]:
        return {a.path: a.data.bytes() for a in chart_files(drawn, store, chosen)}

    first = files()
    assert len(made) == len(drawn)
    assert files() == first
    assert len(made) == len(drawn)  # the second build wrote no rows or specs out again
    # A download damaged in the store is made again, never published as it is.
    csv_file = next(a for a in chart_files(drawn, store, settings) if a.path.endswith(".csv"))
    assert csv_file.data.file is not None
    csv_file.data.file.write_bytes(b"cut short")
    assert files() == first
    assert len(made) == len(drawn) + 1
    # Another licence: every chart's downloads are made again, and say so.
    zero = Licence("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")
    relicensed = files(SiteSettings("Fixture", licence=zero))
    assert len(made) == 2 * len(drawn) + 1
    some = next(path for path in relicensed if path.endswith(".json") and ".vl." not in path)
    assert json.loads(relicensed[some])["licenses"] == [{"title": zero.name, "path": zero.url}]


def _counted(made: Callable[..., list[Entry]], calls: list[None]) -> Callable[..., list[Entry]]:
    def counted(*args: Any) -> list[Entry]:
        calls.append(None)
        return made(*args)

    return counted
