from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from altair.vegalite.v6 import schema as vegalite_schema

from builder.chart import RenderedChart, chart, province_definitions
from builder.chart import svg as svg_module
from builder.derive import derive
from builder.store import Store
from tests.conftest import REPO
from tests.contents import content_of


@cache
def vega_lite_schema() -> dict[str, Any]:
    path = Path(vegalite_schema.__file__).parent / "vega-lite-schema.json"
    return dict(json.loads(path.read_text()))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderedChart]:
    content = content_of(REPO)
    return chart(content, derive(content), Store.at(tmp_path_factory.mktemp("cache")), workers=1)


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_every_chart_spec_validates_against_vega_lite(
    rendered: dict[str, RenderedChart],
) -> None:
    assert set(rendered) == {
        "areas-by-province",
        "changes-per-day",
        "hama-opposition-areas",
        "province-hama-areas-held",
        "story-locator",
    }
    validator = jsonschema.Draft7Validator(vega_lite_schema())
    for identifier, each in rendered.items():
        problems = [e.message for e in validator.iter_errors(each.spec)]
        assert problems == [], identifier


def test_step_chart_shows_its_values_and_annotation(rendered: dict[str, RenderedChart]) -> None:
    step = rendered["hama-opposition-areas"]
    texts = svg_texts(step.svg)
    assert texts.count("12") >= 2 and "16" in texts and "12 → 16" in texts
    assert step.description == (
        "Opposition-held areas in Hama province: Syrian opposition forces in Hama Governorate "
        "rose from 12 on 1 December 2024 to 16 on 2 December 2024 (evening)."
    )
    assert step.claims == ["hama-areas-2024-12-02"]


def test_changes_per_day_counts_and_describes_the_days(rendered: dict[str, RenderedChart]) -> None:
    changes = rendered["changes-per-day"]
    assert {"2", "3", "12"} <= set(svg_texts(changes.svg))
    assert changes.data.groupby("date").size().to_dict() == {
        "2024-11-29": 2,
        "2024-11-30": 3,
        "2024-12-02": 12,
    }
    assert changes.description.endswith(
        "17 places changed hands between 29 November 2024 and 2 December 2024, the most (12) on "
        "2 December 2024; 17 taken by Syrian opposition forces."
    )
    assert set(changes.claims) == {
        "aleppo-entered-2024-11-29",
        "idlib-held-2024-11-30",
        "al-ghab-villages-seized-2024-12-02",
    }


def test_small_multiples_have_a_panel_per_place(rendered: dict[str, RenderedChart]) -> None:
    panels = rendered["areas-by-province"]
    assert "Hama Governorate" in svg_texts(panels.svg)
    assert panels.spec["facet"]["field"] == "place"


def test_locator_map_draws_outlines_and_names_its_places(
    rendered: dict[str, RenderedChart],
) -> None:
    locator = rendered["story-locator"]
    assert {"Aleppo", "Saraqib", "Al-Bukamal crossing"} <= set(svg_texts(locator.svg))
    assert locator.svg.count("<path") > 3  # the outlines
    assert locator.credits == ["Boundaries: Natural Earth (public domain)"]
    assert locator.description.startswith("Where the story takes place: a map of Syria locating")


def test_every_chart_has_a_dark_variant_and_a_png(rendered: dict[str, RenderedChart]) -> None:
    for each in rendered.values():
        assert each.svg_dark.startswith("<svg") and each.svg_dark != each.svg
        assert each.png.bytes().startswith(b"\x89PNG")


def test_a_changed_row_re_renders_exactly_the_charts_that_use_it(
    first_story: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache_dir = tmp_path / "cache"
    content = content_of(first_story)
    chart(content, derive(content), Store.at(cache_dir), workers=1)
    rendered_now: list[str] = []
    real = svg_module.chart_images

    def counting(job: tuple[dict[str, Any], bool]) -> tuple[str, bytes | None]:
        rendered_now.append(json.dumps(job, sort_keys=True))
        return real(job)

    monkeypatch.setattr(svg_module, "chart_images", counting)
    charts = chart(content, derive(content), Store.at(cache_dir), workers=1)
    assert rendered_now == []  # nothing changed, nothing rendered
    # The PNG download is of the light chart; the dark variant is only ever shown inline.
    assert len(list(cache_dir.glob("*.png"))) == len(charts)
    assert len(list(cache_dir.glob("*.svg"))) == 2 * len(charts)

    changes = first_story / "content" / "data" / "control_changes.csv"
    changes.write_text(changes.read_text().replace("2024-11-30,,saraqib", "2024-11-29,,saraqib"))
    content = content_of(first_story)
    drawn = chart(content, derive(content), Store.at(cache_dir), workers=1)
    after = {k: v.spec for k, v in drawn.items()}
    assert len(rendered_now) == 2  # changes-per-day, light and dark; nothing else
    touched = [k for k, spec in after.items() if "saraqib" in json.dumps(spec).lower()]
    assert sorted(touched) == ["changes-per-day", "story-locator"]  # the map's spec is unchanged


def test_each_province_with_counts_gets_a_chart(first_story: Path) -> None:
    content = content_of(first_story)
    assert list(province_definitions(content, derive(content))) == ["province-hama-areas-held"]
