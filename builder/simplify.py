"""Lines in a drawn SVG with the points no reader can see taken out.

Vega draws a line through every row and an outline through every vertex of the boundary
file: a count kept daily over three years is a step every third of a pixel in a small panel,
a governorate's edge a vertex every pixel in a zoomed map. Most of a large chart's bytes,
for nothing on the screen. Each polyline (`M x,y L x,y ...`, what Vega writes for lines,
areas and outlines) keeps the points that Douglas-Peucker keeps at half a pixel
(`TOLERANCE`): the line drawn moves by at most that, and by 0.07 px more when `rounded`
writes each point kept to a tenth of a pixel. Anything else in a path (arcs of points'
symbols, curves, relative commands) is left as drawn.
"""

from __future__ import annotations

import math
import re

# Within this many pixels of the line through its neighbours kept, a point goes: under what
# a screen shows at the size the chart is drawn. Not lowered to leave room for rounding:
# a noisy line then keeps many more points, and a story page's weight is near its limit
# (docs/performance.md, "What is left").
TOLERANCE = 0.5
# A path of fewer points is left as it is: nothing to gain.
FEWEST = 8

_NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
_POINT = rf"{_NUMBER},{_NUMBER}"
# One subpath of absolute moves and lines, closed or not.
_SUBPATH = rf"M{_POINT}(?:L{_POINT})*Z?"
_POLYLINES = re.compile(rf'(<path\b[^>]*?\sd=")((?:{_SUBPATH})+)(")')
_SUBPATHS = re.compile(_SUBPATH)
_POINTS = re.compile(rf"({_NUMBER}),({_NUMBER})")


def simplified(svg: str) -> str:
    """`svg` with every path made only of polylines simplified (see the module)."""
    return _POLYLINES.sub(
        lambda found: found.group(1) + _path(found.group(2)) + found.group(3), svg
    )


def _path(d: str) -> str:
    return "".join(_subpath(each.group()) for each in _SUBPATHS.finditer(d))


def _subpath(d: str) -> str:
    written = [(x, y) for x, y in _POINTS.findall(d)]
    if len(written) < FEWEST:
        return d
    points = [(float(x), float(y)) for x, y in written]
    kept = [written[i] for i in kept_points(points, TOLERANCE)]
    line = "M" + "L".join(f"{x},{y}" for x, y in kept)
    return line + "Z" if d.endswith("Z") else line


def kept_points(points: list[tuple[float, float]], tolerance: float) -> list[int]:
    """The indexes of the points Douglas-Peucker keeps: the first, the last, and each point
    farther than `tolerance` from the segment between the points kept around it.

    A range is split at its farthest point or, among the points about as far (within half
    the tolerance), the one nearest its middle. Any point beyond the tolerance would keep
    the promise above; the middle keeps the work near n log n where a line zigzags evenly
    (a count flipping between two values daily), whose farthest point is always next to an
    end and made the split quadratic: 3,300 points took seconds, 40,000 never finished."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    pending = [(0, len(points) - 1)]
    while pending:  # not recursive: a line of thousands of points would go too deep
        first, last = pending.pop()
        away = [_distance(points[i], points[first], points[last]) for i in range(first + 1, last)]
        farthest = max(away, default=0.0)
        if farthest > tolerance:
            middle = (first + last) / 2
            index = min(
                (i for i, each in enumerate(away, first + 1) if each >= farthest - tolerance / 2),
                key=lambda i: abs(i - middle),
            )
            keep[index] = True
            pending += [(first, index), (index, last)]
    return [i for i, kept in enumerate(keep) if kept]


def _distance(
    point: tuple[float, float], start: tuple[float, float], end: tuple[float, float]
) -> float:
    """How far `point` lies from the segment from `start` to `end` (not from its line: an
    outline may turn back along itself, and the turn must stay)."""
    (x, y), (x0, y0), (x1, y1) = point, start, end
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    along = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
    return math.hypot(x - (x0 + along * dx), y - (y0 + along * dy))
