"""Where places lie: each place's chain of parents, up to its governorate."""

from __future__ import annotations

from collections.abc import Mapping

from builder.models import Place

# Syria's extent with a small margin (degrees): coordinates outside it are a typo, most often
# latitude and longitude swapped.
SYRIA_BOUNDS = {"lat": (32.2, 37.4), "lon": (35.5, 42.5)}


def inside_syria(lat: float, lon: float) -> bool:
    (south, north), (west, east) = SYRIA_BOUNDS["lat"], SYRIA_BOUNDS["lon"]
    return south <= lat <= north and west <= lon <= east


def ancestor_chains(places: Mapping[str, Place]) -> dict[str, list[str]]:
    """Place id -> parent, grandparent, ... (cycles and unknown parents cut the chain)."""
    chains = {}
    for identifier, place in places.items():
        chain: list[str] = []
        parent = place.parent
        while (
            parent is not None and parent in places and parent not in chain and parent != identifier
        ):
            chain.append(parent)
            parent = places[parent].parent
        chains[identifier] = chain
    return chains
