"""What a chart says in words: a map's stamp, the sentence in place of the picture, and
what a caption says is left out (the maps' cases are in tests/test_chart_select.py, with the
rows they are said of)."""

from __future__ import annotations

import pandas as pd

from builder.chart.captions import describe, remarks, stamp_of
from builder.chart_definitions import ChangesChart, StepChart
from tests.contents import count_rows

SELECTION = {"series": "areas-held", "places": ["north"], "parties": ["opposition"]}


def test_a_moment_is_stamped_as_its_rows_give_it() -> None:
    assert stamp_of(("2024-12-02", "end of day")) == "2 December 2024, end of day"
    assert stamp_of(("2024-12-02", "evening")) == "2 December 2024 (evening)"
    assert stamp_of(("", "end of day")) == "no record"


def test_a_changes_chart_says_how_many_changed_hands_when_and_to_whom() -> None:
    definition = ChangesChart(id="c", kind="changes-per-day", title="Changes")
    data = pd.DataFrame(
        {
            "date": ["2024-12-01", "2024-12-02", "2024-12-02"],
            "to_party": ["Government", "Opposition", "Opposition"],
        }
    )
    assert describe(data, definition) == (
        "Changes: 3 places changed hands between 1 December 2024 and 2 December 2024, the "
        "most (2) on 2 December 2024; 2 taken by Opposition; 1 taken by Government."
    )
    assert remarks(data, definition) == []  # only a map leaves places out


def test_a_chart_of_many_counts_says_where_each_count_s_status_is() -> None:
    definition = StepChart.model_validate({"id": "s", "kind": "step", "title": "Held", **SELECTION})
    assert remarks(count_rows(["North"], days=range(1, 31)), definition) == []
    many = count_rows(["North", "South", "East"], days=range(1, 31))
    assert remarks(many, definition) == [
        "Only each line's latest count is marked; every count, with the status of the claim "
        "behind it, is in the data."
    ]
