from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.conftest import BAD_INPUTS, REPO, bad_case, leftovers, run_dateline


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
    expected = (BAD_INPUTS / "unknown-source" / "expected.txt").read_text().splitlines()
    shown = result.stdout.splitlines()
    assert [line for line in shown if not line.startswith("  ")] == expected
    # Under each error, its line with a caret under the field.
    at = shown.index(expected[0])
    assert shown[at + 1 : at + 3] == ["  12 |     - source: monitr", "     |               ^^^^^^"]
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


def test_deploy_builds_and_pushes_the_site_to_the_pages_branch(
    minimal: Path, tmp_path: Path
) -> None:
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q", "--bare", str(remote)], check=True)
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["commit", "-qm", "site"],
        ["remote", "add", "origin", str(remote)],
    ):
        subprocess.run([*git, *command], cwd=minimal, check=True)
    result = run_dateline(
        "deploy",
        "-m",
        "Publish",
        cwd=minimal,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "stories/villages-taken/index.html" in listed and "feed.xml" in listed


def test_the_publish_workflow_uses_the_readme_command_and_pages_actions() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "") for step in [*steps, *workflow["jobs"]["deploy"]["steps"]]]
    assert "make site" in runs and any("--corrections-base HEAD~1" in r for r in runs)
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".cache/dateline"
    opening = "\n".join((REPO / "README.md").read_text().splitlines()[:6])
    assert "make site" in opening and "make test" in opening
