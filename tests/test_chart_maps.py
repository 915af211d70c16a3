"""A map's frame fits its places, and its labels never overlap: computed in Python, in the
frame's own pixels, the same pixels Vega-Lite draws in."""

from __future__ import annotations

import itertools

import pytest

from builder.chart import maps


def test_the_frame_fits_the_places_with_a_margin_and_projects_back_and_forth() -> None:
    places = [(36.6497, 35.4417), (37.1343, 36.2021), (36.8058, 35.8647)]
    frame = maps.fit(places)
    xs, ys = zip(*(frame.project(lon, lat) for lon, lat in places), strict=True)
    # Every place inside the frame, the margin kept on the side that limits the scale.
    assert min(xs) >= maps.MARGIN - 0.01 and max(xs) <= frame.width - maps.MARGIN + 0.01
    assert min(ys) >= maps.MARGIN - 0.01 and max(ys) <= frame.height - maps.MARGIN + 0.01
    assert round(min(ys), 6) == maps.MARGIN or round(min(xs), 6) == maps.MARGIN
    for lon, lat in places:
        assert frame.invert(*frame.project(lon, lat)) == pytest.approx((lon, lat))
    assert frame.local  # a corner of the north-west: the map gets a national inset


def test_the_national_frame_is_not_local_and_one_place_is_not_drawn_at_street_scale() -> None:
    assert not maps.fit([]).local
    (west, south), (east, north) = maps.fit([(36.5, 35.5)]).bounds()
    assert east - west >= maps.LEAST_SPAN and north - south >= maps.LEAST_SPAN


def test_the_projection_handed_to_vega_lite_is_the_frame_computed_here() -> None:
    frame = maps.fit([(36.6, 35.4), (37.1, 36.2)])
    projection = frame.projection()
    assert projection["type"] == "mercator"
    assert projection["translate"] == [frame.width / 2, frame.height / 2]
    assert projection["clipExtent"] == [[0, 0], [frame.width, frame.height]]


def test_crowded_labels_never_overlap_and_those_left_out_are_counted() -> None:
    # Twelve villages a few hundred metres apart: not all names fit.
    crowd = [(f"Village number {i}", 36.40 + 0.004 * i, 35.45 + 0.003 * (i % 3)) for i in range(12)]
    frame = maps.fit([(lon, lat) for _, lon, lat in crowd])
    placed, dropped = maps.place_labels(frame, crowd)
    assert dropped == len(crowd) - len(placed) and dropped > 0 and placed
    for one, other in itertools.combinations(placed.values(), 2):
        assert not maps.overlaps(one.box, other.box), (one.text, other.text)
    for label in placed.values():
        left, top, right, bottom = label.box
        assert 0 < left < right < frame.width and 0 < top < bottom < frame.height
        # No label covers a point.
        for _, lon, lat in crowd:
            x, y = frame.project(lon, lat)
            assert not maps.overlaps(label.box, (x - 1, y - 1, x + 1, y + 1))


def test_the_first_places_get_their_labels_first() -> None:
    same_spot = [("City", 36.5, 35.5), ("Village", 36.5001, 35.5001)]
    placed, _ = maps.place_labels(maps.fit([(36.5, 35.5)]), same_spot)
    assert placed[0].text == "City" and placed[0].box[0] > maps.fit([(36.5, 35.5)]).width / 2
    assert maps.label_priority("city", "Hama") < maps.label_priority("village", "Al-Zakat")


def test_a_label_box_is_generous() -> None:
    # DejaVu Sans Bold, wider than the house font, averages about 0.7 em a letter.
    width, height = maps.text_box_size("Maarat al-Numan")
    assert width >= 15 * 0.7 * maps.LABEL_SIZE and height > maps.LABEL_SIZE


def test_the_outlines_in_a_frame_are_a_path_a_layer_with_only_the_lines_through_it() -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"layer": "governorate"},
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [
                    [[36.0, 35.0], [37.0, 36.0]],  # through the frame
                    [[41.0, 32.5], [41.5, 32.6]],  # far to the south-east
                ],
            },
        },
        {
            "type": "Feature",
            "properties": {"layer": "border"},
            "geometry": {"type": "MultiLineString", "coordinates": [[[41.0, 32.5], [42, 33]]]},
        },
    ]
    frame = maps.fit([(36.4, 35.4), (36.6, 35.6)])
    assert maps.lines_in(features, frame) == [
        {
            "type": "Feature",
            "properties": {"layer": "governorate"},
            "geometry": {"type": "MultiLineString", "coordinates": [[[36.0, 35.0], [37.0, 36.0]]]},
        }
    ]
