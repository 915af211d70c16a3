"""Checks over the whole content set: the build date, no date after it, names that belong to
one place only, and charts typed by their kind and holding something to draw."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.checks import build_date, check_charts, check_dates, check_places, typed_charts
from builder.errors import ContentError, DatelineError
from builder.located import LocatedDict, Record, parse_yaml
from builder.models import AreaCount, Place
from builder.records import References, index, typed
from tests.contents import MINIMAL, csv_records, yaml_records

COUNTS = csv_records(
    (MINIMAL / "content" / "data" / "area_counts.csv").read_text(), "content/data/area_counts.csv"
)


def chart_record(text: str, identifier: str) -> Record:
    """A chart file as `load` reads it: one mapping, its id from the file name."""
    parsed = parse_yaml(text, f"charts/{identifier}.yml")
    data = parsed.value
    assert isinstance(data, LocatedDict)
    data["id"] = identifier
    return Record(f"charts/{identifier}.yml", data.line, data)


@pytest.mark.parametrize(
    ("epoch", "day"),
    [("1735689600", dt.date(2025, 1, 1)), (" 1733097600\n", dt.date(2024, 12, 2))],
)
def test_the_build_date_is_the_day_source_date_epoch_names(
    epoch: str, day: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_date() == day


def test_a_source_date_epoch_that_is_not_seconds_is_explained(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2025-01-01")
    with pytest.raises(DatelineError) as raised:
        build_date()
    assert str(raised.value) == (
        "SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970 (as "
        "`git log -1 --format=%ct` prints), got '2025-01-01'"
    )


def test_a_date_after_the_build_date_is_reported_where_it_is_written() -> None:
    claims = yaml_records(
        "- id: north-count\n"
        "  as_of: 2024-12-02\n"
        "  attributions:\n"
        "    - source: outlet\n"
        "      published: 2024-12-02\n"
        "    - source: monitor\n"
        "      published: 2024-12-03\n"
        "      accessed: soon\n",  # not a date: typing says so
        "content/claims/claims.yml",
    )
    errors: list[ContentError] = []
    check_dates({"claims": claims, "area_counts": COUNTS}, dt.date(2024, 12, 2), errors)
    assert [str(e) for e in errors] == [
        "content/claims/claims.yml:7: attributions[1].published: 2024-12-03 is in the future"
    ]


def test_a_place_s_own_spellings_are_no_collision_but_another_s_are() -> None:
    records = yaml_records(
        "- id: village-a\n"
        "  name: {en: Al-Mughayr, ar: المغير}\n"
        "  aliases: [al mughayr, Mughayr]\n"
        "  kind: village\n"
        "- id: village-b\n"
        "  name: {en: Mughayr}\n"
        "  kind: village\n",
        "content/places.yml",
    )
    errors: list[ContentError] = []
    places = index(typed(records, Place, errors), "place", errors)
    check_places(places, References({"place": set(places)}, set(), errors), errors)
    assert [str(e) for e in errors] == [
        "content/places.yml:6: name.en: name 'Mughayr' is also a name of place 'village-a' "
        "(content/places.yml:1)"
    ]


def test_charts_are_typed_by_their_kind() -> None:
    errors: list[ContentError] = []
    charts = typed_charts(
        [
            chart_record("title: No kind\n", "untyped"),
            chart_record("kind: changes-per-day\ntitle: Changes\nseries: areas-held\n", "changes"),
            # The id is refused before anything else of the chart is judged.
            chart_record("kind: step\ntitle: Mine\n", "province-north-areas-held"),
            chart_record(
                "kind: step\ntitle: Steps\nseries: areas-held\nplaces: [north]\n"
                "parties: [opposition]\n",
                "steps",
            ),
        ],
        errors,
    )
    assert [chart.id for chart, _ in charts] == ["steps"]
    assert [str(e) for e in errors] == [
        "charts/untyped.yml:1: kind: is required",
        "charts/changes.yml:3: series: this kind of chart has no series; step and "
        "small-multiples charts do",
        "charts/province-north-areas-held.yml:1: id: chart ids starting with 'province-' are "
        "kept for the province charts Dateline draws; rename the chart",
    ]


def test_an_empty_selection_is_judged_only_when_every_count_row_was_read() -> None:
    errors: list[ContentError] = []
    charts = index(
        typed_charts(
            [
                chart_record(
                    "kind: step\ntitle: Before\nseries: areas-held\nplaces: [north]\n"
                    "parties: [opposition]\nend: 2024-11-30\n",
                    "before",
                )
            ],
            errors,
        ),
        "chart",
        errors,
    )
    counts = [AreaCount.model_validate(r.data) for r in COUNTS]
    present = {"place": {"north"}, "party": {"opposition"}}
    refs = References(present, set(), errors)
    for complete in (False, True):
        check_charts((["areas-held"], complete), charts, counts, [], {}, {}, refs, errors)
    assert [str(e) for e in errors] == [
        "charts/before.yml:1: (selection): no rows of the area counts match this series, "
        "places, parties and dates"
    ]
