"""Lines simplified in a drawn SVG: what a reader sees moves by half a pixel at most, and
nothing but plain polylines is touched."""

from __future__ import annotations

import itertools
import math
import random
import re

import pytest

from builder import simplify
from builder.drawn import rounded
from builder.simplify import TOLERANCE, kept_points, simplified


def staircase(steps: int, rise: float) -> str:
    """A daily count drawn as steps a third of a pixel apart, as Vega draws a step line."""
    points = []
    for n in range(steps):
        x, y = 24 + n * 0.3, 100 - n * rise
        points += [f"{x:.1f},{y:.2f}", f"{x + 0.3:.1f},{y:.2f}"]
    return "M" + "L".join(points)


def points_of(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", d)]


def farthest_from(line: list[tuple[float, float]], points: list[tuple[float, float]]) -> float:
    def to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        dx, dy = b[0] - a[0], b[1] - a[1]
        t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
        return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)

    return max(min(to_segment(p, a, b) for a, b in itertools.pairwise(line)) for p in points)


def test_a_dense_step_line_keeps_few_points_and_moves_under_half_a_pixel() -> None:
    d = staircase(400, 0.02)
    out = simplified(f'<path d="{d}" stroke="#0072B2"/>')
    kept = points_of(re.search(r'd="([^"]+)"', out).group(1))  # type: ignore[union-attr]
    original = points_of(d)
    assert len(kept) < len(original) / 20
    assert kept[0] == original[0] and kept[-1] == original[-1]
    assert farthest_from(kept, original) <= TOLERANCE
    assert out.endswith('" stroke="#0072B2"/>')


def test_a_closed_outline_stays_closed_and_a_sharp_turn_stays() -> None:
    # A spike out and back along itself: the turn is farther than the tolerance from the
    # segment between its neighbours, though on the line through them.
    spike = [(0.0, 0.0)] + [(float(x), 0.0) for x in range(1, 10)] + [(5.0, 0.0), (0.0, 0.0)]
    assert 9 in kept_points(spike, TOLERANCE)
    ring = "M0,0" + "".join(f"L{x},0" for x in range(1, 10)) + "L9,9L0,9Z"
    out = simplified(f'<path d="{ring}"/>')
    assert out == '<path d="M0,0L9,0L9,9L0,9Z"/>'


def test_anything_but_plain_polylines_is_left_as_drawn() -> None:
    untouched = [
        # A point's symbol (arcs), a curve, relative steps, and a short line.
        '<path d="M2.6,0A2.6,2.6,0,1,1,-2.6,0A2.6,2.6,0,1,1,2.6,0"/>',
        '<path d="M0,0C1,1,2,2,3,3L4,4L5,5L6,6L7,7L8,8L9,9"/>',
        '<path d="M0,0l1,0l1,0l1,0l1,0l1,0l1,0l1,0l1,0"/>',
        '<path d="M0,0L1,0L2,0L3,0"/>',
        "<text>M0,0L1,0L2,0L3,0L4,0L5,0L6,0L7,0L8,0</text>",
    ]
    for svg in untouched:
        assert simplified(svg) == svg


def test_once_rounded_as_drawn_a_noisy_line_moves_by_the_tolerance_and_a_rounding() -> None:
    # Vega writes up to sixteen decimals; `rounded` moves every kept point after, by a
    # twentieth of a pixel each way at most.
    noise = random.Random(7)
    original = [(24 + n * 0.37, 100 + 3 * math.sin(n / 9) + noise.random()) for n in range(600)]
    d = "M" + "L".join(f"{x!r},{y!r}" for x, y in original)
    drawn = rounded(simplified(f'<svg><path d="{d}"/></svg>'))
    kept = points_of(re.search(r'd="([^"]+)"', drawn).group(1))  # type: ignore[union-attr]
    assert len(kept) < len(original) / 2
    assert farthest_from(kept, original) <= 0.5 + math.hypot(0.05, 0.05)


def test_a_line_that_zigzags_every_point_is_simplified_in_n_log_n_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A count flipping between two values daily: every point stays, and splitting next to
    # an end each time took n squared steps (40,000 points never finished).
    measured = 0
    distance = simplify._distance

    def counted(*args: tuple[float, float]) -> float:
        nonlocal measured
        measured += 1
        return distance(*args)

    monkeypatch.setattr(simplify, "_distance", counted)
    zigzag = [(float(x), float(x % 2) * 4) for x in range(40_000)]
    assert len(kept_points(zigzag, TOLERANCE)) == len(zigzag)
    n_log_n = 40_000 * math.log2(40_000)  # about 611,000; n squared is 1.6 billion
    assert measured < 2 * n_log_n
