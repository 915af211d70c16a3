from __future__ import annotations

from pathlib import Path

from builder.load import ProjectPaths, load


def test_articles_keep_file_lines_for_front_matter_and_body(minimal: Path) -> None:
    raw = load(ProjectPaths.at(minimal))
    assert raw.errors == []
    (article,) = raw.articles
    assert article.path == "content/articles/villages-taken.md"
    assert article.front.line_of(("published",)) == 6
    assert article.front.data["slug"] == "villages-taken"  # from the file name
    assert article.body_line == 10
    assert article.body.startswith("The count of opposition-held areas")


def test_chart_id_comes_from_its_file_name(minimal: Path) -> None:
    raw = load(ProjectPaths.at(minimal))
    assert [r.data["id"] for r in raw.records["charts"]] == ["north-areas"]


def test_missing_file_and_unclosed_front_matter_are_errors_not_crashes(minimal: Path) -> None:
    (minimal / "content" / "sources.yml").unlink()
    (minimal / "content" / "articles" / "broken.md").write_text("---\nheadline: x\n")
    errors = [str(e) for e in load(ProjectPaths.at(minimal)).errors]
    assert "content/sources.yml:1: (file): file is missing" in errors
    assert (
        "content/articles/broken.md:1: (front matter): the front matter is never closed by `---`"
        in errors
    )


def test_non_utf8_file_is_located(minimal: Path) -> None:
    (minimal / "content" / "parties.yml").write_bytes(b"- id: a\n  name: caf\xe9\n")
    errors = [str(e) for e in load(ProjectPaths.at(minimal)).errors]
    assert errors == ["content/parties.yml:2: (file): not valid UTF-8 text; save it as UTF-8"]
