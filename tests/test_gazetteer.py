"""Where places lie: each place's chain of parents up to its governorate, and Syria's extent."""

from __future__ import annotations

import pytest

from builder.gazetteer import ancestor_chains, inside_syria
from builder.models import Place
from tests.conftest import BAD_INPUTS
from tests.contents import MINIMAL, yaml_records


def places_in(text: str) -> dict[str, Place]:
    typed = (Place.model_validate(r.data) for r in yaml_records(text, "content/places.yml"))
    return {place.id: place for place in typed}


def test_each_place_has_its_parents_in_order_up_to_the_governorate() -> None:
    places = places_in((MINIMAL / "content" / "places.yml").read_text())
    assert ancestor_chains(places) == {
        "north": [],
        "plain": ["north"],
        "village-a": ["plain", "north"],
        "village-b": ["plain", "north"],
    }


def test_a_cycle_or_an_unknown_parent_ends_the_chain() -> None:
    # village-b is filed under itself (its own error, from the checks).
    places = places_in((BAD_INPUTS / "name-collision" / "content" / "places.yml").read_text())
    places |= places_in(
        "- id: hill\n  name: {en: Hill}\n  kind: site\n  parent: ridge\n"
        "- id: ridge\n  name: {en: Ridge}\n  kind: site\n  parent: hill\n"
        "- id: farm\n  name: {en: Farm}\n  kind: site\n  parent: nowhere\n"
    )
    chains = ancestor_chains(places)
    assert chains["village-b"] == []
    assert (chains["hill"], chains["ridge"]) == (["ridge"], ["hill"])
    assert chains["farm"] == []
    assert chains["village-a"] == ["plain", "north"]


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (35.1318, 36.7578, True),  # Hama
        (37.0500, 41.2200, True),  # Qamishli, near the northern edge
        (32.2, 35.5, True),  # the south-west corner of the extent itself
        (48.8566, 2.3522, False),  # Paris (the places-outside case)
        (34.4, 40.9, True),
        (40.9, 34.4, False),  # the same point, latitude and longitude swapped
        (32.1, 36.0, False),  # just south of the extent
    ],
)
def test_a_point_is_inside_syria_within_its_extent(lat: float, lon: float, inside: bool) -> None:
    assert inside_syria(lat, lon) is inside
