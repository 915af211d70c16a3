"""The repository's content with a second story laid over it (tests/fixtures/second-story):
a city with a site inside it, towns of another province, and an outlet that only relays."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, REPO, copy_project

OVERLAY = FIXTURES / "second-story"


def second_story(target: Path) -> Path:
    project = copy_project(REPO, target)
    shutil.copytree(OVERLAY / "content", project / "content", dirs_exist_ok=True)
    for rows in (OVERLAY / "append").rglob("*.csv"):
        written = project / "content" / rows.relative_to(OVERLAY / "append")
        written.write_text(written.read_text() + rows.read_text())
    return project
