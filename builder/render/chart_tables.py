"""Each chart's table: the rows it plots, each column described, as a page shows them (at
most `CHART_ROWS_SHOWN`, the latest of a series) and as its downloads (every row, as CSV and
JSON, beside its SVG, PNG and Vega-Lite specs, with the README that gives their licence)."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any, cast

from builder import inks
from builder.chart import RenderedChart
from builder.render import datasets, licence
from builder.render.datasets import Column, Dataset, to_csv, to_json
from builder.render.licence import README, readme, svg_with_licence
from builder.render.page import Asset
from builder.render.settings import SiteSettings
from builder.store import Entry, InMemory, Store, code_digest

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
    for identifier, chart in sorted(charts.items()):
        made = dict(zip(KINDS, _downloads(chart, store, settings), strict=True))
        made["png"] = chart.png
        yield from (Asset(f"charts/{identifier}.{kind}", made[kind]) for kind in OFFERED)


# What each chart's files are named after its id: `_downloads` makes them but the PNG, which
# is drawn with the chart; `OFFERED`, the order they are listed in.
KINDS = ("csv", "json", "svg", "vl.json", "narrow.vl.json")
OFFERED = ("csv", "json", "svg", "png", "vl.json", "narrow.vl.json")


def _downloads(chart: RenderedChart, store: Store, settings: SiteSettings) -> list[Entry]:
    """The chart's downloads but its PNG, in the order of `KINDS`. Which entries they are is
    kept in the store under the hash of what they are made from, so that a build whose chart
    did not change takes them as they are (each still checked against its digest) instead
    of writing its rows and specs out again and hashing them, which grew faster than the
    site (docs/performance.md, "Where the generator grew faster than the site")."""
    made_from = _made_from(chart, store, settings)
    record = f"chart-downloads/{made_from}.json" if made_from else None
    kept = store.get(record) if record else None
    if kept is not None:
        found = [store.get(name) for name in json.loads(kept.text())]
        if all(entry is not None for entry in found):
            return cast(list[Entry], found)
    made = _made(chart, store, settings)
    if record:
        store.put(record, json.dumps([store.name_of(entry) for entry in made]).encode())
    return made


def _made_from(chart: RenderedChart, store: Store, settings: SiteSettings) -> str | None:
    """The hash of what the chart's downloads are made from: its specs (whose names in the
    store are the hash of its definition, rows and colours), its drawing, the site's
    settings and this code; None where the store cannot name its specs (held in memory)."""
    specs = [store.name_of(chart.spec_source), store.name_of(chart.narrow_spec_source)]
    if None in specs:
        return None
    parts = [
        _downloads_code(),
        chart.definition.id,
        *map(str, specs),
        chart.svg_source.digest(),
        chart.description,
        repr(settings),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@cache
def _downloads_code() -> str:
    return code_digest([sys.modules[__name__], datasets, licence, inks])


def _made(chart: RenderedChart, store: Store, settings: SiteSettings) -> list[Entry]:
    """The chart's downloads, in the order of `KINDS`, each kept in the store."""
    table = chart_dataset(chart)
    spec, narrow = (
        json.dumps(each, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        for each in (chart.spec, chart.narrow_spec)
    )
    # Downloads carry the light inks written in: tools outside the page know no scheme.
    image = svg_with_licence(inks.light(chart.svg), settings).encode()
    return [
        store.by_content(to_csv(table), ".csv"),
        store.by_content(to_json(table, settings.licence), ".json"),
        store.by_content(image, ".svg"),
        store.by_content(inks.light(spec).encode(), ".vl.json"),
        store.by_content(inks.light(narrow).encode(), ".vl.json"),
    ]
