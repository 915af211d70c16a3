"""Stage 4, chart: one small function per chart kind returns an Altair chart; the house
theme is registered once; specs render to SVG with vl-convert (no browser, no network),
cached by the hash of the spec so an unchanged chart is never rendered twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert

from builder.derive import Derived
from builder.models import ChartDefinition
from builder.validate import Content
from builder.wording import human_when, movement

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


@alt.theme.register("dateline", enable=True)
def dateline_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "transparent",
            "view": {"stroke": None},
            "range": {"category": PALETTE},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "gridColor": "#d9d9d9",
                "labelColor": "#333333",
                "titleColor": "#333333",
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "labelLimit": 0,
            },
            "text": {"fontSize": 12},
        },
        "width": 560,
        "height": 260,
    }


@dataclass
class RenderedChart:
    definition: ChartDefinition
    data: pd.DataFrame  # the plotted rows, as a reader sees them in the table
    spec: dict[str, Any]
    svg: str
    description: str
    claims: list[str]  # the claims behind the plotted points, in order


def chart_data(definition: ChartDefinition, content: Content, derived: Derived) -> pd.DataFrame:
    counts = derived.counts
    rows = counts[
        (counts["series"] == definition.series)
        & counts["place"].isin(definition.places)
        & counts["party"].isin(definition.parties)
    ]
    return pd.DataFrame(
        {
            "date": [day.isoformat() for day in rows["date"]],
            "part_of_day": rows["part_of_day"].tolist(),
            "place": [content.places[p].name.en for p in rows["place"]],
            "party": [content.parties[p].name for p in rows["party"]],
            "count": rows["count"].astype(int).tolist(),
            "claim": rows["claim"].tolist(),
        }
    )


def step_chart(data: pd.DataFrame, definition: ChartDefinition) -> alt.TopLevelMixin:
    """Counts over time as steps, one line per place and party, each point labelled."""
    x = alt.X(
        "date:T",
        title=None,
        timeUnit="utcyearmonthdate",
        axis=alt.Axis(format="%-d %b %Y", labelAngle=0, tickCount="day"),
        scale=alt.Scale(padding=24),
    )
    y = alt.Y("count:Q", title=None, scale=alt.Scale(zero=True))
    colour = alt.Color("series_label:N", title=None)
    plotted = alt.Chart(data).transform_calculate(series_label="datum.party + ', ' + datum.place")
    line = plotted.mark_line(interpolate="step-after", point=True, strokeWidth=2.5).encode(
        x=x, y=y, color=colour
    )
    labels = plotted.mark_text(dy=-10, fontWeight="bold").encode(x=x, y=y, text="count:Q")
    layers: list[alt.Chart] = [line, labels]
    if definition.annotations:
        notes = pd.DataFrame(
            [{"date": a.date.isoformat(), "text": a.text} for a in definition.annotations]
        )
        layers.append(alt.Chart(notes).mark_rule(strokeDash=[4, 4], color="#666666").encode(x=x))
        layers.append(
            alt.Chart(notes)
            .mark_text(align="right", dx=-6, dy=2, baseline="top", y=0, color="#333333")
            .encode(x=x, text="text:N")
        )
    return alt.layer(*layers)


CHART_KINDS: dict[str, Callable[[pd.DataFrame, ChartDefinition], alt.TopLevelMixin]] = {
    "step": step_chart,
}


def describe(data: pd.DataFrame, definition: ChartDefinition) -> str:
    """A sentence a reader (or a screen reader) can use in place of the picture."""
    parts = []
    for (party, place), rows in data.groupby(["party", "place"], sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        moved = movement(int(first["count"]), _when(first), int(last["count"]), _when(last))
        parts.append(f"{party} in {place} {moved}")
    return f"{definition.title}: " + "; ".join(parts) + "."


def _when(row: pd.Series) -> str:
    return human_when(dt.date.fromisoformat(row["date"]), row["part_of_day"] or None)


def render_svg(spec: dict[str, Any], cache_dir: Path | None, prefix: str) -> str:
    """SVG for a Vega-Lite spec, from the cache when this exact spec was rendered before."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    key = hashlib.sha256(text.encode()).hexdigest()
    cached = cache_dir / f"{key}.svg" if cache_dir else None
    if cached and cached.is_file():
        svg = cached.read_text(encoding="utf-8")
    else:
        svg = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(".tmp")
            temporary.write_text(svg, encoding="utf-8")
            temporary.replace(cached)
    return _scoped_ids(svg, prefix)


def _scoped_ids(svg: str, prefix: str) -> str:
    """Several charts share a page, so their SVG ids (clip paths, gradients) must not clash."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    return re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)


def province_definitions(content: Content, derived: Derived) -> dict[str, ChartDefinition]:
    """One chart per province and count series, for province pages and the home page."""
    definitions = {}
    counts = derived.counts
    for (series, place), rows in counts.groupby(["series", "place"], sort=True):
        if content.places[str(place)].kind != "governorate":
            continue
        identifier = f"province-{place}-{series}"
        label = str(series).replace("-", " ").capitalize()
        definitions[identifier] = ChartDefinition(
            id=identifier,
            kind="step",
            series=str(series),
            places=[str(place)],
            parties=sorted(rows["party"].unique()),
            title=f"{label} in {content.places[str(place)].name.en}",
            subtitle="Areas of the province held by each party, as reported",
        )
    return definitions


def chart(content: Content, derived: Derived, cache_dir: Path | None) -> dict[str, RenderedChart]:
    """Every chart of the site: the editors' definitions and one per province."""
    definitions = {**province_definitions(content, derived), **content.charts}
    rendered = {}
    for identifier, definition in sorted(definitions.items()):
        data = chart_data(definition, content, derived)
        spec = CHART_KINDS[definition.kind](data, definition).to_dict()
        rendered[identifier] = RenderedChart(
            definition=definition,
            data=data,
            spec=spec,
            svg=render_svg(spec, cache_dir, prefix=f"chart-{identifier}"),
            description=describe(data, definition),
            claims=list(dict.fromkeys(data["claim"])),
        )
    return rendered
