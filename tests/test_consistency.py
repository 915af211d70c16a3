"""Records that must agree with each other and with the map: a place lies in the governorate
it is filed under (within a tolerance), and a count or change of control cites a claim about
its place made no earlier than what it reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.consistency import TOLERANCE_KM, check_rows_against_claims
from builder.errors import ContentError, ContentInvalid
from builder.geography import governorate_coded
from builder.load import ProjectPaths, load
from builder.located import Record
from builder.models import AreaCount, Claim, ControlChange
from builder.validate import validate
from tests.contents import csv_records


def with_places(project: Path, places: str) -> None:
    gazetteer = project / "content" / "places.yml"
    gazetteer.write_text(gazetteer.read_text() + places)


IDLIB = """
- id: idlib
  name: {en: Idlib Governorate}
  kind: governorate
  iso_code: SY-ID
"""


def test_a_point_within_the_tolerance_of_its_governorate_is_accepted(minimal: Path) -> None:
    # Morek lies in Hama 1.8 km from Idlib's outline: too near to tell, so not an error.
    morek = governorate_coded("SY-ID", None)
    assert morek is not None and 0 < morek.distance_km(35.379, 36.689) < TOLERANCE_KM
    with_places(
        minimal,
        IDLIB + "- id: morek\n  name: {en: Morek}\n  kind: town\n  parent: idlib\n"
        "  coordinates: {lat: 35.379, lon: 36.689, precision: exact}\n",
    )
    validate(load(ProjectPaths.at(minimal)))


def test_a_point_beyond_the_tolerance_is_an_error_whatever_its_precision(minimal: Path) -> None:
    # Rastan lies in Homs 2.8 km from Hama's outline; `approximate` does not widen the margin.
    with_places(
        minimal,
        "- id: rastan\n  name: {en: Rastan}\n  kind: city\n  parent: north\n"
        "  coordinates: {lat: 34.9236, lon: 36.7325, precision: approximate}\n",
    )
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(minimal)))
    [error] = raised.value.errors
    assert (error.field, error.message) == (
        "parent",
        "filed under North Governorate (SY-HM), but 34.9236, 36.7325 lies in Homs Governorate "
        "(SY-HI); correct the parent or the coordinates",
    )


def test_a_point_outside_syria_gets_that_error_alone(minimal: Path) -> None:
    # North Governorate is coded SY-HM; Paris is far outside it, and outside Syria.
    with_places(
        minimal,
        "- id: paris\n  name: {en: Paris}\n  kind: city\n  parent: north\n"
        "  coordinates: {lat: 48.8566, lon: 2.3522}\n",
    )
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(minimal)))
    assert [e.message for e in raised.value.errors] == ["48.8566, 2.3522 is outside Syria"]


# The minimal fixture's places: two villages in The Plain, in North Governorate.
CHAINS = {
    "north": [],
    "plain": ["north"],
    "village-a": ["plain", "north"],
    "village-b": ["plain", "north"],
}
TODAY = dt.date(2025, 1, 1)


def claim(identifier: str, places: list[str], part_of_day: str | None = None) -> Claim:
    return Claim.model_validate(
        {
            "id": identifier,
            "text": f"What {identifier} says.",
            "as_of": "2024-12-02",
            "part_of_day": part_of_day,
            "places": places,
            "attributions": [{"source": "outlet", "stance": "reports"}],
        }
    )


CLAIMS = {
    c.id: c
    for c in (
        claim("north-count", ["north"], "evening"),
        claim("villages-taken", ["village-a", "village-b"]),
        claim("village-b-taken", ["village-b"]),
        claim("anywhere", []),
        claim("many", ["village-b", "east", "west", "south", "hill"]),
    )
}


def row_errors(changes: str, today: dt.date = TODAY) -> list[str]:
    path = "content/data/control_changes.csv"
    text = "date,part_of_day,place,from_party,to_party,extent,claim\n" + changes
    rows: list[tuple[AreaCount | ControlChange, Record]] = [
        (ControlChange.model_validate(r.data), r) for r in csv_records(text, path)
    ]
    errors: list[ContentError] = []
    check_rows_against_claims(rows, CLAIMS, CHAINS, today, errors)
    return [f"{e.line}: {e.field}: {e.message}" for e in errors]


def test_a_claim_about_a_place_around_or_inside_the_row_s_place_is_about_it() -> None:
    assert (
        row_errors(
            "2024-12-02,,village-a,government,opposition,full,villages-taken\n"
            "2024-12-02,,village-a,government,opposition,full,north-count\n"  # around it
            "2024-12-02,,north,government,opposition,full,villages-taken\n"  # inside it
            "2024-12-02,,plain,government,opposition,full,anywhere\n"  # names no place
        )
        == []
    )


def test_a_claim_about_another_place_names_what_it_is_about() -> None:
    assert row_errors(
        "2024-12-02,,village-a,government,opposition,full,village-b-taken\n"
        "2024-12-01,,village-a,government,opposition,full,many\n"
    ) == [
        "2: claim: claim 'village-b-taken' is about 'village-b', not 'village-a'; "
        "cite a claim about 'village-a' or add it to the claim's places",
        "3: claim: claim 'many' is about 'village-b', 'east', 'west' and 2 more, not "
        "'village-a'; cite a claim about 'village-a' or add it to the claim's places",
    ]


def test_a_row_later_than_its_claim_is_named_by_the_column_that_makes_it_later() -> None:
    assert row_errors(
        "2024-12-02,night,north,government,opposition,full,north-count\n"
        "2024-12-02,evening,north,government,opposition,full,north-count\n"
        "2024-12-02,night,village-b,government,opposition,full,villages-taken\n"
        "2024-12-03,morning,village-b,government,opposition,full,villages-taken\n"
    ) == [
        "2: part_of_day: 2024-12-02 night is after claim 'north-count', which is as of "
        "2024-12-02 evening; cite a later claim or correct the date",
        # The claim gives no part of the day: the same day is not later.
        "5: date: 2024-12-03 morning is after claim 'villages-taken', which is as of "
        "2024-12-02; cite a later claim or correct the date",
    ]


def test_a_row_dated_after_today_has_only_its_own_error() -> None:
    assert (
        row_errors(
            "2024-12-03,,village-b,government,opposition,full,villages-taken\n",
            today=dt.date(2024, 12, 2),
        )
        == []
    )
