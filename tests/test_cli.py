from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import (
    BAD_INPUTS,
    FIXTURES,
    REPO,
    bad_case,
    copy_project,
    leftovers,
    run_dateline,
)


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
    assert result.stdout.startswith("content is valid: 1 story, 2 claims")


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


def test_the_publish_workflow_checks_pull_requests_and_publishes_main_only() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in check]
    assert any("make check" in r and "--format github" in r for r in runs)
    assert any("pull_request.base.sha" in r and "--corrections-base" in r for r in runs)
    build = workflow["jobs"]["build"]
    assert build["if"] == "github.event_name != 'pull_request'" and build["needs"] == "check"
    steps = build["steps"]
    assert "make site" in [step.get("run", "") for step in steps]
    # The last site and the store come back, so that the build starts from the last one.
    kept = [
        step["with"]["path"].split() for step in steps if "actions/cache" in step.get("uses", "")
    ]
    assert kept == [[".cache/dateline", "site"]]
    uses = [step.get("uses", "") for step in [*steps, *workflow["jobs"]["deploy"]["steps"]]]
    # Actions on their current major versions.
    for action in (
        "actions/checkout@v7",
        "actions/setup-python@v7",
        "actions/cache@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    ):
        assert action in uses
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    opening = "\n".join((REPO / "README.md").read_text().splitlines()[:6])
    assert "make site" in opening and "make test" in opening


def test_check_in_github_format_annotates_each_error_on_its_line(tmp_path: Path) -> None:
    project = bad_case("unknown-source", tmp_path / "p")
    result = run_dateline("check", "--format", "github", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=content/claims/claims.yml,line=12,col=15,"
        "title=attributions[0].source::unknown source 'monitr'; did you mean 'monitor'?"
    ) in lines
    assert lines[-1].endswith("in content")
    assert all(line.startswith("::error ") for line in lines[:-1])


def test_a_corrections_base_that_does_not_exist_is_an_error(minimal: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=minimal, check=True)
    result = run_dateline("check", "--corrections-base", "nosuchrev", cwd=minimal)
    assert result.returncode == 1
    assert "--corrections-base nosuchrev: no such commit" in result.stderr
    assert "content is valid" not in result.stdout
    # Without a base asked for, a site with no commits yet has nothing to compare with.
    assert run_dateline("check", cwd=minimal).returncode == 0


def test_version_and_usage_errors_have_their_own_exit_codes(minimal: Path) -> None:
    version = run_dateline("--version", cwd=minimal)
    assert version.returncode == 0 and version.stdout.startswith("dateline 0.")
    usage = run_dateline("build", "--no-such-option", cwd=minimal)
    assert usage.returncode == 2 and "No such option" in usage.stderr


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture with its site built once: each test works on its own copy."""
    project = copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("built") / "project")
    result = run_dateline("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def built(built_project: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built_project, tmp_path / "project", symlinks=True))


def project_tree(project: Path) -> dict[str, bytes]:
    """Every file around the project too: a refused build must touch nothing anywhere."""
    return tree(project.parent)


REFUSED = "a build replaces its site folder whole: give it one of its own, such as site/"


@pytest.mark.parametrize(
    ("site_dir", "clash"),
    [
        (".", "is the project's own folder (of mkdocs.yml)"),
        ("..", "holds the project itself (the folder of mkdocs.yml)"),
        ("content", "is content/ (content_dir)"),
        ("content/articles", "lies inside content/ (content_dir)"),
        ("charts", "is charts/ (charts_dir)"),
        ("docs/about", "lies inside docs/ (docs_dir)"),
        (".cache/dateline", "is .cache/dateline/ (cache_dir)"),
        (".cache", "holds .cache/dateline/ (cache_dir)"),
        ("mkdocs.yml/..", "is the project's own folder (of mkdocs.yml)"),
        ("notes", "holds files but no site (no index.html)"),
    ],
)
def test_a_site_folder_that_would_replace_the_project_is_refused_before_anything_moves(
    built: Path, site_dir: str, clash: str
) -> None:
    (built / "notes").mkdir()
    (built / "notes" / "todo.txt").write_text("mine")
    before = project_tree(built)
    result = run_dateline("build", "-d", site_dir, cwd=built)
    assert result.returncode == 1
    assert result.stderr == f"error: --site-dir {site_dir}: {clash}; {REFUSED}\n"
    assert result.stdout == ""
    assert project_tree(built) == before


def test_a_site_dir_inside_the_site_or_over_someone_elses_site_is_refused(
    built: Path,
) -> None:
    # Found by a trial: `-d site/stories` built a site within the site, and `-d` replaced
    # another project's site outside this one.
    other = built.parent / "other-project" / "site"
    other.mkdir(parents=True)
    (other / "index.html").write_text("<p>another newsroom's site</p>")
    before = project_tree(built)
    inside = run_dateline("build", "-d", "site/stories", cwd=built)
    assert inside.returncode == 1
    assert inside.stderr == (
        "error: --site-dir site/stories: lies inside the site itself (site/); "
        "give a folder of its own, outside it\n"
    )
    elsewhere = run_dateline("build", "-d", str(other), cwd=built)
    assert elsewhere.returncode == 1
    assert "is a folder outside the project that already holds files" in elsewhere.stderr
    assert project_tree(built) == before


def test_a_dangerous_site_dir_in_mkdocs_yml_is_refused_too(built: Path) -> None:
    config = built / "mkdocs.yml"
    config.write_text(config.read_text() + "site_dir: content\n")
    before = project_tree(built)
    result = run_dateline("build", cwd=built)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: site_dir of mkdocs.yml: is content/ (content_dir); {REFUSED}\n"
    )
    assert project_tree(built) == before


def test_a_theme_folder_is_kept_and_a_file_is_no_site_folder(built: Path) -> None:
    (built / "overrides").mkdir()
    (built / "overrides" / "index.html").write_text("{% extends 'base.html' %}")
    config = built / "mkdocs.yml"
    themed = "  font: false\n  custom_dir: overrides\n"
    config.write_text(config.read_text().replace("  font: false\n", themed))
    before = project_tree(built)
    result = run_dateline("build", "-d", "overrides", cwd=built)
    assert result.returncode == 1
    assert result.stderr == f"error: --site-dir overrides: is overrides/ (custom_dir); {REFUSED}\n"
    assert project_tree(built) == before
    (built / "notes.txt").write_text("mine")
    config.write_text(config.read_text() + "site_dir: notes.txt\n")
    before = project_tree(built)
    result = run_dateline("build", cwd=built)
    assert result.returncode == 1
    assert result.stderr == f"error: site_dir of mkdocs.yml: is a file, not a folder; {REFUSED}\n"
    assert project_tree(built) == before


@pytest.mark.parametrize(
    ("site_dir", "said"),
    [
        (".", "should not be within"),  # MkDocs' own check of docs_dir
        ("docs", "should not be within"),
        *(
            (folder, f"site_dir {{}}/{folder}: is")  # the plugin's own check
            for folder in ("content", "charts", ".cache/dateline")
        ),
    ],
)
def test_mkdocs_build_refuses_a_site_dir_over_the_project(
    built: Path, site_dir: str, said: str
) -> None:
    before = project_tree(built)
    result = subprocess.run(
        [REPO / ".venv" / "bin" / "mkdocs", "build", "-q", "-d", site_dir],
        cwd=built,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and said.format(built) in result.stderr
    assert project_tree(built) == before


@pytest.mark.parametrize(
    ("out", "clash"),
    [
        (".cache/dateline/out", "lies inside .cache/dateline/ (cache_dir)"),
        ("content/out", "lies inside content/ (content_dir)"),
        (".", "is the project's own folder (of mkdocs.yml)"),
    ],
)
def test_generate_never_writes_into_the_project_s_own_folders(
    built: Path, out: str, clash: str
) -> None:
    before = project_tree(built)
    result = run_dateline("generate", "-o", out, cwd=built)
    assert result.returncode == 1
    assert (
        result.stderr == f"error: {(built / out).resolve()} {clash}; choose a folder outside it\n"
    )
    assert project_tree(built) == before


def test_schema_writes_only_inside_the_project(built: Path) -> None:
    before = project_tree(built)
    for out in ("../elsewhere", str(built.parent / "elsewhere")):
        result = run_dateline("schema", "-o", out, cwd=built)
        assert result.returncode == 1
        assert result.stderr == (
            f"error: --out {out}: lies outside the current folder; choose a folder of the "
            "project, such as schemas\n"
        )
    assert project_tree(built) == before
