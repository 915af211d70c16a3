"""Emit, the second half: the site folder. `publish` swaps a finished build into place so
that a failed or killed one never leaves a half-written site, and a site folder that a
build would destroy something in is refused before anything is read or moved.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from builder.errors import BuildFailed, DatelineError
from builder.load import ProjectPaths


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


def refuse_foreign_site_dir(target: Path, own_site: Path, root: Path, named: str) -> None:
    """A site folder given on the command line (`-d`) may not lie inside the project's own
    site (it would become a site within the site), nor be a folder outside the project that
    already holds files: that is someone else's site, or someone's work, which a build
    replaces whole. A new or empty folder is fine, and so is the site of mkdocs.yml."""
    target, own_site = target.resolve(), own_site.resolve()
    if target == own_site:
        return
    if target.is_relative_to(own_site):
        raise DatelineError(
            f"{named}: lies inside the site itself ({_shown(own_site, root)}/); "
            "give a folder of its own, outside it"
        )
    if not target.is_relative_to(root) and target.is_dir() and any(target.iterdir()):
        raise DatelineError(
            f"{named}: is a folder outside the project that already holds files, which a "
            "build would replace whole; give a new or empty folder, or set site_dir in "
            "mkdocs.yml"
        )


def _holds_no_site(folder: Path) -> bool:
    # Every Dateline site has a home page: a folder of other files is someone's work.
    return folder.is_dir() and any(folder.iterdir()) and not (folder / "index.html").is_file()


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def publish(
    build_into: Callable[[Path], None],
    site_dir: Path,
    on_wait: Callable[[str], None] = lambda message: None,
    then: Callable[[], None] = lambda: None,
) -> None:
    """Build into a fresh folder beside `site_dir`, then swap it in. On any failure, or if the
    process is killed at any step, a complete site stays: the old one, or once it is in
    place, the new one. One build at a time per site: a second waits for the first (`on_wait`
    is told why), then puts back an old site that a killed build had moved aside. `then`
    runs once the new site is in place, still alone, while the old one is deleted."""
    site_dir = site_dir.resolve()
    staging = _building(site_dir)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(site_dir, on_wait):
            _recover(site_dir)
            try:
                build_into(staging)
            except OSError as exc:
                raise BuildFailed(f"could not write the site: {exc.strerror or exc}") from exc
            _swap(staging, site_dir)
            # The old site (where the exchange left it) goes beside `then`: deleting a large
            # site waits on the disk, not on us (docs/performance.md).
            with ThreadPoolExecutor(max_workers=1) as beside:
                beside.submit(_discard, staging)
                then()
    except BaseException:
        _discard(staging)
        raise


# Beside the site, while the lock is held: `.site.building-<pid>` is a build's own folder,
# or what it is throwing away, never a whole site; `.site.old-<pid>` is always a whole site,
# the old one, moved aside for at most one rename.
def _building(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")


def _retired(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")


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


def _recover(site_dir: Path) -> None:
    """Undo what a killed build left: the old site back in place if it was killed between
    moving it aside and moving the new one in; then every other folder it left. Only a build
    holding the lock may do this, so none of them belongs to a running build."""
    retired = sorted(
        site_dir.parent.glob(f".{site_dir.name}.old-*"), key=lambda path: path.stat().st_mtime
    )
    if retired and not site_dir.exists():
        aside = retired.pop()
        try:
            aside.rename(site_dir)
        except OSError as exc:
            raise BuildFailed(
                f"could not put back {site_dir} from {aside.name}: {exc.strerror or exc}"
            ) from exc
    for leftover in [*retired, *site_dir.parent.glob(f".{site_dir.name}.building-*")]:
        _discard(leftover)


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the finished build in the old site's place: in one step where the OS can exchange
    two folders, else by moving the old one aside and the new one in."""
    try:
        if not site_dir.exists():
            staging.rename(site_dir)
        elif _exchange(staging, site_dir):
            pass  # `staging` now holds the old site, which the caller deletes
        else:
            _aside_then_in(staging, site_dir)
    except OSError as exc:
        raise BuildFailed(f"could not replace {site_dir}: {exc.strerror or exc}") from exc


def _aside_then_in(staging: Path, site_dir: Path) -> None:
    retired = _retired(site_dir)
    site_dir.rename(retired)
    try:
        staging.rename(site_dir)
    except BaseException:
        retired.rename(site_dir)  # if this fails too, the next build puts it back
        raise
    # Renamed before it is deleted, so that an old site half deleted is never put back. The
    # new site is in place: should this fail, the next build deletes the old one.
    with suppress(OSError):
        retired.rename(staging)
        _discard(staging)


def _discard(folder: Path) -> None:
    if folder.is_symlink():
        folder.unlink()
    else:
        shutil.rmtree(folder, ignore_errors=True)


# Linux's renameat2(2) flag that swaps two paths in one step.
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two existing folders in one step (Linux's renameat2 with RENAME_EXCHANGE); False
    where the system or the file system cannot, so that the caller swaps in two steps."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # not on this file system
        return False
    raise OSError(error, os.strerror(error), str(second))


@cache
def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_uint,
        ]
        function.restype = ctypes.c_int
    return function
