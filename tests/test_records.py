"""Typing single records: which error, on which line, in an editor's words; ids indexed once;
references checked against every id written down."""

from __future__ import annotations

import pytest

from builder.errors import ContentError
from builder.models import Claim, Place, Source
from builder.records import References, field_name, index, typed
from tests.conftest import BAD_INPUTS
from tests.contents import yaml_records


def typing_errors(text: str, model: type[Claim | Place | Source]) -> list[str]:
    errors: list[ContentError] = []
    typed(yaml_records(text, "content/f.yml"), model, errors)
    return sorted(str(e) for e in errors)


def test_an_unknown_field_is_matched_against_the_fields_of_its_own_entry() -> None:
    # `stanse` is near the claim's `status` too; inside an attribution it means `stance`.
    claim = """\
- id: north-count
  text: Opposition-held areas of the North went from 3 to 5.
  as_of: 2024-12-02
  plcaes: [north]
  attributions:
    - source: outlet
      stanse: reports
"""
    assert typing_errors(claim, Claim) == [
        "content/f.yml:4: plcaes: unknown field; did you mean 'places'?",
        "content/f.yml:6: attributions[0].stance: is required",
        "content/f.yml:7: attributions[0].stanse: unknown field; did you mean 'stance'?",
    ]


def test_a_value_of_the_wrong_shape_says_what_the_field_holds() -> None:
    place = """\
- id: village-a
  name: {en: [Village, A]}
  aliases: Village Alpha
  kind: village
  coordinates: 35.1, 36.7
"""
    assert typing_errors(place, Place) == [
        "content/f.yml:2: name.en: expected text, got a list",
        "content/f.yml:3: aliases: expected a list (`[a, b]`, or `- ` lines), got 'Village Alpha'",
        "content/f.yml:5: coordinates: expected `key: value` lines, got '35.1, 36.7'",
    ]


def test_empty_and_overlong_values_are_named_as_such() -> None:
    claim = f"""\
- id: {"a" * 121}
  text: ' '
  as_of: 2024-12-02
  attributions: []
"""
    assert typing_errors(claim, Claim) == [
        "content/f.yml:1: id: must be at most 120 characters",
        "content/f.yml:2: text: must not be empty",
        "content/f.yml:4: attributions: must list at least one",
    ]


def test_only_the_records_that_type_are_kept() -> None:
    text = (BAD_INPUTS / "yaml-mistakes" / "content" / "places.yml").read_text()
    errors: list[ContentError] = []
    kept = typed(yaml_records(text, "content/places.yml"), Place, errors)
    # `plain` has a misspelt field and `village-b` a kind that does not exist.
    assert [place.id for place, _ in kept] == ["north", "village-a"]
    assert [(e.line, e.field) for e in errors] == [(8, "parnet"), (15, "kind")]


@pytest.mark.parametrize(
    ("loc", "shown"),
    [
        (("attributions", 0, "source"), "attributions[0].source"),
        (("name", "en"), "name.en"),
        (("aliases", 1), "aliases[1]"),
        ((), "(entry)"),
    ],
)
def test_field_names_read_as_they_are_written(loc: tuple[int | str, ...], shown: str) -> None:
    assert field_name(loc) == shown


def test_a_second_record_with_an_id_is_reported_and_the_first_is_kept() -> None:
    text = (BAD_INPUTS / "duplicate-id" / "content" / "sources.yml").read_text()
    errors: list[ContentError] = []
    indexed = index(
        typed(yaml_records(text, "content/sources.yml"), Source, errors), "source", errors
    )
    assert errors == [
        ContentError(
            "content/sources.yml",
            10,
            "id",
            "duplicate source id 'outlet' (first at content/sources.yml:1)",
        )
    ]
    assert list(indexed) == ["outlet", "ministry", "monitor"]
    assert indexed["outlet"][0].name == "The Outlet"


def test_references_are_checked_against_every_id_except_kinds_that_could_not_be_read() -> None:
    (record,) = yaml_records(
        "- id: villages-taken\n  places: [village-a, vilage-b]\n  attributions:\n"
        "    - source: monitr\n      via: outlet\n",
        "content/claims/claims.yml",
    )
    errors: list[ContentError] = []
    refs = References(
        {"place": {"village-a", "village-b"}, "source": {"monitor", "outlet"}, "party": set()},
        {"party"},
        errors,
    )
    refs.check_all(record, ("places",), ["village-a", "vilage-b"], "place")
    refs.check(record, ("attributions", 0, "source"), "monitr", "source")
    refs.check(record, ("attributions", 0, "via"), "outlet", "source")
    refs.check(record, ("attributions", 0, "note"), None, "source")  # nothing given
    refs.check(record, ("party",), "anyone", "party")  # the parties could not be read
    assert [str(e) for e in errors] == [
        "content/claims/claims.yml:2: places[1]: unknown place 'vilage-b'; "
        "did you mean 'village-b'?",
        "content/claims/claims.yml:4: attributions[0].source: unknown source 'monitr'; "
        "did you mean 'monitor'?",
    ]
