"""The chart cache is never trusted blindly: an entry cut short, changed, or stored without
its digest is made again, and the site is the one a clean build makes."""

from __future__ import annotations

import re
import shutil
import struct
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.store import DIGEST
from tests.conftest import FIXTURES, copy_project, run_dateline
from tests.sites import EPOCH

# Every kind of file a build keeps in the cache, by the shape of its name.
KINDS = {
    "chart SVG": r"[0-9a-f]{64}\.svg",
    "chart PNG": r"[0-9a-f]{64}\.png",
    "social card": r"card-[0-9a-f]{64}\.png",
    "chart spec": r"spec-[0-9a-f]{64}\.json",
    "Vega bundle": r"vega-bundle-.+\.js",
    "download": r"downloads/[0-9a-f]{64}\..+",
    "a chart's downloads": r"chart-downloads/[0-9a-f]{64}\.json",
}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def entries(cache: Path) -> list[Path]:
    return [p for p in sorted(cache.rglob("*")) if p.is_file() and p.suffix != DIGEST]


def kind_of(entry: Path, cache: Path) -> str:
    name = entry.relative_to(cache).as_posix()
    return next(kind for kind, shape in KINDS.items() if re.fullmatch(shape, name))


def build(project: Path) -> None:
    result = run_dateline("build", cwd=project, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture built once from an empty cache."""
    project = copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("clean") / "project")
    build(project)
    return project


def cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def changed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit, in the middle: still parses, as often as not
    path.write_bytes(bytes(data))


def digest_lost(path: Path) -> None:
    path.with_name(path.name + DIGEST).unlink(missing_ok=True)
    changed(path)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "cut short": cut_short,
    "changed": changed,
    "emptied": lambda path: path.write_bytes(b""),
    "digest lost": digest_lost,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_cache_entries_of_every_kind_are_made_again(
    clean: Path, tmp_path: Path, damage: str
) -> None:
    project = Path(shutil.copytree(clean, tmp_path / "project"))
    cache = project / ".cache" / "dateline"
    damaged = entries(cache)
    assert {kind_of(entry, cache) for entry in damaged} == set(KINDS)
    for entry in damaged:
        DAMAGE[damage](entry)
    build(project)
    assert tree(project / "site") == tree(clean / "site")
    assert tree(cache) == tree(clean / ".cache" / "dateline")  # each entry whole again
    assert_charts_whole(project / "site")


def assert_charts_whole(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if "<svg" in p.read_text()]
    assert pages, "no page shows a chart"
    for page in pages:
        for svg in re.findall(r"<svg\b.*?</svg>", page.read_text(), re.DOTALL):
            ET.fromstring(svg)  # well-formed
    for image in site.rglob("*.png"):
        data = image.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert data[-12:] == struct.pack(">I", 0) + b"IEND\xaeB`\x82"
