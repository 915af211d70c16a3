"""Which governorate a point lies in, and how near a border a misfiled place is let pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.consistency import TOLERANCE_KM
from builder.errors import ContentInvalid
from builder.geography import Governorate, governorate_at, governorate_coded, governorates
from builder.load import ProjectPaths, load
from builder.validate import validate

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


def _with_places(project: Path, places: str) -> None:
    gazetteer = project / "content" / "places.yml"
    gazetteer.write_text(gazetteer.read_text() + places)


IDLIB = """
- id: idlib
  name: {en: Idlib Governorate}
  kind: governorate
  iso_code: SY-ID
"""


def test_a_point_within_the_tolerance_of_its_governorate_is_accepted(minimal: Path) -> None:
    # Morek lies in Hama 1.8 km from Idlib's outline: too near to tell, so not an error.
    morek = governorate_coded("SY-ID", None)
    assert morek is not None and 0 < morek.distance_km(35.379, 36.689) < TOLERANCE_KM
    _with_places(
        minimal,
        IDLIB + "- id: morek\n  name: {en: Morek}\n  kind: town\n  parent: idlib\n"
        "  coordinates: {lat: 35.379, lon: 36.689, precision: exact}\n",
    )
    validate(load(ProjectPaths.at(minimal)))


def test_a_point_beyond_the_tolerance_is_an_error_whatever_its_precision(minimal: Path) -> None:
    # Rastan lies in Homs 2.8 km from Hama's outline; `approximate` does not widen the margin.
    _with_places(
        minimal,
        "- id: rastan\n  name: {en: Rastan}\n  kind: city\n  parent: north\n"
        "  coordinates: {lat: 34.9236, lon: 36.7325, precision: approximate}\n",
    )
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(minimal)))
    [error] = raised.value.errors
    assert (error.field, error.message) == (
        "parent",
        "filed under North Governorate (SY-HM), but 34.9236, 36.7325 lies in Homs Governorate "
        "(SY-HI); correct the parent or the coordinates",
    )


def test_a_point_outside_syria_gets_that_error_alone(minimal: Path) -> None:
    # North Governorate is coded SY-HM; Paris is far outside it, and outside Syria.
    _with_places(
        minimal,
        "- id: paris\n  name: {en: Paris}\n  kind: city\n  parent: north\n"
        "  coordinates: {lat: 48.8566, lon: 2.3522}\n",
    )
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(minimal)))
    assert [e.message for e in raised.value.errors] == ["48.8566, 2.3522 is outside Syria"]
