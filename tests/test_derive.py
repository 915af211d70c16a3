from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.derive import Derived, counts_frame, derive
from builder.load import ProjectPaths, load
from builder.models import AreaCount
from builder.validate import validate


def test_counts_become_ordered_series_with_deltas(first_story: Path) -> None:
    derived = derive(validate(load(ProjectPaths.at(first_story))))
    hama = derived.counts[derived.counts["place"] == "hama"]
    assert hama["count"].tolist() == [12, 16]
    assert hama["delta"].tolist()[1] == 4


def test_a_count_that_disagrees_with_the_places_listed_is_flagged(first_story: Path) -> None:
    derived = derive(validate(load(ProjectPaths.at(first_story))))
    (flag,) = derived.discrepancies
    assert (flag.place, flag.party, flag.delta, flag.net_listed) == ("hama", "opposition", 4, 12)
    assert flag.count_claim == "hama-areas-2024-12-02"
    assert flag.change_claims == ("al-ghab-villages-seized-2024-12-02",)
    assert len(flag.listed) == 12


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
