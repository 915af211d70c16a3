"""What maps share: a frame fitted to the places shown, and labels placed so that none
overlap, both computed here in Python, in the map's own projected pixels.

Vega-Lite could fit the projection itself, but then we would not know where each point
lands, and could not place labels: so the frame is computed here (Mercator, as d3 draws it)
and handed to Vega-Lite as a fixed `scale`, `center` and `translate`. Labels are placed
greedily: places in order of importance (cities before villages, then by name) each take
the first of eight positions around their point that overlaps no label already placed, no
point and no edge of the frame. A label with no such position is left out, and the map's
caption counts it. Text widths are estimated generously (as DejaVu Sans Bold, wider than the
house font, which a reader without Liberation Sans, Arial or Helvetica may get), so a
label's box as drawn is inside the box it was placed with.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

# The frame of a map, in CSS pixels, and of its national inset.
WIDTH, HEIGHT = 520, 440
# A phone's column at 375 px is 343 px: the frame and the chart's padding of 5 px a side.
NARROW_WIDTH, NARROW_HEIGHT = 333, 300
INSET_WIDTH, INSET_HEIGHT = 150, 130
LABEL_SIZE = 12  # px, bold
POINT_RADIUS = 6  # px, around each point, that labels keep clear of
GAP = 3  # px between a point and its label
MARGIN = 36  # px kept between the outermost points and the frame
# Syria's extent (lon, lat), from the shipped outlines: the national frame.
SYRIA = ((35.6, 32.3), (42.4, 37.35))
# The least a local frame spans, in degrees: a single village is not drawn at street scale.
LEAST_SPAN = 0.35
# A frame smaller than this share of the national frame (in both directions) is local,
# and gets a national inset.
LOCAL = 0.5
# How wide a character of the label font is at most, as a share of its size (DejaVu Sans
# Bold's widest Latin letters, M and W, are 0.86 and 1.02 em; its average is about 0.7).
CHAR_WIDTH = 0.74


@dataclass(frozen=True)
class Frame:
    """A Mercator projection as d3 makes it: `scale`, `center` (lon, lat) drawn at the
    middle of a `width` x `height` frame."""

    scale: float
    center: tuple[float, float]
    width: int
    height: int

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.width / 2 + self.scale * math.radians(lon - self.center[0])
        y = self.height / 2 - self.scale * (_mercator(lat) - _mercator(self.center[1]))
        return x, y

    def invert(self, x: float, y: float) -> tuple[float, float]:
        lon = self.center[0] + math.degrees((x - self.width / 2) / self.scale)
        merc = _mercator(self.center[1]) - (y - self.height / 2) / self.scale
        lat = math.degrees(2 * math.atan(math.exp(merc)) - math.pi / 2)
        return lon, lat

    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The frame's corners as (lon, lat): south-west, north-east."""
        west, south = self.invert(0, self.height)
        east, north = self.invert(self.width, 0)
        return (west, south), (east, north)

    def projection(self) -> dict[str, object]:
        """The frame as a Vega-Lite projection, clipped to the frame."""
        return {
            "type": "mercator",
            "scale": round(self.scale, 6),
            "center": [round(self.center[0], 6), round(self.center[1], 6)],
            "translate": [self.width / 2, self.height / 2],
            "clipExtent": [[0, 0], [self.width, self.height]],
        }

    @property
    def local(self) -> bool:
        (west, south), (east, north) = self.bounds()
        (x0, y0), (x1, y1) = SYRIA
        return (east - west) < LOCAL * (x1 - x0) and (north - south) < LOCAL * (y1 - y0)


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit(
    points: Sequence[tuple[float, float]],
    width: int = WIDTH,
    height: int = HEIGHT,
    margin: int = MARGIN,
) -> Frame:
    """The frame that shows `points` (lon, lat) with `margin` pixels around them; at
    least LEAST_SPAN degrees across; the whole country when there are none."""
    if not points:
        points = list(SYRIA)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east = min(lons), max(lons)
    south, north = min(lats), max(lats)
    if east - west < LEAST_SPAN:
        middle = (east + west) / 2
        west, east = middle - LEAST_SPAN / 2, middle + LEAST_SPAN / 2
    if north - south < LEAST_SPAN:
        middle = (north + south) / 2
        south, north = middle - LEAST_SPAN / 2, middle + LEAST_SPAN / 2
    span_x = math.radians(east - west)
    span_y = _mercator(north) - _mercator(south)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    middle_y = (_mercator(north) + _mercator(south)) / 2
    center_lat = math.degrees(2 * math.atan(math.exp(middle_y)) - math.pi / 2)
    return Frame(scale, ((west + east) / 2, center_lat), width, height)


def national(width: int = INSET_WIDTH, height: int = INSET_HEIGHT) -> Frame:
    return fit(list(SYRIA), width, height, margin=4)


Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Label:
    """A label placed: its text's box in the frame's pixels, and where to draw its text
    (the middle of the box) as (lon, lat), for Vega-Lite's text mark."""

    text: str
    box: Box
    lon: float
    lat: float


def text_box_size(text: str, size: int = LABEL_SIZE) -> tuple[float, float]:
    """A generous width and height of `text` in the label font."""
    return len(text) * size * CHAR_WIDTH + 2, size * 1.25


def _candidates(x: float, y: float, w: float, h: float) -> list[Box]:
    """Eight positions around a point: right, left, above, below, then the diagonals."""
    d = POINT_RADIUS + GAP
    return [
        (x + d, y - h / 2, x + d + w, y + h / 2),
        (x - d - w, y - h / 2, x - d, y + h / 2),
        (x - w / 2, y - d - h, x + w / 2, y - d),
        (x - w / 2, y + d, x + w / 2, y + d + h),
        (x + d * 0.7, y - d * 0.7 - h, x + d * 0.7 + w, y - d * 0.7),
        (x - d * 0.7 - w, y - d * 0.7 - h, x - d * 0.7, y - d * 0.7),
        (x + d * 0.7, y + d * 0.7, x + d * 0.7 + w, y + d * 0.7 + h),
        (x - d * 0.7 - w, y + d * 0.7, x - d * 0.7, y + d * 0.7 + h),
    ]


def overlaps(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


class _Taken:
    """The boxes already on the map, found by the grid cells they cover: a national map of
    a large site has thousands of places, and each candidate is checked against only the
    boxes near it."""

    CELL = 40  # px

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        c = self.CELL
        return [
            (i, j)
            for i in range(int(box[0] // c), int(box[2] // c) + 1)
            for j in range(int(box[1] // c), int(box[3] // c) + 1)
        ]

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def hits(self, box: Box) -> bool:
        return any(
            overlaps(box, other) for cell in self._cells(box) for other in self.cells.get(cell, [])
        )


def place_labels(
    frame: Frame, places: Sequence[tuple[str, float, float]]
) -> tuple[dict[int, Label], int]:
    """Labels for `places` (text, lon, lat), in the order given (most important first):
    those placed, by their index in `places`, and how many were left out."""
    projected = [(text, *frame.project(lon, lat)) for text, lon, lat in places]
    taken = _Taken()
    for _, x, y in projected:
        taken.add((x - POINT_RADIUS, y - POINT_RADIUS, x + POINT_RADIUS, y + POINT_RADIUS))
    placed: dict[int, Label] = {}
    for i, (text, x, y) in enumerate(projected):
        w, h = text_box_size(text)
        for box in _candidates(x, y, w, h):
            inside = box[0] >= 1 and box[1] >= 1 and box[2] <= frame.width - 1
            if not inside or box[3] > frame.height - 1:
                continue
            # A point's own circle is among those taken; no candidate overlaps it.
            if taken.hits(box):
                continue
            taken.add(box)
            lon, lat = frame.invert((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            placed[i] = Label(text, box, lon, lat)
            break
    return placed, len(places) - len(placed)


# Kinds of place in the order their labels are placed: a city's name before a village's.
LABEL_ORDER = {"city": 0, "town": 1, "crossing": 2, "site": 3, "village": 4}


def label_priority(kind: str, name: str) -> tuple[int, str]:
    return LABEL_ORDER.get(kind, 5), name


def _crosses(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether the segment a-b has a part inside `box` (left, bottom, right, top in degrees;
    Liang-Barsky: a Mercator frame is a rectangle of longitude and latitude too)."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def lines_in(features: Sequence[dict[str, Any]], frame: Frame) -> list[dict[str, Any]]:
    """Each outline feature with only its lines that pass through the frame, as one feature
    (one `<path>` in the image: a path per line cost a hundred bytes each, hundreds a map);
    a feature with no line in the frame is left out, as its path would be empty (invalid
    HTML)."""
    (west, south), (east, north) = frame.bounds()
    box = (west, south, east, north)
    kept = []
    for feature in features:
        lines = [
            line
            for line in feature["geometry"]["coordinates"]
            if any(_crosses(a, b, box) for a, b in pairwise((float(x), float(y)) for x, y in line))
        ]
        if lines:
            kept.append(
                {
                    "type": "Feature",
                    "properties": feature["properties"],
                    "geometry": {"type": "MultiLineString", "coordinates": lines},
                }
            )
    return kept
