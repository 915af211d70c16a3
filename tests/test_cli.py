from __future__ import annotations

from pathlib import Path

from tests.conftest import BAD_INPUTS, bad_case, leftovers, run_dateline


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_check_prints_every_error_and_a_count_and_exits_1(tmp_path: Path) -> None:
    project = bad_case("unknown-source", tmp_path / "p")
    result = run_dateline("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout == (BAD_INPUTS / "unknown-source" / "expected.txt").read_text()
    assert "Traceback" not in result.stdout + result.stderr


def test_check_exits_0_on_valid_content(minimal: Path) -> None:
    result = run_dateline("check", cwd=minimal)
    assert result.returncode == 0
    assert result.stdout.startswith("content is valid: 1 stories, 2 claims")


def test_build_on_invalid_content_writes_nothing_and_keeps_the_old_site(minimal: Path) -> None:
    assert run_dateline("build", cwd=minimal).returncode == 0
    before = tree(minimal / "site")
    assert "stories/villages-taken/index.html" in before
    counts = minimal / "content" / "data" / "area_counts.csv"
    counts.write_text(counts.read_text().replace(",5,", ",five,"))
    result = run_dateline("build", cwd=minimal)
    assert result.returncode == 1
    assert (
        "content/data/area_counts.csv:3: count: expected a whole number, got 'five'"
        in result.stdout
    )
    assert tree(minimal / "site") == before
    assert leftovers(minimal) == []


def test_missing_config_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = run_dateline("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: mkdocs.yml: no such file")
