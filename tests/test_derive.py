from __future__ import annotations

from pathlib import Path

from builder.derive import derive
from builder.load import ProjectPaths, load
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
