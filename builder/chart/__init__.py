"""Stage 4, chart: the editors' chart definitions and one chart per province, each drawn by
a small function per kind (`kinds`), with the house theme (`theme`), rendered at build time
to light and dark SVG and to PNG (`svg`), described in words from its data (`select`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from builder.chart.kinds import CHART_KINDS
from builder.chart.select import describe, rows
from builder.chart.svg import Job, render_all, scoped_ids, vega_bundle
from builder.chart.theme import dark_config, dark_variant
from builder.derive import Derived
from builder.models import ChartDefinition, LocatorMap, StepChart
from builder.validate import Content

NATURAL_EARTH = "Boundaries: Natural Earth (public domain)"


@dataclass
class RenderedChart:
    definition: ChartDefinition
    data: pd.DataFrame  # the plotted rows, as the reader sees them in the table and downloads
    spec: dict[str, Any]
    svg: str
    svg_dark: str
    png: bytes
    description: str
    claims: list[str]  # the claims behind the plotted rows, in order
    credits: list[str]  # other sources of what is drawn (boundary data)


def province_definitions(content: Content, derived: Derived) -> dict[str, ChartDefinition]:
    """One chart per province and count series, for province pages and the home page."""
    definitions: dict[str, ChartDefinition] = {}
    for (series, place), picked in derived.counts.groupby(["series", "place"], sort=True):
        province = content.places[str(place)]
        if province.kind != "governorate":
            continue
        identifier = f"province-{place}-{series}"
        definitions[identifier] = StepChart(
            id=identifier,
            kind="step",
            series=str(series),
            places=[str(place)],
            parties=sorted(picked["party"].unique()),
            title=f"{str(series).replace('-', ' ').capitalize()} in {province.name.en}",
            subtitle="Areas of the province held by each party, as reported",
        )
    return definitions


def chart(
    content: Content, derived: Derived, cache_dir: Path | None, workers: int | None = None
) -> dict[str, RenderedChart]:
    """Every chart of the site, rendered (or taken from the cache)."""
    definitions = {**province_definitions(content, derived), **content.charts}
    plans = []
    for identifier, definition in sorted(definitions.items()):
        data = rows(definition, content, derived)
        # Our chart builders make valid specs (their tests validate them); checking each
        # spec against the Vega-Lite schema again cost most of the chart stage.
        spec = CHART_KINDS[type(definition)](data, definition).to_dict(validate=False)
        plans.append((identifier, definition, data, spec))
    jobs = [Job(spec) for *_, spec in plans] + [Job(dark_variant(spec)) for *_, spec in plans]
    images = render_all(jobs, cache_dir, workers)
    light, dark = images[: len(plans)], images[len(plans) :]
    return {
        identifier: RenderedChart(
            definition=definition,
            data=data,
            spec=spec,
            svg=scoped_ids(light_image.svg, f"chart-{identifier}"),
            svg_dark=scoped_ids(dark_image.svg, f"chart-{identifier}-dark"),
            png=light_image.png,
            description=describe(data, definition),
            claims=list(dict.fromkeys(data["claim"])) if "claim" in data else [],
            credits=[NATURAL_EARTH] if isinstance(definition, LocatorMap) else [],
        )
        for (identifier, definition, data, spec), light_image, dark_image in zip(
            plans, light, dark, strict=True
        )
    }


def chart_scripts(cache_dir: Path | None) -> list[tuple[str, bytes]]:
    """What the site serves for interactive charts: the Vega bundle and the dark theme."""
    return [
        ("dateline/vega.js", vega_bundle(cache_dir)),
        ("dateline/dark.json", json.dumps(dark_config(), sort_keys=True).encode()),
    ]
