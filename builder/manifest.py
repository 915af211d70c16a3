"""What the last `dateline build` of a site was made from, so that the next one renders
again only what changed and lets MkDocs build again only the pages that differ.

A manifest records, for one site folder:

- the setup every page is made with (Dateline's own files, the releases of MkDocs and the
  theme, mkdocs.yml, the theme's custom folder, the site settings): when it differs, every
  page may differ, and the build is whole;
- a stamp of the site folder it published (every file's path, size and time), so a site
  changed since by anything else is never taken as a starting point;
- the digest of every content and chart file, which tells which were edited;
- each story's footprint (`Footprint`: the pages beyond its own that show it), which an edit
  needs of the story's old version;
- the digest of every generated file as MkDocs was given it, and every file MkDocs built
  with where it put it: a page whose digest is unchanged is not built again, and the output
  of a file the new build no longer has is removed.

Its parts (every generated page, every asset's store entry, the search index) are store
entries named by their hash, written as JSON: nothing read back from the store is ever run
or unpickled, since a store is kept in CI caches and by hand. The manifest itself goes last,
after the new site is in place, and the old one is forgotten before the swap: a build killed
in between leaves no manifest, and the next build is whole.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from importlib import metadata
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from builder.render import Asset, Footprint, Page, SiteSettings
from builder.search_index import PackedIndex
from builder.store import Entry, InMemory, Store

# Bumped when the manifest's form changes: an older one is then not read.
FORM = 1
# Releases whose change may change any page.
_LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_digests(files: Iterable[str], root: Path) -> dict[str, str]:
    """Each content and chart file, by its path relative to the project, with its digest.
    By content, not by time: a fresh clone (CI) gives every file a new time."""
    found = {}
    for name in files:
        path = Path(name)
        try:
            found[path.relative_to(root).as_posix()] = sha256(path.read_bytes())
        except (OSError, ValueError):
            continue  # removed while we looked; the check reports what matters
    return found


def setup_digest(config_file: Path, custom_dir: Path | None, settings: SiteSettings) -> str:
    """What every page is made with besides the content."""
    digest = hashlib.sha256(json.dumps([FORM, asdict(settings)]).encode())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\n".encode())
    own = Path(str(package_files("builder")))
    for path in sorted(own.rglob("*")):  # Dateline's code, templates, assets and boundaries
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(own).as_posix().encode() + path.read_bytes())
    watched = [config_file]
    if custom_dir is not None and custom_dir.is_dir():
        watched += sorted(p for p in custom_dir.rglob("*") if p.is_file())
    for path in watched:
        digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def site_stamp(site_dir: Path) -> str:
    """What tells the site a build left from one changed since: every file's path, size
    and time of its last change, in whole seconds (a cache that keeps the site between CI
    runs keeps times to the second). Any other build, or a hand, that writes into the site
    changes it; the files are not read, which would cost a large site's build seconds."""
    digest = hashlib.sha256()
    folders = [os.fspath(site_dir)]
    found: list[tuple[str, int, int]] = []
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    about = entry.stat(follow_symlinks=False)
                    found.append((entry.path, about.st_size, int(about.st_mtime)))
    start = len(os.fspath(site_dir))
    for path, size, changed in sorted(found):
        digest.update(f"{path[start:]}\0{size}\0{changed}\n".encode())
    return digest.hexdigest()


@dataclass
class Manifest:
    setup: str
    site: str
    inputs: dict[str, str]
    stories: dict[str, Footprint]  # by the story file's path relative to the project
    pages: dict[str, str]  # generated file -> digest of what MkDocs was given
    outputs: dict[str, str]  # MkDocs file's src_uri -> its dest_uri in the site
    parts: dict[str, str]  # "pages", "assets", "search" -> store entry name

    def to_json(self) -> bytes:
        return b"".join(self.json_chunks())

    def json_chunks(self) -> Iterator[bytes]:
        """The manifest as JSON, a few thousand entries of a table at a time: at 5,000
        stories it is 40 MB, and made whole (`asdict`, then one string, then bytes) it was the
        peak of the build's memory (docs/performance.md)."""
        held: dict[str, Any] = {
            "form": FORM,
            **{f.name: getattr(self, f.name) for f in fields(self)},
        }
        held["stories"] = {path: asdict(footprint) for path, footprint in self.stories.items()}
        yield b"{"
        for number, key in enumerate(sorted(held)):
            yield f"{', ' if number else ''}{json.dumps(key)}: ".encode()
            value = held[key]
            if isinstance(value, dict):
                yield from _object_chunks(value)
            else:
                yield json.dumps(value).encode()
        yield b"}"

    @classmethod
    def from_json(cls, data: bytes) -> Manifest | None:
        """The manifest, or None for one of another form, or not one at all: every field
        of the type it must have, and every path a plain path inside the site."""
        try:
            held = json.loads(data)
            if not isinstance(held, dict) or held.pop("form", None) != FORM:
                return None
            stories = held["stories"]
            if not isinstance(stories, dict):
                return None
            manifest = cls(
                _text(held["setup"]),
                _text(held["site"]),
                _texts(held["inputs"]),
                {_text(path): _footprint(f) for path, f in stories.items()},
                {_inside(path): digest for path, digest in _texts(held["pages"]).items()},
                {_inside(src): _inside(dest) for src, dest in _texts(held["outputs"]).items()},
                _texts(held["parts"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return manifest


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {type(value).__name__}")
    return value


def _texts(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a mapping, not {type(value).__name__}")
    return {_text(key): _text(each) for key, each in value.items()}


def _footprint(held: object) -> Footprint:
    if not isinstance(held, dict):
        raise TypeError("expected a footprint")
    ids = {key: tuple(_text(each) for each in held[key]) for key in ("places", "sources", "claims")}
    slug = _text(held["slug"])
    if "/" in slug or slug in (".", ".."):
        raise ValueError(f"not a slug: {slug!r}")
    return Footprint(slug, ids["places"], ids["sources"], ids["claims"])


def _inside(path: str) -> str:
    """`path`, read back from a record, if it names a file inside the site (or the docs
    tree): relative, with no `.` or `..` step. A record comes from the store, which a CI
    cache or a hand may have written; whatever it says, a build writes nothing outside the
    site folder."""
    steps = _text(path).split("/")
    if path.startswith("/") or "\\" in path or any(step in ("", ".", "..") for step in steps):
        raise ValueError(f"not a path inside the site: {path!r}")
    if ":" in steps[0]:  # a drive (C:) or a scheme
        raise ValueError(f"not a path inside the site: {path!r}")
    return path


@dataclass
class LastBuild:
    """The last build of a site, as the next build starts from it."""

    manifest: Manifest
    pages: list[Page]
    assets: list[Asset]
    search: PackedIndex
    site_dir: Path  # the site it made, which the next build takes unchanged files from


@dataclass
class Recording:
    """What a build records of itself, gathered while it runs and kept once its site is in
    place (`keep`)."""

    setup: str
    manifest: Manifest | None = None
    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)

    def note(
        self,
        inputs: dict[str, str],
        stories: dict[str, Footprint],
        made: dict[str, str],
        outputs: dict[str, str],
        pages: list[Page],
        assets: list[Asset],
    ) -> None:
        self.manifest = Manifest(self.setup, "", inputs, stories, made, outputs, {})
        self.pages, self.assets = pages, assets

    def keep(self, store: Store, site_dir: Path, index: PackedIndex) -> None:
        if self.manifest is None:
            return
        self.manifest.parts = keep_parts(store, self.pages, self.assets, index)
        record(store, site_dir, self.manifest)


def manifest_name(site_dir: Path) -> str:
    return f"builds/{sha256(str(site_dir.resolve()).encode())[:16]}.json"


def last_build(store: Store, site_dir: Path, setup: str) -> LastBuild | str:
    """The last build of `site_dir` if the next build may start from it; otherwise why not,
    in words for the build's log."""
    entry = store.get(manifest_name(site_dir))
    manifest = Manifest.from_json(entry.bytes()) if entry is not None else None
    if manifest is None:
        return "no record of an earlier build of this site folder"
    if manifest.setup != setup:
        return "mkdocs.yml, the theme, the site settings or Dateline changed since the last build"
    if not site_dir.is_dir() or manifest.site != site_stamp(site_dir):
        return "the site folder is not the one the last build made"
    parts = {name: store.get(entry_name) for name, entry_name in manifest.parts.items()}
    found = {name: part for name, part in parts.items() if part is not None}
    if set(found) != {"pages", "assets", "search"}:
        return "the store no longer holds what the last build kept"
    try:
        pages = [_page(held) for held in _lines(found["pages"])]
        assets = [_asset(held, store) for held in _lines(found["assets"])]
        search = _search(found["search"])
    except (ValueError, KeyError, TypeError, LookupError):
        return "the store no longer holds what the last build kept"
    if not {p.path for p in pages} | {a.path for a in assets} <= manifest.pages.keys():
        return "the store no longer holds what the last build kept"
    return LastBuild(manifest, pages, assets, search, site_dir)


def keep_parts(
    store: Store, pages: list[Page], assets: list[Asset], search: PackedIndex
) -> dict[str, str]:
    """Write a build's pages, assets and search index into the store; their entries' names."""
    parts = {  # each written as its lines are made
        "pages": _jsonl(
            {
                "path": p.path,
                "packed": base64.b64encode(p.packed).decode(),
                "front_matter": p.front_matter,
                "in_nav": p.in_nav,
                "headings": p.headings,
            }
            for p in pages
        ),
        "assets": _jsonl(_held_asset(a, store) for a in assets),
        # Kept compressed whichever way the build held it, as the next build holds it.
        "search": _jsonl(
            {
                "page": page,
                "packed": base64.b64encode(
                    packed if search.compressed else zlib.compress(packed, 1)
                ).decode(),
            }
            for page, packed in search.by_page.items()
        ),
    }
    return {
        part: store.by_content_streamed(f"builds/{part}-", lines, ".jsonl")
        for part, lines in parts.items()
    }


# Entries of a table (a manifest's pages and outputs) written at a time.
ENTRIES_A_CHUNK = 2_000


def _object_chunks(table: dict[str, Any]) -> Iterator[bytes]:
    """`table` as a JSON object, its keys sorted, written a chunk of entries at a time."""
    entries = sorted(table.items())
    yield b"{"
    for start in range(0, len(entries), ENTRIES_A_CHUNK):
        chunk = dict(entries[start : start + ENTRIES_A_CHUNK])
        yield (", " if start else "").encode() + json.dumps(chunk, sort_keys=True)[1:-1].encode()
    yield b"}"


def record(store: Store, site_dir: Path, manifest: Manifest) -> None:
    """The manifest of a build whose site is now in place, and beside it the names of its
    parts, which `forget` removes with it."""
    manifest.site = site_stamp(site_dir)
    store.put(_parts_name(site_dir), json.dumps(sorted(manifest.parts.values())).encode())
    store.put_chunks(manifest_name(site_dir), manifest.json_chunks())


def forget(store: Store, site_dir: Path) -> None:
    """Before a new site goes in: the old manifest would describe a site no longer there.
    Its parts go with it: a site's pages, in hundreds of megabytes at thousands of stories,
    would otherwise stay in the store for every build until pruned. (A part the record of
    another site folder shares goes too: that site's next build is then whole.)"""
    listed = store.get(_parts_name(site_dir))
    try:
        parts = json.loads(listed.bytes()) if listed is not None else []
    except ValueError:
        parts = []  # a damaged list: its parts are pruned in time, the build goes on
    for name in parts if isinstance(parts, list) else []:
        # Only names `keep_parts` makes: the list is a file anyone could have written.
        if isinstance(name, str) and _PART_NAME.fullmatch(name):
            store.forget(name)
    store.forget(_parts_name(site_dir))
    store.forget(manifest_name(site_dir))


_PART_NAME = re.compile(r"builds/(pages|assets|search)-[0-9a-f]{64}\.jsonl")


def _parts_name(site_dir: Path) -> str:
    return manifest_name(site_dir).removesuffix(".json") + ".parts.json"


def _held_asset(asset: Asset, store: Store) -> dict[str, str]:
    name = store.name_of(asset.data)
    if name is not None:
        return {"path": asset.path, "entry": name}
    return {"path": asset.path, "inline": base64.b64encode(asset.data.bytes()).decode()}


def _jsonl(records: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    return (json.dumps(r, sort_keys=True).encode() + b"\n" for r in records)


def _lines(entry: Entry) -> Iterator[dict[str, Any]]:
    """Read a line at a time from the entry's file: a whole site's record is large."""
    if entry.file is None:
        lines: Iterable[bytes] = entry.bytes().splitlines()
    else:
        lines = _file_lines(entry.file)
    for line in lines:
        if line.startswith(b"{"):
            yield json.loads(line)


def _file_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        yield from file


def _page(held: dict[str, Any]) -> Page:
    return Page(
        _inside(held["path"]),
        base64.b64decode(held["packed"]),
        str(held["front_matter"]),
        bool(held["in_nav"]),
        tuple((str(i), str(name)) for i, name in held["headings"]),
    )


def _asset(held: dict[str, Any], store: Store) -> Asset:
    if "entry" in held:
        entry = store.unread(str(held["entry"]))
        if entry is None:
            raise LookupError(held["entry"])
        return Asset(_inside(held["path"]), entry)
    return Asset(_inside(held["path"]), InMemory(base64.b64decode(held["inline"])))


def _search(entry: Entry) -> PackedIndex:
    index = PackedIndex(compressed=True)
    index.by_page = {str(held["page"]): base64.b64decode(held["packed"]) for held in _lines(entry)}
    return index
