from __future__ import annotations

import pytest

from builder.names import normalise_name


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Al-Bukamal", "al bukamal"),
        ("Al-Bukamal", "AL–BUKAMAL"),
        ("Maarrat al-Nu'man", "Maarrat al Nu’man"),
        ("البوكمال", "ٱلبوكمال"),  # alef wasla
        ("إدلب", "ادلب"),  # hamza below
        ("حماة", "حماه"),  # taa marbuta
        ("المُغَير", "المغير"),  # short vowels
    ],
)
def test_spellings_that_are_one_name(one: str, other: str) -> None:
    assert normalise_name(one) == normalise_name(other)


def test_different_places_stay_different() -> None:
    assert normalise_name("Abu Kamal") != normalise_name("Al-Bukamal")
    assert normalise_name("Aleppo") != normalise_name("Aleppo Governorate")
