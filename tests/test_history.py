from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from builder.errors import ContentInvalid
from builder.load import ProjectPaths
from builder.pipeline import check

CORRECTION = "corrections:\n  - date: 2024-12-04\n    text: The first village was misnamed.\n"


def committed(project: Path) -> Path:
    story = project / "content" / "articles" / "villages-taken.md"
    story.write_text(
        story.read_text().replace("charts: [north-areas]\n", f"charts: [north-areas]\n{CORRECTION}")
    )
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "story"],
    ):
        subprocess.run(["git", *command], cwd=project, check=True)
    return story


def test_adding_a_correction_is_fine(minimal: Path) -> None:
    story = committed(minimal)
    story.write_text(
        story.read_text().replace(
            CORRECTION, CORRECTION + "  - date: 2024-12-05\n    text: And the second.\n"
        )
    )
    check(ProjectPaths.at(minimal))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace(CORRECTION, ""), "1: corrections[0]"),
        (lambda t: t.replace("was misnamed", "was named wrongly"), "10: corrections[0]"),
    ],
)
def test_deleting_or_rewriting_a_correction_is_refused(
    minimal: Path, change: object, message: str
) -> None:
    story = committed(minimal)
    story.write_text(change(story.read_text()))  # type: ignore[operator]
    with pytest.raises(ContentInvalid) as raised:
        check(ProjectPaths.at(minimal))
    (error,) = raised.value.errors
    assert str(error).startswith(
        f"content/articles/villages-taken.md:{message}: the correction "
        "of 2024-12-04 was deleted or changed since HEAD"
    )


def test_outside_a_git_checkout_there_is_nothing_to_compare(minimal: Path) -> None:
    check(ProjectPaths.at(minimal))
