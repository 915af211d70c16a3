"""Stage 6, emit: the one place generated pages meet MkDocs or the disk.

Two thin outputs of the same in-memory pages: `mkdocs_files` for the plugin, and
`write_folder` for review, diffs, or any MkDocs-compatible builder; and, for a build that
starts from the last one, which files MkDocs need not build again. The site folder itself
(the swap of a finished build into place, and which folders may be one) is
`builder.publish`.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any, Protocol

from mkdocs.structure.files import File, Files, InclusionLevel

from builder import inks
from builder.manifest import Manifest, sha256
from builder.pipeline import GeneratedSite
from builder.render import Asset, Page
from builder.store import Entry, InMemory

STYLESHEET = "dateline/dateline.css"
SCRIPT = "dateline/charts.js"


class Generated(Protocol):
    """What is emitted of a generated site: its pages and its other files. A whole build
    hands MkDocs these alone, the content they were made from let go (`Session.files`)."""

    pages: list[Page]
    assets: list[Asset]


@dataclass
class Output:
    """A generated site's files alone (`Generated`), without what they were made from."""

    pages: list[Page]
    assets: list[Asset]


def static_files() -> dict[str, Entry]:
    """Files every Dateline site needs as they are, by their path in the docs tree."""
    assets = package_files("builder").joinpath("assets")
    return {
        STYLESHEET: InMemory(assets.joinpath("dateline.css").read_bytes() + inks.css().encode()),
        SCRIPT: InMemory(assets.joinpath("charts.js").read_bytes()),
    }


def outputs(site: Generated) -> dict[str, bytes]:
    """Every generated file by its path in the docs tree: pages, datasets, static files."""
    return {path: _encoded(data) for path, data in _contents(site).items()}


# A page's Markdown stays compressed in its Page until it is written.
Content = Page | Entry


def _contents(site: Generated) -> dict[str, Content]:
    contents: dict[str, Content] = {page.path: page for page in site.pages}
    contents.update((asset.path, asset.data) for asset in site.assets)
    contents.update(static_files())
    return contents


def _encoded(data: Content) -> bytes:
    return data.markdown.encode() if isinstance(data, Page) else data.bytes()


def digests(site: Generated, carried: Mapping[int, str] | None = None) -> dict[str, str]:
    """Each generated file's digest, as MkDocs is given it: a file whose digest a build
    finds unchanged since the last need not be built again. `carried`: the digests the last
    build recorded of what this one took from it as it was (by the object's id), so that
    what it kept is never published anew, only what this build made."""
    carried = carried or {}
    return {path: carried.get(id(data)) or _digest(data) for path, data in _contents(site).items()}


def _digest(data: Content) -> str:
    if isinstance(data, Page):  # whether it is listed in the nav changes its page too
        return sha256(data.packed + bytes([data.in_nav]))
    return data.digest()


def build_only_what_changed(
    files: Files, made: dict[str, str], before: Manifest, last_site: Path
) -> int:
    """Tell MkDocs (building dirty into an empty folder) which files to build again: a
    generated file whose digest is not the one the last build recorded, or whose output is
    not in `last_site`, and every hand-written page (a few, and their links to generated
    pages are checked again). What it does not build comes from the last site afterwards
    (`link_unchanged`). Returns how many generated files are built again."""
    rebuilt, last = 0, os.fspath(last_site)
    for file in files:
        if file.src_uri in made:
            changed = made[file.src_uri] != before.pages.get(file.src_uri)
            changed = changed or not _regular_file(os.path.join(last, file.dest_uri))
            rebuilt += changed
        elif file.is_documentation_page():
            changed = True
        else:
            continue  # a static file of the site's or the theme's: MkDocs compares times
        setattr(file, "is_modified", (lambda answer: lambda: answer)(changed))  # noqa: B010
    return rebuilt


def link_unchanged(last_site: Path, site_dir: Path, outputs: Iterable[str]) -> int:
    """Once MkDocs has built what changed into `site_dir`: every other output of this build
    (`outputs`, paths in the site) taken from the last site as it is. Linked, not copied
    (copying a large site cost more than building what changed: docs/performance.md).
    Safe, since nothing writes into a finished site, and each build writes into a folder of
    its own; copied where the two cannot share a file. What the last site holds that this
    build does not make never comes over. Returns how many files were taken."""
    taken = 0
    last, into = os.fspath(last_site), os.fspath(site_dir)
    for dest in outputs:
        source, target = os.path.join(last, dest), os.path.join(into, dest)
        # Never written (a page left out of the site), or a link in the last site (built
        # again by MkDocs: build_only_what_changed).
        if _regular_file(source):
            taken += _link(source, target)
    return taken


def _regular_file(path: str) -> bool:
    """A file, not a link to one (nor a folder): one look at it."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _link(source: str, target: str) -> bool:
    """`target` made a link to `source`, unless MkDocs built it again (it is there). One
    call for most files: asking first whether each file and folder is there was a large
    part of a build that starts from the last (docs/performance.md)."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        return False
    except FileNotFoundError:
        folder = os.path.dirname(target)
        if os.path.isdir(folder):
            return False  # the source is gone since
        os.makedirs(folder, exist_ok=True)  # its folder is not made yet
        return _link(source, target)
    except OSError:  # another disk, or a file system without links
        if os.path.lexists(target):
            return False
        shutil.copy2(source, target)
    return True


def _kept_file(data: Content) -> Path | None:
    """The store's file holding `data`, which is copied, never read into memory."""
    return None if isinstance(data, Page) else data.file


def mkdocs_files(site: Generated, config: Any) -> list[File]:
    """The generated files for MkDocs. A page's file holds only its front matter: the plugin
    hands MkDocs the page's HTML when it builds the page, so a large site's pages are held
    in memory once, not once more by MkDocs."""
    hidden = _hidden(site)
    return [
        _generated(config, path, data.front_matter if isinstance(data, Page) else data, hidden)
        for path, data in _contents(site).items()
    ]


def _generated(config: Any, path: str, data: str | Entry, hidden: set[str]) -> File:
    inclusion = _inclusion(path, hidden)
    if isinstance(data, str):
        return File.generated(config, path, content=data, inclusion=inclusion)
    if data.file is not None:  # copied from the store by MkDocs, never read into memory
        return File.generated(config, path, abs_src_path=str(data.file), inclusion=inclusion)
    return File.generated(config, path, content=data.bytes(), inclusion=inclusion)


def _hidden(site: Generated) -> set[str]:
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
        time on every file it is given, built or not (docs/performance.md)."""
        hidden = _hidden(site)
        listed = {page.path for page in site.pages if page.in_nav}
        partial = changed_only and not everything and bool(self.written)
        made: list[File] = []
        for path, data in _contents(site).items():
            before = self.written.get(path)
            # Most files are the objects of the last call: `is` spares comparing them.
            changed = everything or (before is not data and before != data)
            if changed and _kept_file(data) is None:
                self._write(path, data)
            self.written[path] = data
            if partial and not changed and path not in listed:
                continue
            made.append(self._file(config, path, data, hidden))
        return made

    def _file(self, config: Any, path: str, data: Content, hidden: set[str]) -> File:
        if not isinstance(data, Page) and data.file is not None:
            # The store's file: newer than the copy in the site if a build used it since.
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
        kept = _kept_file(data)
        if kept is not None:
            shutil.copyfile(kept, target)
        else:
            target.write_bytes(_encoded(data))
