"""Who holds a place, as of when: derived from the gazetteer's starting holder and the
changes of control, in order of day and part of day."""

from __future__ import annotations

import datetime as dt

from builder.control import END_OF_DAY, Holding, holder_at, holdings
from builder.models import ControlChange, Place


def place(identifier: str, held_by: dict[str, str] | None = None) -> Place:
    data: dict[str, object] = {"id": identifier, "name": {"en": identifier}, "kind": "village"}
    if held_by:
        data["held_by"] = held_by
    return Place.model_validate(data)


def change(day: str, part: str | None, to: str, frm: str, extent: str = "full") -> ControlChange:
    return ControlChange.model_validate(
        {
            "date": day,
            "part_of_day": part,
            "place": "suran",
            "from_party": frm,
            "to_party": to,
            "extent": extent,
            "claim": "suran-taken",
        }
    )


def test_the_holder_follows_each_full_change_in_order_of_the_day_and_its_part() -> None:
    places = {"suran": place("suran", {"party": "government", "as_of": "2024-11-01"})}
    rows = [
        change("2024-12-05", "evening", "government", "opposition"),  # retaken that evening
        change("2024-12-05", "morning", "opposition", "government"),
        change("2024-12-04", None, "opposition", "government", extent="partial"),
    ]
    assert holdings(places, rows)["suran"] == [
        Holding("government", dt.date(2024, 11, 1), None, None),
        Holding("opposition", dt.date(2024, 12, 5), "morning", "suran-taken"),
        Holding("government", dt.date(2024, 12, 5), "evening", "suran-taken"),
    ]


def test_a_place_with_no_holder_and_no_change_has_no_holdings() -> None:
    assert holdings({"halfaya": place("halfaya")}, []) == {}


def test_the_holder_at_a_moment_is_the_last_holder_up_to_it_and_unsettled_while_partly_taken() -> (
    None
):
    places = {"suran": place("suran", {"party": "government", "as_of": "2024-11-01"})}
    rows = sorted(
        [
            change("2024-12-04", None, "opposition", "government", extent="partial"),
            change("2024-12-05", "morning", "opposition", "government"),
        ],
        key=lambda c: (c.date, c.part_of_day or ""),
    )
    held = holdings(places, rows)["suran"]
    before = holder_at(held, rows, (dt.date(2024, 12, 3), END_OF_DAY))
    assert before is not None and (before.party, before.claim, before.partly_taken_by) == (
        "government",
        None,  # as the gazetteer gives it
        None,
    )
    partly = holder_at(held, rows, (dt.date(2024, 12, 4), END_OF_DAY))
    assert partly is not None and (partly.party, partly.partly_taken_by) == (
        "government",
        "opposition",
    )
    # At dawn on the 5th, before the morning's change; then after it.
    dawn = holder_at(held, rows, (dt.date(2024, 12, 5), 0))
    assert dawn is not None and dawn.party == "government"
    after = holder_at(held, rows, (dt.date(2024, 12, 5), END_OF_DAY))
    assert after is not None and (after.party, after.claim, after.partly_taken_by) == (
        "opposition",
        "suran-taken",
        None,
    )


def test_before_its_first_change_a_place_is_held_by_the_side_it_was_taken_from() -> None:
    rows = [change("2024-12-02", "night", "opposition", "government")]
    held = holdings({"suran": place("suran")}, rows)["suran"]
    before = holder_at(held, rows, (dt.date(2024, 12, 1), END_OF_DAY))
    assert before is not None
    assert (before.party, before.claim, before.since) == ("government", "suran-taken", None)
    assert holder_at([], [], (dt.date(2024, 12, 1), END_OF_DAY)) is None
