"""`dateline init`: a new site outside any repository builds at once, offline."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import run_dateline
from tests.sites import READERS_NAV


def test_a_new_site_builds_at_once_with_its_example_story(tmp_path: Path) -> None:
    made = run_dateline("init", "newsroom", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "newsroom"
    for name in (
        "mkdocs.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/publish.yml",
        ".vscode/settings.json",
        "schemas/places.schema.json",
        "content/articles/example-story.md",
        "content/sources.yml",
        "content/places.yml",
        "content/parties.yml",
        "content/data/area_counts.csv",
        "content/data/control_changes.csv",
        "charts/example-areas.yml",
        "docs/about.md",
    ):
        assert (site / name).is_file(), name
    built = run_dateline("build", cwd=site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    assert built.returncode == 0, built.stdout + built.stderr
    story = (site / "site" / "stories" / "example-story" / "index.html").read_text()
    assert "Example: opposition forces are said to take two towns in Idlib" in story
    assert "<svg" in story  # its chart, drawn offline
    assert (site / "site" / "places" / "saraqib" / "index.html").is_file()


def test_every_file_it_writes_says_what_to_change(tmp_path: Path) -> None:
    assert run_dateline("init", "s", cwd=tmp_path).returncode == 0
    site = tmp_path / "s"
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = path.read_text()
        if path.suffix == ".json":
            if path.parent.name == "schemas":
                assert "dateline schema" in text, path
            continue  # .vscode/settings.json: JSON has no comments
        assert "dateline init" in text, path
    workflow = yaml.safe_load((site / ".github/workflows/publish.yml").read_text())
    assert "pull_request" in workflow[True]
    assert "dateline==" in (site / "requirements.txt").read_text()


def test_example_comments_in_csv_keep_the_lines_of_errors(tmp_path: Path) -> None:
    assert run_dateline("init", "s", cwd=tmp_path).returncode == 0
    changes = tmp_path / "s" / "content" / "data" / "control_changes.csv"
    lines = changes.read_text().splitlines()
    lines[-1] = lines[-1].replace("maarat-al-numan", "nowhere")
    changes.write_text("\n".join(lines) + "\n")
    result = run_dateline("check", cwd=tmp_path / "s")
    assert result.returncode == 1
    assert f"content/data/control_changes.csv:{len(lines)}: place: unknown place" in result.stdout


def test_it_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "notes.txt").write_text("mine")
    result = run_dateline("init", "s", cwd=tmp_path)
    assert result.returncode == 1
    assert "is not an empty folder" in result.stderr
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["notes.txt"]


def test_a_new_site_has_readers_navigation_and_a_footer_of_the_pages_it_has(
    tmp_path: Path,
) -> None:
    from bs4 import BeautifulSoup

    assert run_dateline("init", "newsroom", cwd=tmp_path).returncode == 0
    site = tmp_path / "newsroom"
    settings = yaml.safe_load((site / "mkdocs.yml").read_text())
    assert [next(iter(entry)) for entry in settings["nav"]] == READERS_NAV
    built = run_dateline("build", cwd=site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    assert built.returncode == 0, built.stdout + built.stderr
    home = BeautifulSoup((site / "site" / "index.html").read_text(), "html.parser")
    assert home.select_one(".dl-masthead__name").get_text(strip=True) == "Our Newsroom"
    footer = [a.get_text(strip=True) for a in home.select("footer .dl-footer__links a")]
    # No methodology page or guide in a new site: the footer links only what it has.
    assert footer == ["About", "Corrections", "All claims", "Feed"]
    assert home.select_one('head link[type="application/atom+xml"]')["href"] == "feed.xml"
