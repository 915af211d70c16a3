"""Shared fixtures: content sets copied to a temporary folder, and built sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
BAD_INPUTS = TESTS / "bad_inputs"
BAD_CASES = sorted(path.name for path in BAD_INPUTS.iterdir() if path.is_dir())


def run_dateline(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The `dateline` command as an editor runs it, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def run_ok(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, stderr: bool = False
) -> str:
    """A command that must succeed; its output (and what it logged, with `stderr`)."""
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr if stderr else done.stdout


def add_correction(project: Path, date: str) -> Path:
    """The fixture's story with one correction, dated `date`."""
    story = project / "content" / "articles" / "villages-taken.md"
    story.write_text(
        story.read_text().replace(
            "charts: [north-areas]\n",
            f"charts: [north-areas]\ncorrections:\n  - date: {date}\n"
            "    text: An earlier version named the wrong village.\n",
        )
    )
    return project


def leftovers(folder: Path) -> list[str]:
    """Half-built or retired sites a build left behind (the lock file is meant to stay)."""
    return sorted(p.name for p in folder.iterdir() if ".building-" in p.name or ".old-" in p.name)


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a project's site files (mkdocs.yml, content, charts, docs) under target."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "charts", "docs"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).is_file():
            shutil.copy(source / name, target / name)
    return target


def bad_case(name: str, target: Path) -> Path:
    """The minimal fixture with one bad case's files laid over it."""
    copy_project(FIXTURES / "minimal", target)
    for laid in sorted((BAD_INPUTS / name).rglob("*")):
        relative = laid.relative_to(BAD_INPUTS / name)
        if (laid.is_dir() and not laid.is_symlink()) or relative.name == "expected.txt":
            continue
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).unlink(missing_ok=True)
        shutil.copy2(laid, target / relative, follow_symlinks=False)  # a link stays a link
    return target


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return copy_project(FIXTURES / "minimal", tmp_path / "project")


@pytest.fixture
def first_story(tmp_path: Path) -> Path:
    """The repository's own content: the first story."""
    return copy_project(REPO, tmp_path / "project")
