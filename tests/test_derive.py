from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.derive import Derived, counts_frame, derive
from builder.load import ProjectPaths, load
from builder.models import AreaCount
from builder.validate import validate


def test_counts_become_ordered_series_with_deltas(first_story: Path) -> None:
    derived = derive(validate(load(ProjectPaths.at(first_story))))
    hama = derived.counts[derived.counts["place"] == "hama"]
    assert hama["count"].tolist() == [12, 16]
    assert hama["delta"].tolist()[1] == 4


def test_villages_taken_after_the_evening_count_are_not_set_against_it(
    first_story: Path,
) -> None:
    # Hama's count rose to 16 by the evening; the twelve villages were taken that night.
    derived = derive(validate(load(ProjectPaths.at(first_story))))
    assert derived.discrepancies == []


@pytest.mark.parametrize("part", ["evening", ""])
def test_a_count_that_disagrees_with_the_places_listed_is_flagged(
    first_story: Path, part: str
) -> None:
    # Taken by the evening of the count, or at a time of day not known: set against it.
    changes = first_story / "content" / "data" / "control_changes.csv"
    changes.write_text(changes.read_text().replace(",night,", f",{part},"))
    derived = derive(validate(load(ProjectPaths.at(first_story))))
    (flag,) = derived.discrepancies
    assert (flag.place, flag.party, flag.delta, flag.net_listed) == ("hama", "opposition", 4, 12)
    assert (flag.date, flag.part_of_day) == (dt.date(2024, 12, 2), "evening")
    assert flag.count_claim == "hama-areas-2024-12-02"
    assert flag.change_claims == ("al-ghab-villages-seized-2024-12-02",)
    assert len(flag.listed) == len(flag.counted) == 12


def test_changes_up_to_an_earlier_count_that_day_are_set_against_that_count(
    minimal: Path,
) -> None:
    counts = minimal / "content" / "data" / "area_counts.csv"
    counts.write_text(
        counts.read_text() + "areas-held,2024-12-02,morning,north,opposition,3,north-count\n"
    )
    changes = minimal / "content" / "data" / "control_changes.csv"
    changes.write_text(changes.read_text().replace("2024-12-02,,", "2024-12-02,morning,"))
    # The villages were taken by the morning count, which stayed at 3; the evening count's
    # rise to 5 comes after them, with no change listed in between.
    (flag,) = derive(validate(load(ProjectPaths.at(minimal)))).discrepancies
    assert (flag.part_of_day, flag.delta, flag.net_listed) == ("morning", 0, 2)


@pytest.mark.parametrize(("count", "flagged"), [(5, False), (6, True)])
def test_a_site_inside_a_place_listed_that_day_is_not_another_area(
    minimal: Path, count: int, flagged: bool
) -> None:
    places = minimal / "content" / "places.yml"
    places.write_text(
        places.read_text()
        + "- id: village-a-school\n  name: {en: Village A school}\n  kind: site\n"
        "  parent: village-a\n"
    )
    changes = minimal / "content" / "data" / "control_changes.csv"
    changes.write_text(
        changes.read_text() + "2024-12-02,,village-a-school,government,opposition,full,"
        "villages-taken\n"
    )
    counts = minimal / "content" / "data" / "area_counts.csv"
    counts.write_text(counts.read_text().replace(",opposition,5,", f",opposition,{count},"))
    found = derive(validate(load(ProjectPaths.at(minimal)))).discrepancies
    assert [(d.net_listed, len(d.listed), len(d.counted)) for d in found] == (
        [(2, 3, 2)] if flagged else []
    )


def test_no_flag_when_the_count_and_the_places_agree(minimal: Path) -> None:
    # The fixture's count goes 3 -> 5 and two villages are listed as taken that day.
    derived = derive(validate(load(ProjectPaths.at(minimal))))
    assert derived.discrepancies == []
    assert derived.province_of("village-a") == "north"
    assert [c.place for c in derived.histories["village-b"]] == ["village-b"]


def test_losses_count_against_the_party(minimal: Path) -> None:
    changes = minimal / "content" / "data" / "control_changes.csv"
    changes.write_text(
        changes.read_text().replace(
            "village-b,government,opposition", "village-b,opposition,government"
        )
    )
    (flag,) = derive(validate(load(ProjectPaths.at(minimal)))).discrepancies
    assert (flag.delta, flag.net_listed) == (2, 0)


def test_a_charts_count_rows_are_its_series_and_places_in_order() -> None:
    rows = [
        AreaCount(
            series=series,
            date=dt.date(2025, 1, day),
            place=place,
            party=party,
            count=day,
            claim=f"c-{series}-{place}-{party}-{day}",
        )
        for day in (3, 1, 2)
        for series in ("areas-held", "towns-held")
        for place in ("hama", "idlib", "homs")
        for party in ("government", "opposition")
    ]
    counts = counts_frame(rows)
    derived = Derived(counts, {}, {}, {}, {}, [])
    picked = derived.counts_of("areas-held", ["idlib", "hama", "idlib"])
    scanned = counts[(counts["series"] == "areas-held") & counts["place"].isin(["idlib", "hama"])]
    assert picked.equals(scanned)
    assert list(picked["place"].unique()) == ["hama", "idlib"]
    assert picked[picked["place"] == "hama"]["date"].tolist()[:3] == [
        dt.date(2025, 1, 1),
        dt.date(2025, 1, 2),
        dt.date(2025, 1, 3),
    ]
    assert derived.counts_of("areas-held", ["raqqa"]).empty
