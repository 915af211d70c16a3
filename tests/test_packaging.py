"""The package as a newsroom installs it: the wheel, in a virtual environment of its own,
builds a site that lives outside this repository."""

from __future__ import annotations

import shutil
import sys
import venv
from pathlib import Path

from tests.conftest import REPO
from tests.conftest import run_ok as run


def test_the_wheel_installs_and_builds_a_new_site_outside_the_repository(tmp_path: Path) -> None:
    # The wheel is built from a copy of what a release is made of, so nothing here is read
    # from the repository by accident.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "constraints.txt"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "builder", source / "builder", ignore=shutil.ignore_patterns("__pycache__")
    )
    run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        "--outdir",
        "dist",
        ".",
        cwd=source,
    )
    wheel = next((source / "dist").glob("dateline-*.whl"))

    environment = tmp_path / "env"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "-c",
        REPO / "constraints.txt",
        wheel,
        cwd=tmp_path,
    )
    shutil.rmtree(source)  # the installed package alone from here on

    where = run(python, "-c", "import builder; print(builder.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(environment)
    assert run(environment / "bin" / "dateline", "--version", cwd=tmp_path).startswith("dateline ")

    run(environment / "bin" / "dateline", "init", "newsroom", cwd=tmp_path)
    site = tmp_path / "newsroom"
    # PYTHONPATH left out, as a newsroom's shell has it: the build uses the installed wheel.
    env = {"SOURCE_DATE_EPOCH": "1735689600", "PYTHONPATH": ""}
    run(environment / "bin" / "dateline", "build", cwd=site, env=env)
    story = (site / "site" / "stories" / "example-story" / "index.html").read_text()
    assert "<svg" in story and "Saraqib" in story
    assert (site / "site" / "dateline" / "dateline.css").is_file()
