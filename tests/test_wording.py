from __future__ import annotations

import datetime as dt

import pytest

from builder.wording import (
    clock_time,
    counted,
    human_date,
    human_when,
    joined,
    movement,
    sentence,
)


def test_dates_read_as_a_newsroom_writes_them() -> None:
    assert human_date(dt.date(2024, 12, 2)) == "2 December 2024"
    assert human_when(dt.date(2024, 12, 2), "evening") == "2 December 2024 (evening)"
    assert human_when(dt.date(2024, 11, 29), None) == "29 November 2024"


def test_movement_says_which_way() -> None:
    assert (
        movement(12, "1 December", 16, "2 December")
        == "rose from 12 on 1 December to 16 on 2 December"
    )
    assert movement(16, "a", 12, "b") == "fell from 16 on a to 12 on b"
    assert movement(5, "a", 5, "b") == "stayed at 5 from a to b"


def test_counts_agree_with_their_noun() -> None:
    assert [counted(n, "story", "stories") for n in (0, 1, 2)] == [
        "0 stories",
        "1 story",
        "2 stories",
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("18:30+03:00", "18:30 UTC+3"),
        ("09:15-04:30", "09:15 UTC-4:30"),
        ("16:30Z", "16:30 UTC"),
        ("07:00+00:00", "07:00 UTC"),
    ],
)
def test_a_time_of_day_says_its_zone_as_an_offset_from_utc(written: str, shown: str) -> None:
    assert clock_time(written) == shown


def test_a_note_joined_to_other_sentences_loses_its_own_full_stop() -> None:
    assert sentence("Citing reports, without naming their origin.") == (
        "Citing reports, without naming their origin"
    )
    assert sentence("No stop") == "No stop"


def test_a_list_reads_as_a_sentence_says_it() -> None:
    assert joined([]) == ""
    assert joined(["step"]) == "step"
    assert joined(["step", "small-multiples"]) == "step and small-multiples"
    assert joined(["a", "b", "c"]) == "a, b and c"
