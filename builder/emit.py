"""Stage 6, emit: the one place generated pages meet MkDocs or the disk.

Two thin outputs of the same in-memory pages: `mkdocs_files` for the plugin, and
`write_folder` for review, diffs, or any MkDocs-compatible builder. `publish` swaps a
finished build into place so a failed one never leaves a half-written site.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from mkdocs.structure.files import File, InclusionLevel

from builder.chart.svg import Blob, blob_bytes
from builder.errors import BuildFailed, DatelineError
from builder.load import ProjectPaths
from builder.pipeline import GeneratedSite
from builder.render import Page

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
    return {path: _encoded(data) for path, data in _contents(site).items()}


# A page's Markdown stays compressed in its Page until it is written.
Content = Page | str | Blob


def _contents(site: GeneratedSite) -> dict[str, Content]:
    contents: dict[str, Content] = {page.path: page for page in site.pages}
    contents.update((asset.path, asset.data) for asset in site.assets)
    contents.update(static_files())
    return contents


def _encoded(data: Content) -> bytes:
    if isinstance(data, Page):
        return data.markdown.encode()
    return data.encode() if isinstance(data, str) else blob_bytes(data)


def mkdocs_files(site: GeneratedSite, config: Any) -> list[File]:
    """The generated files for MkDocs. A page's file holds only its front matter: the plugin
    hands MkDocs the page's HTML when it builds the page, so a large site's pages are held
    in memory once, not once more by MkDocs."""
    hidden = _hidden(site)
    return [
        _generated(config, path, data.front_matter if isinstance(data, Page) else data, hidden)
        for path, data in _contents(site).items()
    ]


def _generated(config: Any, path: str, data: str | Blob, hidden: set[str]) -> File:
    inclusion = _inclusion(path, hidden)
    if isinstance(data, Path):  # copied from the cache by MkDocs, never read into memory
        return File.generated(config, path, abs_src_path=str(data), inclusion=inclusion)
    return File.generated(config, path, content=data, inclusion=inclusion)


def _hidden(site: GeneratedSite) -> set[str]:
    # Entity pages are reached through their section's index, not listed in the nav.
    return {page.path for page in site.pages if not page.in_nav}


def _inclusion(path: str, hidden: set[str]) -> InclusionLevel:
    return InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED


class Staging:
    """For `mkdocs serve --dirty`: the generated files kept in a folder, each written only
    when it changed. A dirty build remakes a page only when its source is newer than its
    output, so the pages an edit did not change are not built again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: dict[str, Content] = {}  # what each file holds, by path

    def files(
        self, site: GeneratedSite, config: Any, *, everything: bool, changed_only: bool = False
    ) -> list[File]:
        """MkDocs files reading from the folder; `everything` writes every file again, so
        that every page is built again (after a change to the theme or mkdocs.yml).

        `changed_only` leaves out the files that did not change since the last call, but for
        the pages in the navigation: the site folder already holds them, and MkDocs spends
        time on every file it is given (17,000 pages at 1,000 stories), built or not."""
        hidden = _hidden(site)
        listed = {page.path for page in site.pages if page.in_nav}
        partial = changed_only and not everything and bool(self.written)
        made: list[File] = []
        for path, data in _contents(site).items():
            before = self.written.get(path)
            # Most files are the objects of the last call: `is` spares comparing them.
            changed = everything or (before is not data and before != data)
            if changed and not isinstance(data, Path):
                self._write(path, data)
            self.written[path] = data
            if partial and not changed and path not in listed:
                continue
            made.append(self._file(config, path, data, hidden))
        return made

    def _file(self, config: Any, path: str, data: Content, hidden: set[str]) -> File:
        if isinstance(data, Path):
            # A changed image is another cache file, newer than the copy in the site.
            return _generated(config, path, data, hidden)
        return File(
            path,
            str(self.folder),
            config.site_dir,
            config.use_directory_urls,
            inclusion=_inclusion(path, hidden),
        )

    def _write(self, path: str, data: Content) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_encoded(data))


def write_folder(site: GeneratedSite, folder: Path) -> None:
    """Write the generated Markdown and assets under `folder`, as MkDocs would see them."""
    for relative, data in sorted(_contents(site).items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.copyfile(data, target)
        else:
            target.write_bytes(_encoded(data))


def kept_folders(paths: ProjectPaths, config: Any, cache_dir: str) -> dict[str, Path]:
    """The folders a site is made from, by the option that names each: no output of a build
    may be, hold or lie inside one of them (`config` is the site's MkDocs configuration)."""
    folders = {
        "content_dir": paths.content,
        "charts_dir": paths.charts,
        "docs_dir": Path(config.docs_dir),
        "cache_dir": paths.root / cache_dir,
    }
    if config.theme.custom_dir:
        folders["custom_dir"] = Path(config.theme.custom_dir)
    return {option: folder.resolve() for option, folder in folders.items()}


def overlap(target: Path, root: Path, kept: dict[str, Path]) -> str | None:
    """How `target` overlaps the project at `root` or one of its `kept` folders, in words
    ("lies inside content/ (content_dir)"), or None where it does not."""
    target = target.resolve()
    if root.is_relative_to(target):
        if target == root:
            return "is the project's own folder (of mkdocs.yml)"
        return "holds the project itself (the folder of mkdocs.yml)"
    for option, folder in kept.items():
        named = f"{_shown(folder, root)}/ ({option})"
        if target == folder:
            return f"is {named}"
        if target.is_relative_to(folder):
            return f"lies inside {named}"
        if folder.is_relative_to(target):
            return f"holds {named}"
    return None


def refuse_unsafe_site_dir(site_dir: Path, root: Path, kept: dict[str, Path], named: str) -> None:
    """Refuse a site folder that a build would destroy something in: publishing replaces it
    whole, so it must be the old site or a new folder (`named`: how the user gave it)."""
    advice = "a build replaces its site folder whole: give it one of its own, such as site/"
    clash = overlap(site_dir, root, kept)
    if clash is None and site_dir.exists() and not site_dir.is_dir():
        clash = "is a file, not a folder"
    elif clash is None and _holds_no_site(site_dir):
        clash = "holds files but no site (no index.html)"
    if clash is not None:
        raise DatelineError(f"{named}: {clash}; {advice}")


def _holds_no_site(folder: Path) -> bool:
    # Every Dateline site has a home page: a folder of other files is someone's work.
    return folder.is_dir() and any(folder.iterdir()) and not (folder / "index.html").is_file()


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def publish(
    build_into: Callable[[Path], None],
    site_dir: Path,
    on_wait: Callable[[str], None] = lambda message: None,
) -> None:
    """Build into a fresh folder beside `site_dir`, then swap it in. On any failure, or if the
    process is killed, the old site stays exactly as it was. One build at a time per site:
    a second waits for the first (`on_wait` is told why)."""
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(site_dir, on_wait):
            _remove_leftovers(site_dir)
            staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
            try:
                build_into(staging)
            except OSError as exc:
                raise BuildFailed(f"could not write the site: {exc.strerror or exc}") from exc
            _swap(staging, site_dir)
    except BaseException:
        for leftover in site_dir.parent.glob(f".{site_dir.name}.building-{os.getpid()}"):
            shutil.rmtree(leftover, ignore_errors=True)
        raise


@contextmanager
def _exclusive(site_dir: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    # filelock: the OS's own lock on every system Python runs on (flock, LockFileEx), freed
    # by the OS when a build is killed, so a stale lock file never blocks the next build.
    lock = FileLock(site_dir.with_name(f".{site_dir.name}.lock"))
    try:
        try:
            lock.acquire(blocking=False)
        except Timeout:
            on_wait(f"another build is writing {site_dir}; waiting for it to finish")
            lock.acquire()
    except OSError as exc:
        raise BuildFailed(f"cannot write beside {site_dir}: {exc.strerror or exc}") from exc
    try:
        yield
    finally:
        lock.release()


def _remove_leftovers(site_dir: Path) -> None:
    """Half-built or retired folders left by a build that was killed: only a build holding
    the lock may remove them, so none of them belongs to a running build."""
    for pattern in (f".{site_dir.name}.building-*", f".{site_dir.name}.old-*"):
        for leftover in site_dir.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def _swap(staging: Path, site_dir: Path) -> None:
    retired = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    try:
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
    except OSError as exc:
        if retired.exists() and not site_dir.exists():
            retired.rename(site_dir)
        raise BuildFailed(f"could not replace {site_dir}: {exc.strerror or exc}") from exc
    shutil.rmtree(retired, ignore_errors=True)
