"""A row dated years from every other row of its table is reported with its line: one
mistyped year passes every check of the row on its own."""

from __future__ import annotations

import datetime as dt

from builder.errors import ContentError
from builder.located import Record
from builder.models import AreaCount
from builder.outliers import check_outlying_dates
from tests.conftest import BAD_INPUTS
from tests.contents import csv_records

HEADER = "series,date,part_of_day,place,party,count,claim\n"
PATH = "content/data/area_counts.csv"


def outlying(text: str) -> list[str]:
    rows = [(AreaCount.model_validate(r.data), r) for r in csv_records(text, PATH)]
    errors: list[ContentError] = []
    check_outlying_dates(rows, lambda c: c.date, lambda c: c.series, errors)
    return [str(e) for e in errors]


def test_a_first_row_a_decade_before_the_rest_is_reported() -> None:
    text = (BAD_INPUTS / "outlying-year" / "content" / "data" / "area_counts.csv").read_text()
    assert outlying(text) == [
        f"{PATH}:2: date: 2013-12-01 is 11 years before every other row; is the year mistyped?"
    ]


def test_a_last_row_after_the_rest_is_reported_too() -> None:
    text = HEADER + (
        "areas-held,2024-12-01,,north,opposition,3,north-count\n"
        "areas-held,2024-12-02,,north,opposition,5,north-count\n"
        "areas-held,2042-12-03,,north,opposition,6,north-count\n"
    )
    assert outlying(text) == [
        f"{PATH}:4: date: 2042-12-03 is 18 years after every other row; is the year mistyped?"
    ]


def test_rows_are_compared_within_their_group_only_and_three_make_a_group() -> None:
    text = HEADER + (
        # Two rows of a series: nothing to tell which of them is wrong.
        "areas-held,2004-12-01,,north,opposition,3,north-count\n"
        "areas-held,2024-12-02,,north,opposition,5,north-count\n"
        # Another series, far from the first in time but close within itself.
        "villages-held,2044-12-01,,north,opposition,1,north-count\n"
        "villages-held,2044-12-02,,north,opposition,2,north-count\n"
        "villages-held,2044-12-03,,north,opposition,3,north-count\n"
    )
    assert outlying(text) == []


def test_a_gap_a_day_short_of_ten_years_is_not_an_outlier() -> None:
    days = [dt.date(2014, 12, 2), dt.date(2024, 12, 1), dt.date(2024, 12, 2)]
    rows = [(day, Record(PATH, line, {})) for line, day in enumerate(days, start=2)]
    errors: list[ContentError] = []
    check_outlying_dates(rows, lambda day: day, lambda day: "all", errors)
    assert errors == []


def test_years_are_counted_as_a_calendar_counts_them() -> None:
    # 2024-12-02 to 2042-12-02 is eighteen years, not seventeen and a bit.
    text = HEADER + (
        "areas-held,2024-12-01,,north,opposition,3,north-count\n"
        "areas-held,2024-12-02,,north,opposition,5,north-count\n"
        "areas-held,2042-12-02,,north,opposition,6,north-count\n"
    )
    assert outlying(text) == [
        f"{PATH}:4: date: 2042-12-02 is 18 years after every other row; is the year mistyped?"
    ]


def test_exactly_ten_years_is_not_more_than_ten() -> None:
    text = HEADER + (
        "areas-held,2014-12-02,,north,opposition,3,north-count\n"
        "areas-held,2024-12-01,,north,opposition,4,north-count\n"
        "areas-held,2024-12-02,,north,opposition,5,north-count\n"
    )
    assert outlying(text) == []


def test_a_few_rows_mistyped_together_are_each_reported() -> None:
    # Two rows typed 1950 beat a rule that looked at the single first row: the chart then
    # spanned 74 years and the build took minutes.
    text = HEADER + (
        "areas-held,1950-01-01,,north,opposition,3,north-count\n"
        "areas-held,1950-01-02,,north,opposition,4,north-count\n"
        "areas-held,2024-12-01,,north,opposition,5,north-count\n"
        "areas-held,2024-12-02,,north,opposition,6,north-count\n"
        "areas-held,2024-12-03,,north,opposition,7,north-count\n"
    )
    assert outlying(text) == [
        f"{PATH}:2: date: 1950-01-01 is 74 years before the other 3 rows; is the year mistyped?",
        f"{PATH}:3: date: 1950-01-02 is 74 years before the other 3 rows; is the year mistyped?",
    ]
