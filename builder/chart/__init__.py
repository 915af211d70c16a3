"""Stage 4, chart: the editors' chart definitions and one chart per province, each drawn by
a small function per kind (`kinds`), with the house theme (`theme`), rendered at build time
once, to SVG whose inks the page's scheme sets (`builder.inks`) and to PNG (`svg`),
described in words from its data (`select`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar, cast

import altair
import pandas as pd

from builder import colours, inks
from builder.chart import captions, kinds, map_kinds, maps, marks, select, strip, theme
from builder.chart.captions import describe, remarks
from builder.chart.generated import (
    month_strips,
    province_definitions,
    province_overviews,
    site_maps,
)
from builder.chart.kinds import CHART_KINDS
from builder.chart.marks import NONE_GIVEN, Style
from builder.chart.select import party_colours, rows
from builder.chart.svg import Image, Job, Workers, render_all, renderers_for, vega_bundle
from builder.chart_definitions import (
    ChartDefinition,
    ControlMap,
    LocatorMap,
)
from builder.derive import Derived
from builder.store import Entry, InMemory, Store, code_digest
from builder.validate import Content

NATURAL_EARTH = "Boundaries: Natural Earth (public domain)"


@dataclass
class RenderedChart:
    """A chart as pages show it. Its SVG (its ids scoped when it was drawn) and spec are
    entries of the store, read when a page shows them: a site of thousands of stories has
    thousands of charts, kept for the whole build."""

    definition: ChartDefinition
    columns: list[str]  # of the plotted rows
    # The plotted rows, as the reader sees them in the table and downloads: tuples in the
    # order of `columns`, a fraction of the memory of a dict each for tens of thousands.
    rows: list[tuple[Any, ...]]
    spec_source: Entry  # its Vega-Lite spec as JSON
    svg_source: Entry  # its inks CSS custom properties (builder.inks)
    # The same chart laid out for a phone's column (marks.NARROW wide), which the page shows
    # below 640 px instead: the wide one shrunk to fit would have text of 5 px.
    narrow_spec_source: Entry
    narrow_svg_source: Entry
    png: Entry
    description: str
    claims: list[str]  # the claims behind the plotted rows, in order
    credits: list[str]  # other sources of what is drawn (boundary data)
    # What the caption says the chart leaves out (a map's places without coordinates, its
    # labels that would overlap others)
    remarks: list[str] = field(default_factory=list)

    @property
    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    @property
    def data(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=self.columns)

    @property
    def data_as_of(self) -> dt.date | None:
        """The latest date of the plotted rows (a map's moment): the caption's "data as of"."""
        if "date" not in self.columns:
            return None
        at = self.columns.index("date")
        dates = [row[at] for row in self.rows if row[at]]
        return dt.date.fromisoformat(max(dates)) if dates else None

    @property
    def spec(self) -> dict[str, Any]:
        return _spec(self.spec_source)

    @property
    def narrow_spec(self) -> dict[str, Any]:
        return _spec(self.narrow_spec_source)

    @property
    def svg(self) -> str:
        return self.svg_source.text()

    @property
    def narrow_svg(self) -> str:
        return self.narrow_svg_source.text()


def _spec(entry: Entry) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(entry.text())
    return spec


# Charts (and social cards) drawn and rendered at a time: their specs and images need not
# all be in memory.
BATCH = 500
Item = TypeVar("Item")


def all_definitions(content: Content, derived: Derived) -> list[tuple[str, ChartDefinition]]:
    """Every chart of the site by its id, in order: the editors', one per province and
    count series, and the control maps and timeline strips Dateline draws unasked."""
    return sorted(
        {
            **province_definitions(content, derived),
            **province_overviews(content, derived),
            **site_maps(content, derived),
            **month_strips(content, derived),
            **content.charts,
        }.items()
    )


def chart(
    content: Content, derived: Derived, store: Store | None = None, workers: Workers = None
) -> dict[str, RenderedChart]:
    """Every chart of the site, rendered (or taken from the store; with none, kept for this
    call only)."""
    store = store or Store.in_memory()
    definitions = all_definitions(content, derived)
    charts: dict[str, RenderedChart] = {}
    with renderers_for(workers) as renderers:  # the batches share the processes
        for batch, label in in_batches(definitions, "charts"):
            charts.update(_charts(batch, content, derived, store, renderers, label))
    return charts


def charts_on_demand(content: Content, derived: Derived, store: Store) -> dict[str, RenderedChart]:
    """Every chart of the site, each drawn (or taken from the store) only when first used:
    an edit of a story shows a few of a site's thousands of charts, and taking each of them
    from the store (its rows selected, its images checked against their digests) would
    cost more than the edit (docs/performance.md). Each stands in for the `RenderedChart`
    it becomes."""
    definitions = all_definitions(content, derived)
    return {
        identifier: cast(
            RenderedChart, ChartOnDemand(identifier, definition, content, derived, store)
        )
        for identifier, definition in definitions
    }


class ChartOnDemand:
    """A chart whose definition is known at once, and whose rows and images are made the
    first time anything else of it is asked for."""

    def __init__(
        self,
        identifier: str,
        definition: ChartDefinition,
        content: Content,
        derived: Derived,
        store: Store,
    ) -> None:
        self.identifier, self.definition = identifier, definition
        self._from = (content, derived, store)
        self._drawn: RenderedChart | None = None

    def __getattr__(self, name: str) -> Any:
        # Only for what the instance does not hold itself: everything but the definition.
        if name.startswith("__"):
            raise AttributeError(name)
        if self._drawn is None:
            content, derived, store = self._from
            pair = [(self.identifier, self.definition)]
            self._drawn = _charts(pair, content, derived, store, None, "")[self.identifier]
        return getattr(self._drawn, name)


def in_batches(items: list[Item], label: str) -> Iterator[tuple[list[Item], str]]:
    """`items` BATCH at a time, each batch with its progress label ("charts 1-500 of 2014")."""
    for first in range(0, len(items), BATCH):
        batch = items[first : first + BATCH]
        if len(items) > BATCH:
            yield batch, f"{label} {first + 1}-{first + len(batch)} of {len(items)}"
        else:
            yield batch, label


def _charts(
    definitions: list[tuple[str, ChartDefinition]],
    content: Content,
    derived: Derived,
    store: Store,
    workers: Workers,
    label: str,
) -> dict[str, RenderedChart]:
    plans = []
    colours = party_colours(content)

    def jobs() -> Iterator[Job]:
        # One chart's specs at a time, as the processes take them: they draw the first
        # charts while the next specs are made (Altair runs in this process only).
        for identifier, definition in definitions:
            data = rows(definition, content, derived)
            spec = vega_lite(definition, data, store, colours)
            narrow = vega_lite(definition, data, store, colours, narrow=True)
            plans.append((identifier, definition, data, spec, narrow))
            yield Job(json.loads(spec.text()), scope=f"chart-{identifier}")
            yield Job(json.loads(narrow.text()), with_png=False, scope=f"chart-{identifier}-narrow")

    images = render_all(jobs(), store, workers, label, count=2 * len(definitions))
    return {
        identifier: RenderedChart(
            definition=definition,
            columns=[str(column) for column in data.columns],
            rows=[_no_nan(row) for row in data.itertuples(index=False, name=None)],
            spec_source=spec,
            svg_source=image.svg,
            narrow_spec_source=narrow,
            narrow_svg_source=narrow_image.svg,
            png=_png(image),
            description=describe(data, definition),
            claims=[c for c in dict.fromkeys(data["claim"]) if c] if "claim" in data else [],
            credits=[NATURAL_EARTH] if isinstance(definition, LocatorMap | ControlMap) else [],
            remarks=remarks(data, definition),
        )
        for (identifier, definition, data, spec, narrow), image, narrow_image in zip(
            plans, images[::2], images[1::2], strict=True
        )
    }


def _no_nan(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row with pandas' missing numbers (a map's place without coordinates) as None: the
    table shows a dash, and JSON has no NaN."""
    return tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)


def _png(image: Image) -> Entry:
    assert image.png is not None, "charts are always rendered with their PNG"
    return image.png


def vega_lite(
    definition: ChartDefinition,
    data: pd.DataFrame,
    store: Store,
    colours: Mapping[str, str] = NONE_GIVEN,
    narrow: bool = False,
) -> Entry:
    """The chart's Vega-Lite spec, kept in the store under the hash of what it is made from
    (the definition, the rows, the parties' colours and the code that draws them): Altair
    takes tens of milliseconds a chart, and most charts stay the same from one build to the
    next. `narrow`: its layout for a phone's column."""

    def draw() -> bytes:
        # Our chart builders make valid specs (their tests validate them); checking each
        # spec against the Vega-Lite schema again cost most of the chart stage.
        drawn = CHART_KINDS[type(definition)](data, definition, Style(colours, narrow))
        spec = drawn.to_dict(validate=False)
        spec = marks.narrowed(spec) if narrow else spec
        return json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()

    made_from = "\n".join(
        [
            _drawing_code(),
            type(definition).__name__,
            definition.model_dump_json(),
            data.to_json(orient="split", date_format="iso"),
            json.dumps(list(colours.items())),
            "narrow" if narrow else "wide",
        ]
    )
    key = hashlib.sha256(made_from.encode()).hexdigest()
    return store.get_or_make(f"spec-{key}.json", draw)


@cache
def _drawing_code() -> str:
    """What a chart's spec depends on besides its definition and rows."""
    modules = [kinds, map_kinds, marks, maps, select, captions, strip, theme, inks, colours]
    return f"altair {altair.__version__} " + code_digest(modules)


def chart_scripts(store: Store) -> list[tuple[str, Entry]]:
    """What the site serves for interactive charts: the Vega bundle and the inks (each
    light colour of the served specs and the custom property the page sets it by)."""
    return [
        ("dateline/vega.js", vega_bundle(store)),
        ("dateline/inks.json", InMemory(inks.for_script())),
    ]
