"""A page about something else shows the latest of a long list and says how many there are."""

from __future__ import annotations

from builder.render.more import latest, more


def test_latest_keeps_the_last_entries_in_their_order() -> None:
    assert latest(["a", "b", "c", "d"], 2) == ["c", "d"]


def test_latest_keeps_every_entry_when_there_are_few_or_no_limit() -> None:
    assert latest(["a", "b"], 5) == ["a", "b"]
    assert latest(["a", "b", "c"], None) == ["a", "b", "c"]


def test_latest_by_date_picks_the_newest_whatever_the_order_given() -> None:
    counts = [
        ("north", "2024-12-03"),
        ("north", "2024-11-29"),
        ("south", "2024-12-05"),
        ("south", "2024-12-01"),
    ]
    kept = latest(counts, 2, when=lambda row: row[1])
    assert kept == [("north", "2024-12-03"), ("south", "2024-12-05")]


def test_more_says_how_many_of_how_many_with_the_link_to_all() -> None:
    note = more(1234, 5, "changes of control", "../timeline/province/SY07.md", "Every change")
    assert note is not None
    assert note["text"] == "The latest 5 of 1,234 changes of control."
    assert note["href"] == "../timeline/province/SY07.md"
    assert note["link_text"] == "Every change"


def test_more_says_nothing_when_the_page_shows_them_all() -> None:
    assert more(5, 5, "claims", None, "All claims") is None
    assert more(3, 20, "claims", None, "All claims") is None
