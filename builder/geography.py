"""Which governorate a point lies in, from the shipped governorate polygons.

`geodata/syria-governorates.geojson` (made by `tools/extract_governorates.py` from Natural
Earth) holds one MultiPolygon per governorate, keyed by its ISO 3166-2 code and p-code.
The outlines are simplified (an edge may be off by about a kilometre), so a point is judged
to lie outside a governorate only when it is farther than a tolerance from it.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points, the last equal to the first

KM_PER_DEGREE = 111.2  # of latitude, and of longitude at the equator


@dataclass(frozen=True)
class Governorate:
    iso_code: str
    pcode: str
    name: str
    rings: tuple[Ring, ...]  # every ring of every part, outer and inner alike

    def corners(self) -> list[tuple[float, float]]:
        """The south-west and north-east corners (lon, lat) of the box around its outline."""
        lons = [x for ring in self.rings for x, _ in ring]
        lats = [y for ring in self.rings for _, y in ring]
        return [(min(lons), min(lats)), (max(lons), max(lats))]

    def contains(self, lat: float, lon: float) -> bool:
        """Ray casting, even-odd over all rings: a hole's ring takes its points back out."""
        inside = False
        for ring in self.rings:
            for (x1, y1), (x2, y2) in itertools.pairwise(ring):
                if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                    inside = not inside
        return inside

    def distance_km(self, lat: float, lon: float) -> float:
        """How far the point is from this governorate: 0 inside, else to its nearest edge."""
        if self.contains(lat, lon):
            return 0.0
        # Degrees of longitude shrink with latitude; over Syria's few degrees one scale for
        # the point's latitude is exact to well under the outlines' own error.
        scale = math.cos(math.radians(lat))
        return KM_PER_DEGREE * min(
            _to_segment((lon * scale, lat), (x1 * scale, y1), (x2 * scale, y2))
            for ring in self.rings
            for (x1, y1), (x2, y2) in itertools.pairwise(ring)
        )


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


@cache
def governorates() -> tuple[Governorate, ...]:
    text = files("builder").joinpath("geodata/syria-governorates.geojson").read_text()
    found = []
    for feature in json.loads(text)["features"]:
        properties = feature["properties"]
        rings = tuple(
            tuple((float(x), float(y)) for x, y in ring)
            for polygon in feature["geometry"]["coordinates"]
            for ring in polygon
        )
        found.append(
            Governorate(properties["iso_code"], properties["pcode"], properties["name"], rings)
        )
    return tuple(found)


def governorate_at(lat: float, lon: float) -> Governorate | None:
    """The governorate the point lies in; None outside all (abroad, at sea, on an edge)."""
    return next((g for g in governorates() if g.contains(lat, lon)), None)


def governorate_coded(iso_code: str | None, pcode: str | None) -> Governorate | None:
    """The governorate with this ISO 3166-2 code or, failing that, this p-code."""
    return next(
        (g for g in governorates() if g.iso_code == iso_code),
        next((g for g in governorates() if pcode and g.pcode == pcode), None),
    )
