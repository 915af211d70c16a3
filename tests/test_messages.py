"""Every message an editor gets is in Dateline's words, names its file and line, and leaves
the published site exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import ContentInvalid
from builder.load import ProjectPaths, load
from builder.validate import validate
from tests.conftest import BAD_CASES, BAD_INPUTS, bad_case, run_dateline

# Phrases of pydantic, PyYAML, the csv module and Python itself that editors once got.
LIBRARY_PHRASES = (
    "should have at least",
    "Input should",
    "Value error",
    "after validation",
    "in this context",
    "could not find expected",
    "did not find expected",
    "cannot start any token",
    "found character",
    "while scanning",
    "end of stream",
    "field larger than field limit",
    "new-line character seen",
    "universal-newline",
    "Error:",
    "Errno",
    "Traceback",
    "invalid literal",
)
REFUSED = [case for case in BAD_CASES if (BAD_INPUTS / case / "expected.txt").read_text().strip()]


def report_of(project: Path) -> str:
    with pytest.raises(ContentInvalid) as raised:
        validate(load(ProjectPaths.at(project)))
    return raised.value.report()


def report_in_our_words(project: Path) -> str:
    """The project's report, which must carry no library's phrasing."""
    report = report_of(project)
    assert_in_our_words(report)
    return report


def assert_in_our_words(report: str) -> None:
    carried = [phrase for phrase in LIBRARY_PHRASES if phrase in report]
    assert carried == [], report


@pytest.mark.parametrize("case", REFUSED)
def test_no_bad_input_gets_a_library_s_wording(case: str, tmp_path: Path) -> None:
    report_in_our_words(bad_case(case, tmp_path / case))


def test_a_tab_in_front_matter_is_called_a_tab(minimal: Path) -> None:
    story = minimal / "content" / "articles" / "villages-taken.md"
    story.write_text(story.read_text().replace("standfirst:", "\tstandfirst:"))
    report = report_in_our_words(minimal)
    assert report.startswith(
        "content/articles/villages-taken.md:3: (yaml): a tab in front of a line; indent with "
        "spaces, not tabs"
    )


def test_a_colon_in_a_value_and_an_empty_byline(minimal: Path) -> None:
    story = minimal / "content" / "articles" / "villages-taken.md"
    story.write_text(story.read_text().replace("byline: [Fixture desk]", "byline: []"))
    sources = minimal / "content" / "sources.yml"
    sources.write_text(sources.read_text().replace("name: The Ministry", "name: Ministry: Defence"))
    report = report_in_our_words(minimal)
    assert "content/articles/villages-taken.md:4: byline: must list at least one" in report
    assert "content/sources.yml:6: (yaml): a second `: ` on one line" in report


def test_a_quote_left_open_in_csv_names_the_row_it_opens_on(minimal: Path) -> None:
    table = minimal / "content" / "data" / "area_counts.csv"
    rows = table.read_text().splitlines()
    rows.insert(2, 'areas-held,2024-12-01,,north,opposition,"3,north-count')
    rows += [f"areas-held,2024-12-02,,north,opposition,{n},north-count" for n in range(9000)]
    table.write_text("\n".join(rows) + "\n")
    report = report_in_our_words(minimal)
    assert report.startswith(
        "content/data/area_counts.csv:3: (row): a cell runs on for more than 131,072 "
        'characters; is a quote (") opened here and never closed?'
    )


def test_a_bad_source_date_epoch_is_one_line_not_a_traceback(minimal: Path) -> None:
    result = run_dateline("check", cwd=minimal, env={"SOURCE_DATE_EPOCH": "abc"})
    assert result.returncode == 1
    assert result.stdout + result.stderr == (
        "error: SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970 (as "
        "`git log -1 --format=%ct` prints), got 'abc'\n"
    )


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_build_leaves_the_site_byte_for_byte(case: str, tmp_path: Path) -> None:
    project = bad_case(case, tmp_path / case)
    site = project / "site"
    (site / "stories").mkdir(parents=True)
    (site / "index.html").write_bytes(b"<p>the published site</p>")
    (site / "stories" / "feed.xml").write_bytes(b"<rss/>")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = run_dateline("build", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
