"""The line under each error, with a caret under the field, read from the bad-input cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import ContentError, ContentInvalid
from builder.excerpt import github_annotations, report_with_lines
from builder.load import ProjectPaths, load
from builder.validate import validate
from tests.conftest import bad_case


def shown(case: str, tmp_path: Path) -> dict[str, list[str]]:
    """Each error line of a bad case, with the lines printed under it."""
    project = bad_case(case, tmp_path / case)
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(project)))
    blocks: dict[str, list[str]] = {}
    under: list[str] = []
    for line in report_with_lines(raised.value, project).splitlines()[:-1]:
        if line.startswith("  "):
            under.append(line)
        else:
            under = blocks[line] = []
    return blocks


def caret_under(block: list[str]) -> str:
    """The text the caret line underlines."""
    source, carets = block
    gutter = source.index("|") + 2
    start = carets.index("^")
    return source[start : start + carets.count("^")] if start >= gutter else ""


def test_a_nested_value_is_underlined_on_its_own_line(tmp_path: Path) -> None:
    blocks = shown("unknown-source", tmp_path)
    block = blocks[
        "content/claims/claims.yml:12: attributions[0].source: "
        "unknown source 'monitr'; did you mean 'monitor'?"
    ]
    assert block == [
        "  12 |     - source: monitr",
        "     |               ^^^^^^",
    ]


def test_an_unknown_or_repeated_key_is_underlined_not_its_value(tmp_path: Path) -> None:
    blocks = shown("yaml-mistakes", tmp_path)
    assert (
        caret_under(blocks["content/places.yml:8: parnet: unknown field; did you mean 'parent'?"])
        == "parnet"
    )
    assert (
        caret_under(blocks["content/places.yml:4: kind: duplicate key (first given on line 3)"])
        == "kind"
    )


def test_a_csv_error_underlines_the_cell_of_its_column(tmp_path: Path) -> None:
    blocks = shown("counts", tmp_path)
    assert blocks["content/data/area_counts.csv:3: count: expected a whole number, got '12.5'"] == [
        "  3 | areas-held,2024-12-02,evening,north,opposition,12.5,north-count",
        "    |                                                ^^^^",
    ]


def test_items_of_an_inline_list_are_underlined_one_by_one(tmp_path: Path) -> None:
    blocks = shown("chart-mistakes", tmp_path)
    assert (
        caret_under(
            blocks["charts/map.yml:3: places[0]: place 'village-a' has no coordinates to map"]
        )
        == "village-a"
    )
    assert caret_under(blocks["charts/map.yml:3: places[1]: unknown place 'nowhere'"]) == "nowhere"


def test_a_story_body_link_is_underlined_at_its_target(tmp_path: Path) -> None:
    blocks = shown("body-references", tmp_path)
    key = (
        "content/articles/villages-taken.md:8: body: "
        "unknown claim 'north-cuont'; did you mean 'north-count'?"
    )
    assert caret_under(blocks[key]) == "north-cuont"


def test_no_caret_when_the_field_is_not_written_on_the_line(tmp_path: Path) -> None:
    # The slug comes from the file name, so there is nothing on the line to point at.
    blocks = shown("slugs", tmp_path)
    key = (
        "content/articles/villages-taken.md:2: slug: slug 'villages-taken' is already used by "
        "content/articles/Villages_Taken.md"
    )
    assert len(blocks[key]) == 1 and blocks[key][0].startswith("  2 | ")


def test_an_unreadable_line_is_left_out_not_guessed(tmp_path: Path) -> None:
    error = ContentError("content/missing.yml", 3, "id", "unknown source 'x'")
    assert report_with_lines(ContentInvalid([error]), tmp_path) == f"{error}\n1 error in content"


def test_an_echoed_line_never_carries_a_terminal_escape_and_lines_stay_counted(
    tmp_path: Path,
) -> None:
    parties = tmp_path / "content" / "parties.yml"
    parties.parent.mkdir(parents=True)
    # An escape that would retitle the terminal, a NEL and a line separator pasted in.
    parties.write_bytes(
        "- id: a\n  name: A\x1b]0;PWNED\x07\x85b\n- id: b\n  name: B\u2028c\n  kind: x\n".encode()
    )
    report = report_with_lines(
        ContentInvalid([ContentError("content/parties.yml", 5, "kind", "unknown field")]),
        tmp_path,
    )
    assert "\x1b" not in report and "\x07" not in report and "\x85" not in report
    assert "  5 |   kind: x" in report  # line 5 is still line 5


def test_github_annotations_escape_what_would_end_the_command_early() -> None:
    error = ContentError("content/a,b:c.yml", 3, "places[0]", "100% wrong\nsee line 4")
    shown = github_annotations(ContentInvalid([error]), None).splitlines()
    assert shown == [
        "::error file=content/a%2Cb%3Ac.yml,line=3,title=places[0]::100%25 wrong%0Asee line 4",
        "1 error in content",
    ]
