"""Each chart's table: the rows it plots, each column described, as a page shows them (at
most `CHART_ROWS_SHOWN`, the latest of a series) and as its downloads (every row, as CSV and
JSON, beside its SVG, PNG and Vega-Lite specs, with the README that gives their licence)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from builder import inks
from builder.chart import RenderedChart
from builder.render.datasets import Column, Dataset, to_csv, to_json
from builder.render.licence import README, readme, svg_with_licence
from builder.render.page import Asset
from builder.render.settings import SiteSettings
from builder.store import InMemory, Store

CHART_COLUMNS = {
    "date": ("date", "Date"),
    "part_of_day": ("string", "Time of day"),
    "place": ("string", "Place"),
    "party": ("string", "Party"),
    "count": ("integer", "Count"),
    "from_party": ("string", "From"),
    "to_party": ("string", "Taken by"),
    "kind": ("string", "Kind"),
    "province": ("string", "Province"),
    "lat": ("number", "Latitude"),
    "lon": ("number", "Longitude"),
    "status": ("string", "Status"),
    "holder": ("string", "Held by"),
    "since": ("string", "Since"),
    "record": ("string", "Record"),
    "side": ("string", "Side"),
    "number": ("integer", "Number"),
    "claim": ("string", "Claim"),
}


def chart_dataset(chart: RenderedChart) -> Dataset:
    """The rows a chart plots, as a dataset: its table on the page and its downloads.
    Columns whose names start with `_` only draw the chart (a map's colours): left out."""
    columns = tuple(
        Column(name, *CHART_COLUMNS[name]) for name in chart.columns if not name.startswith("_")
    )
    shown = [column.name for column in columns]
    return Dataset(
        chart.definition.id,
        chart.definition.title,
        chart.description,
        columns,
        [{name: record[name] for name in shown} for record in chart.records]
        if len(shown) < len(chart.columns)
        else chart.records,
    )


# A page shows at most this many rows of a chart's table: a national map of 3,000 places
# or an overview of every province over months would otherwise make a page of megabytes
# (issue 25: no page over 300 KB at 5,000 stories; a story with three charts showed 120
# rows, a third of its page). Its downloads carry every row.
CHART_ROWS_SHOWN = 25


def is_dated(table: Dataset) -> bool:
    """Whether the table's rows run in time, oldest first (a series), so that the latest
    are the ones to show."""
    return any(column.name == "date" for column in table.columns)


def shown_rows(table: Dataset) -> list[dict[str, Any]]:
    """The rows a page shows of a chart's table: the latest of a series, else the first."""
    if len(table.rows) <= CHART_ROWS_SHOWN:
        return table.rows
    if is_dated(table):
        # stable: rows of one date keep their order (the part of the day, the place)
        return sorted(table.rows, key=lambda row: str(row["date"]))[-CHART_ROWS_SHOWN:]
    return table.rows[:CHART_ROWS_SHOWN]


def chart_files(
    charts: dict[str, RenderedChart], store: Store, settings: SiteSettings
) -> Iterator[Asset]:
    """Each chart's downloads, made one chart at a time and kept in the store (thousands of
    charts' downloads are hundreds of megabytes that need not stay in memory), and the
    README that gives their licence."""
    what = "Each chart's data (CSV, JSON), image (SVG, PNG) and Vega-Lite spec."
    yield Asset(f"charts/{README}", InMemory(readme(settings, what)))
    licence = settings.licence
    for identifier, chart in sorted(charts.items()):
        table = chart_dataset(chart)
        spec, narrow = (
            json.dumps(each, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            for each in (chart.spec, chart.narrow_spec)
        )
        # Downloads carry the light inks written in: tools outside the page know no scheme.
        image = store.by_content(svg_with_licence(inks.light(chart.svg), settings).encode(), ".svg")
        yield from (
            Asset(f"charts/{identifier}.csv", store.by_content(to_csv(table), ".csv")),
            Asset(f"charts/{identifier}.json", store.by_content(to_json(table, licence), ".json")),
            Asset(f"charts/{identifier}.svg", image),
            Asset(f"charts/{identifier}.png", chart.png),
            Asset(
                f"charts/{identifier}.vl.json",
                store.by_content(inks.light(spec).encode(), ".vl.json"),
            ),
            Asset(
                f"charts/{identifier}.narrow.vl.json",
                store.by_content(inks.light(narrow).encode(), ".vl.json"),
            ),
        )
