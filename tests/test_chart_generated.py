"""The charts Dateline draws unasked: one per province and series, the overview on one
scale, the control maps of the country, each province and each day, and the days a story's
before/after pair is chosen from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.generate import generate as generate_corpus
from builder.chart.generated import (
    overview_id,
    province_definitions,
    province_overviews,
    site_maps,
    story_days,
)
from builder.chart.kinds import FEW_PANELS
from builder.chart_definitions import ControlMap, ProvinceChart, ProvinceOverview
from builder.derive import derive
from tests.contents import content_of
from tests.test_chart import SITE_MAPS


def test_each_province_with_counts_gets_a_chart(first_story: Path) -> None:
    content = content_of(first_story)
    assert list(province_definitions(content, derive(content))) == ["province-hama-areas-held"]


def test_the_overview_has_a_panel_for_every_province_with_counts_of_its_series(
    tmp_path: Path,
) -> None:
    generate_corpus(tmp_path, stories=12, places=150, seed=7)
    content = content_of(tmp_path)
    derived = derive(content)
    charted: dict[str, set[str]] = {}
    for definition in province_definitions(content, derived).values():
        assert isinstance(definition, ProvinceChart)
        charted.setdefault(definition.series, set()).update(definition.places)
    overviews = province_overviews(content, derived)
    assert set(overviews) == {overview_id(series) for series in charted}
    for series, provinces in charted.items():
        overview = overviews[overview_id(series)]
        assert isinstance(overview, ProvinceOverview) and overview.kind == "small-multiples"
        assert set(overview.places) == provinces
    assert max(len(p) for p in charted.values()) > FEW_PANELS  # more than a row or two


def test_dateline_draws_control_maps_unasked_for_the_country_provinces_and_days(
    first_story: Path,
) -> None:
    content = content_of(first_story)
    maps = site_maps(content, derive(content))
    # Each day with changes has its before and after, where a place changed on it is on the
    # map (four of the twelve Al-Ghab villages of 2 December have coordinates).
    assert list(maps) == SITE_MAPS
    day = maps["province-changes-2024-11-30-control"]
    assert isinstance(day, ControlMap)
    assert day.dates == [dt.date(2024, 11, 29), dt.date(2024, 11, 30)]
    assert day.places == ["khan-sheikhoun", "maarat-al-numan", "saraqib"]
    # Made from the changes alone: a story edit (which keeps the charts) never changes them.
    story = first_story / "content" / "articles" / "iraqi-factions-enter-syria.md"
    story.write_text(story.read_text().replace("type: news\n", "type: news\ncontrol_maps: false\n"))
    content = content_of(first_story)
    assert list(site_maps(content, derive(content))) == list(maps)


def test_a_story_s_days_of_changes_run_latest_first(first_story: Path) -> None:
    content = content_of(first_story)
    (story,) = content.stories
    assert story_days(story, derive(content)) == [
        dt.date(2024, 12, 2),
        dt.date(2024, 11, 30),
        dt.date(2024, 11, 29),
    ]
