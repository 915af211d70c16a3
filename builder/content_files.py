"""Content is regular files inside the project, and nothing else is ever read as content.

A symbolic link, a FIFO, a device or a folder where a content file should be is refused
before a byte of it is read: a link to `/etc/passwd` or `/proc/self/environ` would
otherwise be printed in error excerpts or published, and a FIFO would hang the check.
Each refusal names what the path is, never what it holds.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # where the OS has it, a link is refused on open too
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # so that opening a FIFO cannot wait for a writer
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


class NotContent(Exception):
    """A path that cannot be read as content; the message says what it is instead."""


def read_content(path: Path, root: Path) -> bytes:
    """The bytes of the regular file at `path`, which must lie inside `root`."""
    _inside(path, root)
    try:
        if path.is_symlink():
            raise NotContent(_LINK)
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        raise NotContent("file is missing") from None
    except PermissionError:
        raise NotContent("cannot be read: permission denied; check the file's owner") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotContent(_LINK) from None
        raise NotContent(f"cannot be read ({error.strerror or 'unknown reason'})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in _KINDS if test(mode)), "not a file")
        raise NotContent(f"is {kind}, not a regular file; content must be plain files")
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


_LINK = (
    "is a symbolic link; content must be regular files inside the project "
    "(copy the file here instead of linking to it)"
)


def _inside(path: Path, root: Path) -> None:
    """Its folder, links resolved, lies inside the project: a linked folder cannot bring
    files from elsewhere in."""
    try:
        folder = path.parent.resolve(strict=True)
    except (OSError, RuntimeError):
        raise NotContent("file is missing") from None
    if not folder.is_relative_to(root.resolve()):
        raise NotContent(
            "lies outside the project (a folder on its way is a symbolic link); "
            "content must be regular files inside the project"
        )


def not_plain_files(folder: Path, root: Path) -> Iterator[tuple[Path, str]]:
    """Everything under `folder` (the site's own pages, `docs/`, which MkDocs reads and
    publishes) that is not a regular file or a folder inside the project, with why: a
    link there would publish whatever it points at. Links are not followed."""
    if not folder.exists() and not folder.is_symlink():
        return
    if folder.is_symlink() or not folder.resolve().is_relative_to(root.resolve()):
        yield folder, _LINK
        return
    for here, folders, files in os.walk(folder):
        for name in sorted([*folders, *files]):
            path = Path(here, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                yield path, _LINK
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                kind = next((label for test, label in _KINDS if test(mode)), "not a file")
                yield path, f"is {kind}, not a regular file; content must be plain files"
