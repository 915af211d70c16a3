"""A status reads the same everywhere: one word and one mark per level, each defined in the
methodology's legend."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from builder import status
from builder.models import ClaimStatus

METHODOLOGY = Path(__file__).parent.parent / "docs" / "methodology.md"


def test_every_claim_status_has_a_level_most_sure_first() -> None:
    assert list(status.LEVELS) == list(get_args(ClaimStatus))
    assert next(iter(status.LEVELS)) == "assessed"


def test_no_two_levels_share_a_mark_or_a_shape() -> None:
    marks = [level.mark for level in status.ALL]
    shapes = [level.shape for level in status.ALL]
    assert len(set(marks)) == len(marks) and len(set(shapes)) == len(shapes)


def test_a_holder_without_a_claim_is_the_gazetteer_s() -> None:
    assert status.view(None) == {
        "word": "per the gazetteer",
        "mark": "▼",
        "slug": "gazetteer",
        "meaning": "the gazetteer's starting holder",
    }
    assert status.view("contested")["mark"] == "▲"


def test_the_methodology_legend_defines_each_level_with_its_mark() -> None:
    legend = METHODOLOGY.read_text()
    for level in status.ALL:
        assert f"| {level.mark} | **{level.name}** |" in legend, level.name


def test_a_map_s_row_names_its_level_and_pages_show_it_the_same_way() -> None:
    assert status.view("holder not recorded")["mark"] == "✕"
    assert status.view("per the gazetteer") == status.view(None)
