from __future__ import annotations

import pytest

from builder.names import closest, normalise_name, search_spellings, spelling_key


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
        ("Ḥamā", "Hama"),  # a transliteration's accents
        ("Maʿarrat al-Nuʿmān", "Maarrat al-Numan"),
    ],
)
def test_spellings_that_are_one_name(one: str, other: str) -> None:
    assert normalise_name(one) == normalise_name(other)


def test_different_places_stay_different() -> None:
    assert normalise_name("Abu Kamal") != normalise_name("Al-Bukamal")
    assert normalise_name("Aleppo") != normalise_name("Aleppo Governorate")


@pytest.mark.parametrize(
    "spelling", ["Al-Bukamal", "Albu Kamal", "al bukamal", "AlBukamal", "Bukamal", "El-Bukamal"]
)
def test_spellings_with_or_without_the_article_share_a_key(spelling: str) -> None:
    assert spelling_key(spelling) == spelling_key("Al-Bukamal") == "bukamal"


def test_arabic_with_or_without_the_article_share_a_key() -> None:
    assert spelling_key("البوكمال") == spelling_key("بوكمال") == spelling_key("ٱلبوكمال")


CROSSING = {"al-bukamal-crossing": ["Al-Bukamal crossing", "Abu Kamal", "البوكمال"], "hama": []}


@pytest.mark.parametrize(
    ("wanted", "suggested"),
    [
        ("abu-kamal", "al-bukamal-crossing"),  # an alias, written as an id
        ("bukamal-crossing", "al-bukamal-crossing"),  # the id without its article
        ("hamma", "hama"),  # a typo
        ("aleppo", None),  # nothing close: no suggestion rather than a wrong one
    ],
)
def test_the_closest_id_is_found_by_any_of_its_names(wanted: str, suggested: str | None) -> None:
    assert closest(wanted, CROSSING) == suggested


def test_search_spellings_add_what_readers_type_and_leave_out_what_is_given() -> None:
    spellings = search_spellings(
        ["Al-Bukamal crossing", "معبر البوكمال", "Al-Bukamal", "Abu Kamal", "البوكمال"]
    )
    assert spellings == [
        "Abukamal",
        "Albukamal",
        "Albukamal crossing",
        "Bukamal",
        "Bukamal crossing",
        "بوكمال",
        "معبر بوكمال",
    ]


def test_search_spellings_fold_letter_variants_and_apostrophes() -> None:
    assert "حماه" in search_spellings(["حماة"])
    assert "Maarrat al Numan" in search_spellings(["Ma'arrat al-Nu'man"])
    assert search_spellings(["Aleppo", "حلب"]) == []
