"""Who holds a place, as of when: derived from the gazetteer's starting holder and the
changes of control, in order of day and part of day."""

from __future__ import annotations

import datetime as dt

from builder.control import Holding, holdings
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
