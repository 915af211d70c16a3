"""Which governorate a point lies in, and how far it is from one."""

from __future__ import annotations

import pytest

from builder.geography import Governorate, governorate_at, governorate_coded, governorates

# A square of 2 x 2 degrees with a hole of 1 x 1 in its middle, as (lon, lat) rings.
SQUARE = Governorate(
    "SY-XX",
    "SY99",
    "Square",
    (
        ((36.0, 34.0), (38.0, 34.0), (38.0, 36.0), (36.0, 36.0), (36.0, 34.0)),
        ((36.5, 34.5), (37.5, 34.5), (37.5, 35.5), (36.5, 35.5), (36.5, 34.5)),
    ),
)


def test_ray_casting_counts_the_hole_as_outside() -> None:
    assert SQUARE.contains(34.2, 36.2)
    assert not SQUARE.contains(35.0, 37.0)  # in the hole
    assert not SQUARE.contains(33.9, 37.0)
    assert not SQUARE.contains(35.0, 38.1)


def test_distance_is_zero_inside_and_kilometres_to_the_nearest_edge_outside() -> None:
    assert SQUARE.distance_km(34.2, 36.2) == 0
    # 0.1 degree of latitude south of the square is 11 km.
    assert SQUARE.distance_km(33.9, 37.0) == pytest.approx(11.12, abs=0.01)
    # In the hole, 0.5 degree of longitude from its edges, at 35 degrees north.
    assert SQUARE.distance_km(35.0, 37.0) == pytest.approx(45.5, abs=0.2)


@pytest.mark.parametrize(
    ("lat", "lon", "code"),
    [
        (34.9236, 36.7325, "SY-HI"),  # Rastan
        (34.8417, 36.7303, "SY-HI"),  # Talbiseh
        (35.2658, 36.7108, "SY-HM"),  # Taybat al-Imam
        (35.1318, 36.7578, "SY-HM"),  # Hama
        (35.4417, 36.6497, "SY-ID"),  # Khan Sheikhoun
        (36.2021, 37.1343, "SY-HL"),  # Aleppo
        (33.5138, 36.2765, "SY-DI"),  # Damascus, inside Rif Dimashq
        (33.5700, 36.4000, "SY-RD"),  # Douma
        (35.3359, 40.1408, "SY-DY"),  # Deir ez-Zor
        (32.7090, 36.5660, "SY-SU"),  # As-Suwayda
    ],
)
def test_towns_lie_in_their_governorates(lat: float, lon: float, code: str) -> None:
    found = governorate_at(lat, lon)
    assert found is not None and found.iso_code == code


def test_every_governorate_is_found_by_its_iso_code_or_its_p_code() -> None:
    assert len(governorates()) == 14
    for governorate in governorates():
        assert governorate_coded(governorate.iso_code, None) is governorate
        assert governorate_coded(None, governorate.pcode) is governorate
    assert governorate_coded("SY-ZZ", None) is None
