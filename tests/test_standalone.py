"""`dateline generate -o DIR`: the site's pages as a plain MkDocs project, which Zensical
(Material's successor, which runs no MkDocs plugin) and MkDocs without our plugin build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from builder.errors import DatelineError
from builder.load import ProjectPaths
from builder.standalone import write_standalone
from tests.conftest import run_dateline
from tests.conftest import run_ok as run

BIN = Path(sys.executable).parent


@pytest.fixture
def generated(minimal: Path, tmp_path: Path) -> Path:
    result = run_dateline("generate", "-o", str(tmp_path / "out"), cwd=minimal)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "out"


def assert_site_has_the_content(site: Path) -> None:
    story = (site / "stories" / "villages-taken" / "index.html").read_text()
    assert "Two villages change hands in the North" in story
    assert "<svg" in story  # the chart, inline
    assert '<meta property="og:title" content="Two villages change hands in the North"' in story
    assert "Village A" in (site / "places" / "village-a" / "index.html").read_text()
    assert (site / "data" / "index.html").is_file()
    assert (site / "dateline" / "dateline.css").is_file()


def test_zensical_builds_the_generated_folder(generated: Path) -> None:
    run(BIN / "zensical", "build", "-f", generated / "mkdocs.yml", cwd=generated)
    assert_site_has_the_content(generated / "site")


def test_mkdocs_without_the_plugin_builds_it_too(generated: Path) -> None:
    settings = yaml.safe_load((generated / "mkdocs.yml").read_text())
    assert "dateline" not in str(settings["plugins"])
    run(BIN / "mkdocs", "build", "-q", "-f", generated / "mkdocs.yml", cwd=generated)
    assert_site_has_the_content(generated / "site")


def test_it_writes_only_into_an_empty_folder_outside_the_project(minimal: Path) -> None:
    paths = ProjectPaths.at(minimal)
    with pytest.raises(DatelineError, match="holds the project itself"):
        write_standalone(paths, minimal / "mkdocs.yml", minimal.parent)
    with pytest.raises(DatelineError, match="lies inside"):
        write_standalone(paths, minimal / "mkdocs.yml", minimal / "content" / "out")
    (minimal / "out").mkdir()
    (minimal / "out" / "notes.txt").write_text("mine")
    with pytest.raises(DatelineError, match="not an empty folder"):
        write_standalone(paths, minimal / "mkdocs.yml", minimal / "out")
