"""The strip that opens each timeline month: changes, counts and claims per day, by side."""

from __future__ import annotations

import datetime as dt

from builder.chart.generated import month_strip_id, month_strips
from builder.chart.marks import Style
from builder.chart.strip import month_strip, strip_rows
from builder.chart_definitions import MonthStrip
from builder.derive import derive
from tests.contents import minimal_content

OPPOSITION = "Opposition forces"


def strip(start: str, end: str) -> MonthStrip:
    return MonthStrip(
        id="province-timeline-2024-12-changes",
        kind="changes-per-day",
        title="Day by day",
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
    )


def test_the_strip_counts_each_days_changes_counts_and_claims_by_side() -> None:
    content = minimal_content()
    rows = strip_rows(strip("2024-12-01", "2024-12-31"), content, derive(content))
    assert rows.to_dict("records") == [
        {"date": "2024-12-01", "record": "Area counts", "side": OPPOSITION, "number": 1},
        {"date": "2024-12-02", "record": "Places changing hands", "side": OPPOSITION, "number": 2},
        {"date": "2024-12-02", "record": "Area counts", "side": OPPOSITION, "number": 1},
        # Claims belong to no side.
        {"date": "2024-12-02", "record": "Claims", "side": "", "number": 2},
    ]


def test_each_month_with_any_record_has_a_strip_to_its_last_day_with_one() -> None:
    content = minimal_content()
    found = month_strips(content, derive(content))
    (december,) = found.values()
    assert december.id == month_strip_id("2024-12")
    assert isinstance(december, MonthStrip)
    assert (december.start, december.end) == (dt.date(2024, 12, 1), dt.date(2024, 12, 2))


def test_every_day_of_the_window_is_on_the_axis_and_only_the_lowest_panel_names_them() -> None:
    content = minimal_content()
    definition = strip("2024-12-01", "2024-12-30")
    data = strip_rows(definition, content, derive(content))
    spec = month_strip(data, definition, Style({OPPOSITION: "#009E73"})).to_dict(validate=False)
    panels = spec["vconcat"]
    assert [panel["title"]["text"] for panel in panels] == [
        "Places changing hands",
        "Area counts",
        "Claims",
    ]
    xs = [panel["encoding"]["x"] for panel in panels]
    # A continuous axis of days: from half a day before the first to half a day after the
    # last, whether or not a day has records; a label every other day at 500 px for 30 days.
    assert {tuple(x["scale"]["domain"]) for x in xs} == {
        ("2024-11-30T12:00:00Z", "2024-12-30T12:00:00Z")
    }
    assert xs[0]["axis"]["tickCount"] == {"interval": "day", "step": 2}
    assert [x["axis"]["labels"] for x in xs] == [False, False, True]
    # Whole numbers on each panel's own scale.
    assert panels[0]["encoding"]["y"]["axis"]["values"] == [0, 2]
    # The sides in their colours, the claims in grey.
    colour = panels[0]["encoding"]["color"]["scale"]
    assert dict(zip(colour["domain"], colour["range"], strict=True)) == {
        OPPOSITION: "#009E73",
        "Claims (no side)": "#888888",
    }
