"""What a valid chart definition is, on its own: a window of days, and a control map's day
or days."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from builder.chart_definitions import ControlMap, StepChart


def test_a_window_includes_its_first_and_last_day() -> None:
    window = StepChart(
        id="w", kind="step", title="w", series="s", places=["p"], parties=["q"],
        start=dt.date(2024, 12, 2), end=dt.date(2024, 12, 4),
    )  # fmt: skip
    days = [dt.date(2024, 12, d) for d in (1, 2, 2, 3, 4, 5)]
    assert list(window.within(days, lambda day: day)) == days[1:5]
    assert list(window.within(days[:1], lambda day: day)) == []


def control_map_refused(**fields: object) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        ControlMap.model_validate({"id": "m", "kind": "control-map", "title": "M", **fields})
    return [str(error["ctx"]["error"]) for error in raised.value.errors()]


def test_a_control_map_shows_one_day_or_two_to_four_in_order() -> None:
    assert control_map_refused(date="2024-12-02", dates=["2024-12-01", "2024-12-02"]) == [
        "give either date (one map) or dates (one map each), not both"
    ]
    assert control_map_refused(dates=["2024-12-01"]) == [
        "give 2 to 4 days, one map each (for one map, use date); got 1"
    ]
    assert control_map_refused(dates=["2024-12-02", "2024-12-01"]) == [
        "days must be in order, each once: 2024-12-01 follows 2024-12-02"
    ]
    assert control_map_refused(part_of_day="evening") == [
        "a part of day needs the date it is part of"
    ]
    both = ControlMap.model_validate(
        {"id": "m", "kind": "control-map", "title": "M", "dates": ["2024-12-01", "2024-12-02"]}
    )
    assert both.dates == [dt.date(2024, 12, 1), dt.date(2024, 12, 2)]
