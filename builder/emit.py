"""Stage 6, emit: the one place generated pages meet MkDocs or the disk.

Two thin outputs of the same in-memory pages: `mkdocs_files` for the plugin, and
`write_folder` for review, diffs, or any MkDocs-compatible builder. `publish` swaps a
finished build into place so a failed one never leaves a half-written site.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, InclusionLevel

from builder.errors import BuildFailed
from builder.pipeline import GeneratedSite

STYLESHEET = "dateline/dateline.css"
SCRIPT = "dateline/charts.js"


def static_files() -> dict[str, bytes]:
    """Files every Dateline site needs as they are, by their path in the docs tree."""
    assets = package_files("builder").joinpath("assets")
    return {
        STYLESHEET: assets.joinpath("dateline.css").read_bytes(),
        SCRIPT: assets.joinpath("charts.js").read_bytes(),
    }


def outputs(site: GeneratedSite) -> dict[str, bytes]:
    """Every generated file by its path in the docs tree: pages, datasets, static files."""
    files = {page.path: page.markdown.encode() for page in site.pages}
    files.update((asset.path, asset.data) for asset in site.assets)
    files.update(static_files())
    return files


def mkdocs_files(site: GeneratedSite, config: Any) -> list[File]:
    # Entity pages are reached through their section's index, not listed in the nav.
    hidden = {page.path for page in site.pages if not page.in_nav}
    return [
        File.generated(
            config,
            path,
            content=data,
            inclusion=InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED,
        )
        for path, data in outputs(site).items()
    ]


def write_folder(site: GeneratedSite, folder: Path) -> None:
    """Write the generated Markdown and assets under `folder`, as MkDocs would see them."""
    for relative, data in sorted(outputs(site).items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def publish(build_into: Callable[[Path], None], site_dir: Path) -> None:
    """Build into a fresh folder beside `site_dir`, then swap it in; on failure the old site
    stays exactly as it was."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    retired = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        build_into(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not site_dir.exists():
            retired.rename(site_dir)
        raise BuildFailed(f"could not replace {site_dir}: {exc.strerror or exc}") from exc
    shutil.rmtree(retired, ignore_errors=True)
