"""One colour per side: each party keeps its colour (parties.yml's, or the palette's in the
order the parties are written) in every chart and map, whatever else a chart plots; every
side's colour stands out against both page backgrounds."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder import colours
from builder.chart import all_definitions
from builder.chart.kinds import CHART_KINDS
from builder.chart.marks import Style
from builder.chart.select import party_colours, rows
from builder.derive import derive
from tests.conftest import REPO
from tests.contents import content_of, pages_of

OPPOSITION, GOVERNMENT = "Syrian opposition forces", "Syrian government forces"


def test_the_dark_background_is_read_from_material_s_stylesheet() -> None:
    css = colours.palette_css()
    assert css is not None, "Material's palette stylesheet was not found"
    assert colours.background_in(css) == colours.dark_background() == "#1e2129"


def test_the_dark_background_follows_the_hue_material_gives_it() -> None:
    slate = (
        "[data-md-color-scheme=slate]{--md-hue:0deg;"
        "--md-default-bg-color:hsla(var(--md-hue),50%,20%,1)}"
    )
    assert colours.background_in(slate) == "#4d1919"
    # Without a hue of its own, the slate scheme takes the page's.
    root = ":root,[data-md-color-scheme=default]{--md-hue:120deg}"
    assert colours.background_in(root + slate.replace("--md-hue:0deg;", "")) == "#194d19"
    assert colours.background_in("[data-md-color-scheme=slate]{}") is None


@pytest.mark.parametrize("colour", [*colours.PALETTE, colours.NO_HOLDER])
def test_every_house_colour_stands_out_on_both_backgrounds(colour: str) -> None:
    assert colours.contrast_problem(colour) is None
    assert colours.contrast(colour, "#ffffff") >= 3 and colours.contrast(colour, "#1e2129") >= 3


def test_parties_without_a_colour_take_the_palette_in_the_order_written() -> None:
    given = [("Zeta", None), ("Alpha", "#cc79a7"), ("Beta", None)]
    assert colours.party_colours(given) == {
        "Zeta": "#0072B2",
        "Alpha": "#CC79A7",
        "Beta": "#D55E00",
    }


def test_a_faint_colour_is_named_with_its_contrast() -> None:
    assert colours.contrast_problem("#FFEE88") == (
        "#FFEE88 has 1.18:1 contrast against the light background #ffffff; "
        "a side's colour needs at least 3:1"
    )


def party_colours_in(spec: Any) -> Iterator[tuple[str, str]]:
    """(party, colour) of every colour scale in a Vega-Lite spec, however deeply nested."""
    if isinstance(spec, dict):
        colour = spec.get("color")
        if isinstance(colour, dict) and isinstance(colour.get("scale"), dict):
            scale = colour["scale"]
            yield from zip(scale.get("domain", []), scale.get("range", []), strict=True)
        for value in spec.values():
            yield from party_colours_in(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from party_colours_in(value)


def colours_by_chart(project: Path) -> dict[str, dict[str, str]]:
    content = content_of(project)
    derived = derive(content)
    drawn = {}
    for identifier, definition in all_definitions(content, derived):
        data = rows(definition, content, derived)
        spec = CHART_KINDS[type(definition)](data, definition, Style(party_colours(content)))
        drawn[identifier] = dict(party_colours_in(spec.to_dict(validate=False)))
    return drawn


def with_a_government_gain(tmp_path: Path) -> Path:
    """The first story with the government gaining ground in Hama: three areas counted."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "charts", project / "charts")
    counts = project / "content" / "data" / "area_counts.csv"
    counts.write_text(
        counts.read_text()
        + "areas-held,2024-12-02,evening,hama,government,3,hama-areas-2024-12-02\n"
    )
    return project


def test_a_government_gain_leaves_the_opposition_its_colour_in_every_chart(
    tmp_path: Path,
) -> None:
    before = colours_by_chart(REPO)
    after = colours_by_chart(with_a_government_gain(tmp_path))
    # The gain adds the government to Hama's own chart, beside the opposition.
    assert set(after["province-hama-areas-held"]) == {OPPOSITION, GOVERNMENT}
    for drawn in (before, after):
        seen = {party: colour for chart in drawn.values() for party, colour in chart.items()}
        assert seen[OPPOSITION] == "#009E73" and seen[GOVERNMENT] == "#D55E00"
        for identifier, chart in drawn.items():
            for party in (OPPOSITION, GOVERNMENT):
                if party in chart:
                    assert chart[party] == seen[party], (identifier, party)
    assert (
        after["province-hama-areas-held"][OPPOSITION]
        == before["province-hama-areas-held"][OPPOSITION]
    )


def test_a_chart_table_shows_each_side_with_the_swatch_of_its_colour() -> None:
    story = pages_of(REPO)["stories/iraqi-factions-enter-syria.md"].markdown
    swatches = re.findall(
        r'<span class="dl-swatch" style="background:(#[0-9A-F]{6})"></span> ([^<]+)</td>',
        story,
    )
    assert {name for _, name in swatches} == {OPPOSITION, GOVERNMENT}
    assert set(swatches) == {("#009E73", OPPOSITION), ("#D55E00", GOVERNMENT)}
