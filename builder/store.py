"""What is kept between builds: drawn charts and social cards, chart specs, downloads (and
which of them each chart has) and the Vega bundle, each by a name made from the hash of what
it holds or is made from. One `Store` owns them; the stages are given it, never a path.

Two forms hold the same rules. `Store.at(folder)` keeps entries as files (the plugin's
`cache_dir`, `.cache/dateline`): each written whole with its SHA-256 digest beside it, and
trusted only while it still matches, since a folder kept on disks, in CI caches and by hand
can be cut short or changed (a damaged entry is made again). `Store.in_memory()` holds them
for one process: for tests, and for callers with nothing to keep.

Nothing grows without bound: a store records which entries a build uses (on disk, by
setting the file's modification time to the moment of use), and `prune`, at the end of a
whole build, removes every entry that build did not use and that no build has used for
`max_age`, or that falls beyond the `most_unused` most recently used of them. What a build
used is never removed, so its site can still be copied from the store.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from builder.errors import DatelineError
from builder.progress import log

# What an entry's digest is kept in, beside it.
DIGEST = ".sha256"

DAY = 24 * 60 * 60.0
MAX_AGE = 30 * DAY  # unused this long (by any build), an entry goes
# At most this many entries that the last build did not use are kept (a chart edited back
# and forth, a story's card before its last edit): a large site's worth of charts and cards.
MOST_UNUSED = 10_000

Clock = Callable[[], float]


def code_digest(modules: Iterable[ModuleType]) -> str:
    """The SHA-256 digest of the modules' source: part of the name of an entry made by that
    code, so that a change to it makes the entry again."""
    source = b"".join(Path(str(module.__file__)).read_bytes() for module in modules)
    return hashlib.sha256(source).hexdigest()


class Entry(ABC):
    """A value of the store, as bytes or as UTF-8 text."""

    @property
    @abstractmethod
    def file(self) -> Path | None:
        """The file that holds it, which a writer may copy without reading it (None when it
        is held in memory)."""

    @abstractmethod
    def bytes(self) -> builtins.bytes: ...

    def text(self) -> str:
        return self.bytes().decode("utf-8")

    def digest(self) -> str:
        """The SHA-256 digest of what it holds."""
        return hashlib.sha256(self.bytes()).hexdigest()


@dataclass(frozen=True)
class InMemory(Entry):
    held: builtins.bytes

    @property
    def file(self) -> None:
        return None

    def bytes(self) -> builtins.bytes:
        return self.held


@dataclass(frozen=True)
class OnDisk(Entry):
    """An entry read from its file when asked: large images stay on disk until they are
    copied into the site, so a build's memory does not grow with their size."""

    path: Path
    # What the store found it to hold when it checked it (or wrote it): asked for again for
    # every file of a build that starts from the last, it costs no second reading.
    checked: str = field(default="", compare=False)
    # Taken by name without being read (`Store.unread`): what it holds is checked against
    # `checked` when it is read, and a difference is an error, never a published file.
    unread: bool = field(default=False, compare=False)

    @property
    def file(self) -> Path:
        return self.path

    def digest(self) -> str:
        return self.checked or super().digest()

    def bytes(self) -> builtins.bytes:
        data = self.path.read_bytes()
        if self.unread and hashlib.sha256(data).hexdigest() != self.checked:
            raise EntryChanged(self.path)
        return data


class EntryChanged(DatelineError):
    """An entry taken unread changed on disk before it was read."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} changed since a build kept it; build again with `dateline build --full`"
        )


class Store(ABC):
    """What is kept between builds, by name (a name may hold one folder: `downloads/…`)."""

    def __init__(self, max_age: float, most_unused: int, clock: Clock) -> None:
        self.max_age = max_age
        self.most_unused = most_unused
        self.clock = clock
        self.used: set[str] = set()  # since the last prune

    @staticmethod
    def at(
        folder: Path,
        *,
        max_age: float = MAX_AGE,
        most_unused: int = MOST_UNUSED,
        clock: Clock = time.time,
    ) -> FolderStore:
        return FolderStore(folder, max_age, most_unused, clock)

    @staticmethod
    def in_memory(
        *, max_age: float = MAX_AGE, most_unused: int = MOST_UNUSED, clock: Clock = time.time
    ) -> MemoryStore:
        return MemoryStore(max_age, most_unused, clock)

    def get(self, name: str) -> Entry | None:
        """The entry `name` if it is kept whole; None if it is missing or damaged."""
        entry = self._found(name)
        if entry is not None:
            self._use(name)
        return entry

    def unread(self, name: str) -> Entry | None:
        """The entry `name` if it was kept whole, without reading it: for a build that starts
        from the last one, which carries thousands of entries (images, cards, downloads) and
        reads few of them, since it links their copies in the last site. Reading them all
        to check them was a large part of such a build (docs/performance.md); what it holds
        is checked when it is read instead (`OnDisk.unread`)."""
        entry = self._unread(name)
        if entry is not None:
            self._use(name)
        return entry

    def put(self, name: str, data: bytes) -> Entry:
        entry = self._kept(name, data)
        self._use(name)
        return entry

    def put_chunks(self, name: str, chunks: Iterable[bytes]) -> Entry:
        """As `put`, from `chunks` written as they come (a build's record of tens of
        megabytes is never whole in memory)."""
        entry = self._kept_chunks(name, chunks)
        self._use(name)
        return entry

    def get_or_make(self, name: str, make: Callable[[], bytes]) -> Entry:
        """The entry `name`, made by `make` and kept if it is missing or damaged."""
        return self.get(name) or self.put(name, make())

    def by_content(self, data: bytes, suffix: str) -> Entry:
        """`data` kept under a name made of its hash (a download): written once, found after."""
        return self.get_or_make(
            f"downloads/{hashlib.sha256(data).hexdigest()}{suffix}", lambda: data
        )

    def by_chunks(self, chunks: Iterable[bytes], suffix: str) -> Entry:
        """As `by_content`, from `chunks` written as they come: a download of tens of
        megabytes (a dataset at thousands of stories) is never whole in memory."""
        entry = self.unread(self.by_content_streamed("downloads/", chunks, suffix))
        if entry is None:
            raise DatelineError(f"{self.__class__.__name__} lost a download as it kept it")
        return entry

    def by_content_streamed(self, prefix: str, chunks: Iterable[bytes], suffix: str) -> str:
        """`chunks`, joined, kept under a name made of their hash (`prefix`, the digest,
        `suffix`): written as they come, so that a record of a whole site (hundreds of
        megabytes at thousands of stories) is never held whole in memory. Returns the name."""
        name = self._kept_streamed(prefix, chunks, suffix)
        self._use(name)
        return name

    def prune(self) -> int:
        """At the end of a whole build: remove the entries it did not use that no build has
        used for `max_age`, or beyond the `most_unused` most recently used; say how many."""
        now = self.clock()
        unused = sorted(
            ((used, name) for name, used in self._last_used() if name not in self.used),
            reverse=True,  # the most recently used first; by name where the time is the same
        )
        gone = [
            name
            for rank, (used, name) in enumerate(unused)
            if rank >= self.most_unused or now - used > self.max_age
        ]
        for name in gone:
            self._remove(name)
        if gone:
            log.info(
                "dateline: %d kept entries no build used for %d days (or beyond the %d most "
                "recent) removed",
                len(gone),
                self.max_age // DAY,
                self.most_unused,
            )
        self.used.clear()
        return len(gone)

    def intact(self) -> bool:
        """False once what it kept is gone from under it (its folder deleted)."""
        return True

    def name_of(self, entry: Entry) -> str | None:
        """The name `entry` is kept under, if it is one of this store's files."""
        return None

    def forget(self, name: str) -> None:
        """Remove the entry `name`, if it is kept."""
        self.used.discard(name)
        self._remove(name)

    def _use(self, name: str) -> None:
        self.used.add(name)

    @abstractmethod
    def _found(self, name: str) -> Entry | None: ...

    def _unread(self, name: str) -> Entry | None:
        return self._found(name)

    @abstractmethod
    def _kept(self, name: str, data: bytes) -> Entry: ...

    def _kept_chunks(self, name: str, chunks: Iterable[bytes]) -> Entry:
        return self._kept(name, b"".join(chunks))

    @abstractmethod
    def _kept_streamed(self, prefix: str, chunks: Iterable[bytes], suffix: str) -> str: ...

    @abstractmethod
    def _last_used(self) -> Iterator[tuple[str, float]]:
        """Every entry's name, with when a build last used it."""

    @abstractmethod
    def _remove(self, name: str) -> None: ...


class MemoryStore(Store):
    def __init__(self, max_age: float, most_unused: int, clock: Clock) -> None:
        super().__init__(max_age, most_unused, clock)
        self._entries: dict[str, InMemory] = {}
        self._times: dict[str, float] = {}

    def _use(self, name: str) -> None:
        super()._use(name)
        self._times[name] = self.clock()

    def _found(self, name: str) -> Entry | None:
        return self._entries.get(name)

    def _kept(self, name: str, data: bytes) -> Entry:
        entry = self._entries[name] = InMemory(data)
        return entry

    def _kept_streamed(self, prefix: str, chunks: Iterable[bytes], suffix: str) -> str:
        data = b"".join(chunks)
        name = f"{prefix}{hashlib.sha256(data).hexdigest()}{suffix}"
        self._kept(name, data)
        return name

    def _last_used(self) -> Iterator[tuple[str, float]]:
        yield from self._times.items()

    def _remove(self, name: str) -> None:
        self._entries.pop(name, None)
        self._times.pop(name, None)


class FolderStore(Store):
    """Entries as files in `folder`, each with its digest beside it (`NAME.sha256`). Using
    one sets its modification time: a dirty build (which copies only files newer than their
    copy in the site) copies it again, and `prune` knows when it was last used."""

    def __init__(self, folder: Path, max_age: float, most_unused: int, clock: Clock) -> None:
        super().__init__(max_age, most_unused, clock)
        self.folder = folder
        self._real_folders: dict[Path, Path] = {}  # each folder asked about, followed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FolderStore) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)

    def intact(self) -> bool:
        return self.folder.is_dir()

    def name_of(self, entry: Entry) -> str | None:
        if entry.file is None or not entry.file.is_relative_to(self.folder):
            return None
        return entry.file.relative_to(self.folder).as_posix()

    def _use(self, name: str) -> None:
        super()._use(name)
        now = self.clock()
        os.utime(self.folder / name, (now, now))

    def _found(self, name: str) -> Entry | None:
        """The file if it still holds what was stored; None if it is missing, or damaged
        since (cut short, changed, its digest lost), so that it is made again."""
        path, stored = self._stored(name)
        if stored is None:
            return None
        found = _digest_of(path)
        if found == stored:
            return OnDisk(path, found)
        if found is not None:
            log.info("dateline: %s is damaged (cut short or changed); making it again", path)
        return None

    def _unread(self, name: str) -> Entry | None:
        path, stored = self._stored(name)
        if stored is None or not path.is_file():
            return None
        return OnDisk(path, stored, unread=True)

    def _stored(self, name: str) -> tuple[Path, str | None]:
        """The file of `name`, and the digest it was stored with: None if it never was
        stored whole (a build killed between the two writes) or the name leads outside."""
        path = self.folder / name
        if not self._inside(path):
            return path, None  # a name read back from a record never leads outside the store
        try:
            return path, path.with_name(path.name + DIGEST).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            return path, None

    def _inside(self, path: Path) -> bool:
        """Whether `path` lies in the store once every link on the way is followed. A folder's
        real place is looked up once: a build asks for thousands of entries in a few folders
        (docs/performance.md)."""
        if path.is_symlink():
            return path.resolve().is_relative_to(self._real(self.folder))
        return self._real(path.parent).is_relative_to(self._real(self.folder))

    def _real(self, folder: Path) -> Path:
        real = self._real_folders.get(folder)
        if real is None:
            real = self._real_folders[folder] = folder.resolve()
        return real

    def _kept(self, name: str, data: bytes) -> Entry:
        """Written whole or not at all (a killed build never leaves half a file), the digest
        that `_found` checks it by last."""
        path = _whole(self.folder / name, data)
        digest = hashlib.sha256(data).hexdigest()
        _whole(path.with_name(path.name + DIGEST), digest.encode())
        return OnDisk(path, digest)

    def _kept_streamed(self, prefix: str, chunks: Iterable[bytes], suffix: str) -> str:
        """Written into a partial file while hashed, then put in place under its name with
        its digest last, as `_kept` does; an entry already kept whole under it stays."""
        # The folder the name will be in: `prefix` may be a folder ("downloads/") or begin
        # the file's name ("builds/pages-").
        partial, digest = _partial((self.folder / f"{prefix}digest").parent, chunks)
        try:
            name = f"{prefix}{digest}{suffix}"
            if self._found(name) is None:
                _in_place(partial, self.folder / name, digest)
            return name
        finally:
            partial.unlink(missing_ok=True)  # gone already once put in place

    def _kept_chunks(self, name: str, chunks: Iterable[bytes]) -> Entry:
        partial, digest = _partial((self.folder / name).parent, chunks)
        try:
            return OnDisk(_in_place(partial, self.folder / name, digest), digest)
        finally:
            partial.unlink(missing_ok=True)

    def _last_used(self) -> Iterator[tuple[str, float]]:
        # A digest goes with its entry; one left without (or a file a killed build left
        # half-written) is an entry of its own, unused since it was written.
        folders = [self.folder] if self.folder.is_dir() else []
        for folder in folders:
            with os.scandir(folder) as found:
                files = {}
                for each in found:
                    if each.is_dir():
                        folders.append(Path(each.path))
                    else:
                        files[each.name] = each
            for name, each in files.items():
                if not (name.endswith(DIGEST) and name[: -len(DIGEST)] in files):
                    yield Path(each.path).relative_to(self.folder).as_posix(), each.stat().st_mtime

    def _remove(self, name: str) -> None:
        path = self.folder / name
        if not self._inside(path) or path.is_dir():
            return  # as in `_found`: a name never leads outside the store, nor to a folder
        path.unlink(missing_ok=True)
        path.with_name(path.name + DIGEST).unlink(missing_ok=True)


def _partial(folder: Path, chunks: Iterable[bytes]) -> tuple[Path, str]:
    """`chunks` written into a new file in `folder` as they come, and their digest. The file
    has a name of its own, so that two builds sharing the store never write one file."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(suffix=".tmp", dir=folder)
    partial = Path(partial_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial, digest.hexdigest()


def _in_place(partial: Path, path: Path, digest: str) -> Path:
    """The file written whole put in place at `path`, its digest last (as `_kept` does)."""
    partial.replace(path)
    _whole(path.with_name(path.name + DIGEST), digest.encode())
    return path


def _digest_of(path: Path) -> str | None:
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


def _whole(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    return partial.replace(path)
