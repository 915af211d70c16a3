"""Each bad-input case must produce exactly the lines in its expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import ContentInvalid
from builder.load import ProjectPaths, load
from builder.validate import validate
from tests.conftest import BAD_CASES, BAD_INPUTS, bad_case


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_gives_exact_errors(case: str, tmp_path: Path) -> None:
    project = bad_case(case, tmp_path / case)
    expected = (BAD_INPUTS / case / "expected.txt").read_text().strip()
    if not expected:  # a case that must be read correctly, not refused
        validate(load(ProjectPaths.at(project)))
        return
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(project)))
    assert raised.value.report() == expected


def test_the_required_cases_are_all_covered() -> None:
    assert {
        "unknown-source",
        "missing-place",
        "non-numeric-count",
        "duplicate-id",
        "malformed-date",
        "yaml-traps",
        "yaml-mistakes",
        "bom-crlf",
        "nul-byte",
        "not-utf8",
        "truncated",
        "body-references",
        "same-id-two-files",
        "slugs",
        "dates",
        "counts",
        "places-outside",
        "name-collision",
        "hostile-urls",
        "chart-mistakes",
        "misfiled-places",
        "rows-about-other-places",
        "rows-after-their-claim",
        "symlinks",
        "control-characters",
        "number-forms",
        "date-forms",
        "outlying-year",
        "yaml-tags-and-aliases",
        "deep-nesting",
        "unreadable-record",
        "reserved-chart-id",
        "control-sequence",
    } <= set(BAD_CASES)


def test_yaml_1_1_traps_keep_the_text_the_editor_wrote(tmp_path: Path) -> None:
    content = validate(load(ProjectPaths.at(bad_case("yaml-traps", tmp_path / "p"))))
    assert [content.sources[s].name for s in ("outlet", "ministry", "monitor")] == [
        "NO",
        "012",
        "1.10",
    ]
    assert content.sources["outlet"].description == "Reported at 18:30 local time."


def test_bom_and_crlf_keep_line_numbers_right(tmp_path: Path) -> None:
    source = (BAD_INPUTS / "bom-crlf" / "content" / "sources.yml").read_bytes()
    assert source.startswith(b"\xef\xbb\xbf") and b"\r\n" in source
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(bad_case("bom-crlf", tmp_path / "p"))))
    assert [(e.path, e.line, e.field) for e in raised.value.errors] == [
        ("content/sources.yml", 6, "kind")
    ]


def test_valid_content_resolves_every_reference(minimal: Path) -> None:
    content = validate(load(ProjectPaths.at(minimal)))
    (story,) = content.stories
    # The body links a claim the front matter does not list; it still reaches the page.
    assert story.claims == ["north-count", "villages-taken"]
    assert content.claims["villages-taken"].attributions[1].stance == "denies"


def test_the_first_story_is_valid(first_story: Path) -> None:
    content = validate(load(ProjectPaths.at(first_story)))
    assert [s.article.slug for s in content.stories] == ["iraqi-factions-enter-syria"]
    stances = {
        (a.source, a.stance) for a in content.claims["pmf-groups-entered-syria"].attributions
    }
    assert ("iraq-ministry-of-interior", "denies") in stances


def test_every_error_is_reported_not_just_the_first(minimal: Path) -> None:
    claims = minimal / "content" / "claims" / "claims.yml"
    claims.write_text(
        claims.read_text()
        .replace("source: outlet", "source: nobody")
        .replace("as_of: 2024-12-02\n  places: [village-a", "as_of: soon\n  places: [village-a")
    )
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(minimal)))
    assert [str(e) for e in raised.value.errors] == [
        "content/claims/claims.yml:7: attributions[0].source: unknown source 'nobody'",
        "content/claims/claims.yml:11: as_of: expected a date as YYYY-MM-DD, got 'soon'",
    ]


def test_an_unknown_place_suggests_the_place_by_any_of_its_names(first_story: Path) -> None:
    claims = next((first_story / "content" / "claims").glob("*.yml"))
    claims.write_text(claims.read_text().replace("places: [aleppo]", "places: [abu-kamal]", 1))
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(first_story)))
    [error] = raised.value.errors
    assert error.message == "unknown place 'abu-kamal'; did you mean 'al-bukamal-crossing'?"
