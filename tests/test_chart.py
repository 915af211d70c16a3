from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from altair.vegalite.v6 import schema as vegalite_schema

from builder.chart import RenderedChart, chart
from builder.chart import svg as svg_module
from builder.derive import derive
from builder.store import Store
from tests.conftest import REPO
from tests.contents import content_of


@cache
def vega_lite_schema() -> dict[str, Any]:
    path = Path(vegalite_schema.__file__).parent / "vega-lite-schema.json"
    return dict(json.loads(path.read_text()))


# The control maps Dateline draws unasked for the first story, in order: national, per
# province with places on the map, and each day's before and after.
SITE_MAPS = [
    "province-syria-control",
    "province-aleppo-control",
    "province-deir-ez-zor-control",
    "province-hama-control",
    "province-idlib-control",
    "province-changes-2024-11-29-control",
    "province-changes-2024-11-30-control",
    "province-changes-2024-12-02-control",
]
# Each timeline month's strip of changes per day.
MONTH_STRIPS = ["province-timeline-2024-11-changes", "province-timeline-2024-12-changes"]


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
        "province-overview-areas-held",
        "story-locator",
        *SITE_MAPS,
        *MONTH_STRIPS,
    }
    validator = jsonschema.Draft7Validator(vega_lite_schema())
    for identifier, each in rendered.items():
        problems = [e.message for e in validator.iter_errors(each.spec)]
        assert problems == [], identifier


LEGEND_AT = re.compile(
    r'class="mark-group role-legend"[^>]*><g transform="translate\(([\d.-]+),([\d.-]+)\)'
)
ENTRY_AT = re.compile(
    r'class="mark-group role-scope"[^>]*><g transform="translate\(([\d.-]+),([\d.-]+)\)'
)


def test_legends_and_their_entries_stand_one_under_the_other(
    rendered: dict[str, RenderedChart],
) -> None:
    # Side by side, a browser setting the labels in a wider font than vl-convert measured
    # ran a party's name into the next entry's symbol, or into the next legend's title.
    with_legends = [c for c in rendered.values() if 'class="mark-group role-legend"' in c.svg]
    assert any(c.svg.count('class="mark-group role-legend"') > 1 for c in with_legends)
    assert any(len(ENTRY_AT.findall(c.svg)) > 1 for c in with_legends)
    for drawn in with_legends:
        for svg in (drawn.svg, drawn.narrow_svg):
            legends = svg.split('class="mark-group role-legend"')[1:]
            for found in [LEGEND_AT.findall(svg), *(ENTRY_AT.findall(one) for one in legends)]:
                assert len({x for x, _ in found}) <= 1, drawn.definition
                assert [float(y) for _, y in found] == sorted(float(y) for _, y in found)


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


def test_every_chart_is_drawn_once_in_inks_the_scheme_sets_with_a_narrow_layout_and_a_png(
    rendered: dict[str, RenderedChart],
) -> None:
    for each in rendered.values():
        for svg in (each.svg, each.narrow_svg):
            assert svg.startswith("<svg")
            assert 'fill="var(--dl-chart-text, #333333)"' in svg
            assert "#010101" not in svg  # no sentinel left
        assert svg_width(each.narrow_svg) <= 343  # a phone's column at 375 px
        assert each.png.bytes().startswith(b"\x89PNG")


def test_changes_per_day_show_every_day_of_the_window_in_whole_places_at_a_readable_width(
    rendered: dict[str, RenderedChart],
) -> None:
    drawn = rendered["changes-per-day"]
    texts = svg_texts(drawn.svg)
    # Each day of 29 November to 2 December labelled once, apart; 1 December, a day
    # without changes, is there with its 0 over the axis.
    assert [t for t in texts if t.endswith(("Nov", "Dec"))] == [
        "29 Nov",
        "30 Nov",
        "1 Dec",
        "2 Dec",
    ]
    totals = texts[texts.index("Places changing hands") + 1 :][:4]
    assert totals == ["2", "3", "0", "12"]
    assert not [t for t in texts if "." in t]  # no half places on the axis
    assert 520 <= svg_width(drawn.svg) <= 600
    # The chart's annotation is drawn, in both layouts.
    assert "Aleppo city entered" in texts and "Aleppo city entered" in svg_texts(drawn.narrow_svg)


def svg_width(svg: str) -> float:
    found = re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)
    assert found is not None
    return float(found.group(1))


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

    def counting(job: tuple[dict[str, Any], bool, str]) -> tuple[str, bytes | None]:
        rendered_now.append(json.dumps(job, sort_keys=True))
        return real(job)

    monkeypatch.setattr(svg_module, "chart_images", counting)
    charts = chart(content, derive(content), Store.at(cache_dir), workers=1)
    assert rendered_now == []  # nothing changed, nothing rendered
    # The PNG download is of the wide layout; the narrow one is only ever shown inline.
    assert len(list(cache_dir.glob("*.png"))) == len(charts)
    assert len(list(cache_dir.glob("*.svg"))) == 2 * len(charts)

    changes = first_story / "content" / "data" / "control_changes.csv"
    changes.write_text(changes.read_text().replace("2024-11-30,,saraqib", "2024-11-29,,saraqib"))
    content = content_of(first_story)
    drawn = chart(content, derive(content), Store.at(cache_dir), workers=1)
    after = {k: v.spec for k, v in drawn.items()}
    # Wide and narrow of changes-per-day and of the control maps that show Saraqib (held
    # "since 29 November" now): the national map, Idlib's, and the before and after of the
    # 29th (which it joins) and of the 30th (which it leaves); and November's timeline strip.
    assert len(rendered_now) == 2 * 6
    before = {k: v.spec for k, v in charts.items()}
    assert sorted(k for k in after if after[k] != before[k]) == [
        "changes-per-day",
        "province-changes-2024-11-29-control",
        "province-changes-2024-11-30-control",
        "province-idlib-control",
        "province-syria-control",
        "province-timeline-2024-11-changes",
    ]


def test_the_al_ghab_villages_are_drawn_held_by_the_opposition_at_the_end_of_2_december(
    rendered: dict[str, RenderedChart],
) -> None:
    day = rendered["province-changes-2024-12-02-control"]
    texts = svg_texts(day.svg)
    assert {"As of 1 December 2024, end of day", "As of 2 December 2024, end of day"} <= set(texts)
    # The nine villages with coordinates are labelled; the three without are named beside it.
    located = {"Jalma", "Bridej", "Tel Melh", "Al-Zakat", "Jubain", "Al-Mughayr"}
    located |= {"Bab Al-Taqa", "Al-Huwaiz", "Al-Sharia"}
    assert located <= set(texts)
    assert "Karkat" not in texts
    assert day.remarks == [
        "Not on the map, for want of coordinates (3): Al-Mubtein, Karkat, Um Tweina."
    ]
    assert day.description.endswith(
        "12 places changed from Syrian government forces to Syrian opposition forces between the "
        "end of 1 December 2024 and the end of 2 December 2024."
    )


def test_a_control_map_s_svg_draws_every_label_it_placed_and_its_stamp(
    rendered: dict[str, RenderedChart],
) -> None:
    day = rendered["province-changes-2024-11-30-control"]
    texts = svg_texts(day.svg)
    assert "As of 29 November 2024, end of day" in texts
    assert "As of 30 November 2024, end of day" in texts
    assert "Where this is" in texts  # the national inset
    assert {"Held by", "Status", "Syrian opposition forces", "Saraqib"} <= set(texts)
    assert day.credits == ["Boundaries: Natural Earth (public domain)"]
    assert day.description.endswith(
        "3 places changed from Syrian government forces to Syrian opposition forces between "
        "the end of 29 November 2024 and the end of 30 November 2024."
    )


def test_the_national_map_shows_the_country_and_counts_the_labels_it_left_out(
    rendered: dict[str, RenderedChart],
) -> None:
    national = rendered["province-syria-control"]
    # Maarat al-Numan lies between Saraqib and Khan Sheikhoun, too close at this scale, and
    # most of the nine Al-Ghab villages sit too close to one another.
    assert national.remarks[-1] == (
        "7 labels are left out where they would overlap others; the data behind the chart "
        "names every place."
    )
    labels = [
        layer for layer in national.spec["layer"] if layer.get("name", "").startswith("labels")
    ]
    (placed,) = labels
    shown = {row["label"] for row in national.spec["datasets"][placed["data"]["name"]]}
    assert "Maarat al-Numan" not in shown and {"Aleppo", "Saraqib", "Khan Sheikhoun"} <= shown
    ghab = {"Jalma", "Bridej", "Tel Melh", "Al-Zakat", "Jubain", "Al-Mughayr"}
    ghab |= {"Bab Al-Taqa", "Al-Huwaiz", "Al-Sharia"}
    assert len(shown & ghab) == len(ghab) - 6  # 7 left out: Maarat al-Numan and six of these
