"""What an editor reads when content is invalid: one line per error, each once, in order of
file and line, the notes on what was not checked, and a count."""

from __future__ import annotations

from builder.errors import BuildFailed, ContentError, ContentInvalid, DatelineError

LATE = ContentError("content/data/area_counts.csv", 5, "date", "2024-12-03 is after its claim")
UNKNOWN = ContentError("content/claims/claims.yml", 12, "attributions[0].source", "unknown")
EARLIER = ContentError("content/claims/claims.yml", 7, "as_of", "expected a date")


def test_an_error_reads_path_line_field_message() -> None:
    assert str(UNKNOWN) == "content/claims/claims.yml:12: attributions[0].source: unknown"


def test_errors_are_listed_once_each_by_file_and_line_then_counted() -> None:
    invalid = ContentInvalid([LATE, UNKNOWN, EARLIER, UNKNOWN])
    assert invalid.errors == [EARLIER, UNKNOWN, LATE]
    assert str(invalid) == invalid.report()
    assert invalid.report().splitlines() == [
        "content/claims/claims.yml:7: as_of: expected a date",
        "content/claims/claims.yml:12: attributions[0].source: unknown",
        "content/data/area_counts.csv:5: date: 2024-12-03 is after its claim",
        "3 errors in content",
    ]


def test_one_error_is_counted_in_the_singular_and_skipped_checks_are_noted() -> None:
    invalid = ContentInvalid([LATE], ["references to claims were not checked"])
    assert invalid.report().splitlines() == [
        "content/data/area_counts.csv:5: date: 2024-12-03 is after its claim",
        "note: references to claims were not checked",
        "1 error in content",
    ]


def test_the_excerpt_of_each_error_follows_it() -> None:
    def excerpt(error: ContentError) -> list[str]:
        return [f"  {error.line} | ..."] if error.path.endswith(".yml") else []

    lines = ContentInvalid([LATE, EARLIER]).report(excerpt).splitlines()
    assert lines == [
        "content/claims/claims.yml:7: as_of: expected a date",
        "  7 | ...",
        "content/data/area_counts.csv:5: date: 2024-12-03 is after its claim",
        "2 errors in content",
    ]


def test_what_is_reported_to_a_person_shares_one_base() -> None:
    assert issubclass(ContentInvalid, DatelineError)
    assert issubclass(BuildFailed, DatelineError)
