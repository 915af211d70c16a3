"""Stage 1, load: read every content file into located records. Nothing is judged here
beyond "can this file be read at all"; what the records mean is `validate`'s business."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from builder.content_files import NotContent, not_plain_files, read_content
from builder.errors import ContentError, DatelineError
from builder.located import LocatedDict, LocatedList, Record, decode_text, parse_csv, parse_yaml

LIST_FILES = ("parties", "sources", "places")
CSV_TABLES = {"area_counts": "data/area_counts.csv", "control_changes": "data/control_changes.csv"}


@dataclass(frozen=True)
class ProjectPaths:
    """Where a project keeps its content; every path shown to editors is relative to root."""

    root: Path
    content: Path
    charts: Path
    docs: Path  # the site's own pages (docs_dir), which MkDocs reads and publishes

    @classmethod
    def at(
        cls, root: Path, content: str = "content", charts: str = "charts", docs: str = "docs"
    ) -> ProjectPaths:
        """The project at `root`; its content and chart folders must lie inside it."""
        root = root.resolve()
        for option, folder in (("content_dir", content), ("charts_dir", charts)):
            if not (root / folder).resolve().is_relative_to(root):
                raise DatelineError(
                    f"{option}: {folder!r} leads outside the project ({root}); "
                    "content must be inside the folder of mkdocs.yml"
                )
        return cls(root, root / content, root / charts, Path(os.path.normpath(root / docs)))

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely, taking its MkDocs-only tags (`!ENV`, `!relative`) as empty."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data, without running MkDocs (`dateline check` stays fast)."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


@dataclass
class RawArticle:
    path: str
    front: Record
    body: str
    body_line: int  # the file line on which the body's first line stands


@dataclass
class RawContent:
    """Everything read, still untyped, each record knowing its file and line."""

    records: dict[str, list[Record]] = field(default_factory=dict)
    articles: list[RawArticle] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    # Kinds with a file that could not be read at all: references to them cannot be judged.
    unreadable: set[str] = field(default_factory=set)

    def ids_only(self) -> RawContent:
        """The records reduced to their ids, articles kept whole: all a build needs of what
        was read once the content is valid (references are checked against ids, the report
        counts records, a story edit reads its article again). Most of a large site's
        content is records; holding them twice, read and typed, doubled its memory."""
        records = {
            name: [
                Record(r.path, r.line, {"id": r.data["id"]} if "id" in r.data else {})
                for r in records
            ]
            for name, records in self.records.items()
        }
        return RawContent(records, self.articles, self.errors, self.unreadable)


Stamp = tuple[int, int]  # modification time in nanoseconds, size


def content_stamps(paths: ProjectPaths) -> dict[str, Stamp]:
    """Every file under the content and chart folders, by path, with what tells an edit
    apart. Looked at on every rebuild while serving: thousands of files, so plain strings
    and `os.scandir` rather than `Path` objects."""
    found: dict[str, Stamp] = {}
    folders = [str(paths.content), str(paths.charts)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:  # missing, or removed while we looked
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    continue
                status = entry.stat()
            except OSError:
                continue
            found[entry.path] = (status.st_mtime_ns, status.st_size)
    return found


def edited_files(before: dict[str, Stamp], now: dict[str, Stamp]) -> set[Path]:
    """Files added, removed or changed between two looks."""
    return {Path(p) for p in before.keys() | now.keys() if before.get(p) != now.get(p)}


def load(paths: ProjectPaths) -> RawContent:
    """Read the whole content set. Unreadable files become errors, never exceptions."""
    raw = RawContent()
    for name in (*LIST_FILES, "claims"):
        before = len(raw.errors)
        raw.records[name] = _load_lists(paths, name, raw.errors, required=name != "claims")
        if any(e.field in ("(file)", "(yaml)", "(entry)") for e in raw.errors[before:]):
            raw.unreadable.add(name)
    for name, relative in CSV_TABLES.items():
        raw.records[name] = _load_table(paths, paths.content / relative, raw.errors)
    raw.records["charts"] = [
        record
        for path in sorted(paths.charts.glob("*.yml"))
        if (record := _load_named_mapping(paths, path, raw.errors)) is not None
    ]
    raw.errors.extend(
        ContentError(paths.shown(path), 1, "(file)", why)
        for path, why in not_plain_files(paths.docs, paths.root)
    )
    for path in sorted((paths.content / "articles").glob("*.md")):
        article = load_article(paths, path, raw.errors)
        if article is not None:
            raw.articles.append(article)
    return raw


def _read(paths: ProjectPaths, path: Path, errors: list[ContentError]) -> str | None:
    shown = paths.shown(path)
    try:
        raw = read_content(path, paths.root)
    except NotContent as refused:
        errors.append(ContentError(shown, 1, "(file)", str(refused)))
        return None
    result = decode_text(raw, shown)
    errors.extend(result.errors)
    return result.value if isinstance(result.value, str) else None


def _load_lists(
    paths: ProjectPaths, name: str, errors: list[ContentError], *, required: bool
) -> list[Record]:
    """Entries of `content/<name>.yml` and of every `content/<name>/*.yml`, in that order."""
    single = paths.content / f"{name}.yml"
    files = sorted((paths.content / name).glob("*.yml"))
    if single.is_file() or (required and not files):
        files.insert(0, single)
    return [record for path in files for record in _load_list(paths, path, errors)]


def _load_list(paths: ProjectPaths, path: Path, errors: list[ContentError]) -> list[Record]:
    text = _read(paths, path, errors)
    if text is None:
        return []
    shown = paths.shown(path)
    result = parse_yaml(text, shown)
    errors.extend(result.errors)
    if result.value is None:
        return []
    if not isinstance(result.value, LocatedList):
        line = getattr(result.value, "line", 1)
        errors.append(
            ContentError(shown, line, "(file)", "expected a list of entries, each `- id: ...`")
        )
        return []
    records = []
    for item, line in zip(result.value, result.value.item_lines, strict=True):
        if isinstance(item, LocatedDict):
            records.append(Record(shown, line, item))
        else:
            errors.append(
                ContentError(shown, line, "(entry)", "expected an entry of `key: value` lines")
            )
    return records


def _load_table(paths: ProjectPaths, path: Path, errors: list[ContentError]) -> list[Record]:
    text = _read(paths, path, errors)
    if text is None:
        return []
    result = parse_csv(text, paths.shown(path))
    errors.extend(result.errors)
    if result.value is None:
        return []
    _header, records = result.value
    return list(records)


def _load_named_mapping(
    paths: ProjectPaths, path: Path, errors: list[ContentError]
) -> Record | None:
    """A file holding one mapping whose id is its file name (charts)."""
    text = _read(paths, path, errors)
    if text is None:
        return None
    shown = paths.shown(path)
    result = parse_yaml(text, shown)
    errors.extend(result.errors)
    data = result.value
    if not isinstance(data, LocatedDict):
        if not result.errors:
            errors.append(ContentError(shown, 1, "(file)", "expected `key: value` lines"))
        return None
    return Record(shown, data.line, _with_default(data, "id", path.stem))


def _with_default(data: LocatedDict, key: str, value: str) -> LocatedDict:
    """The mapping with `key` set from the file name unless the editor gave it."""
    if key in data:
        return data
    located = LocatedDict(data)
    located[key] = value
    located.line = data.line
    located.key_lines = {**data.key_lines, key: data.line}
    return located


def load_article(paths: ProjectPaths, path: Path, errors: list[ContentError]) -> RawArticle | None:
    text = _read(paths, path, errors)
    if text is None:
        return None
    shown = paths.shown(path)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        errors.append(ContentError(shown, 1, "(front matter)", "a story starts with a `---` line"))
        return None
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        errors.append(
            ContentError(shown, 1, "(front matter)", "the front matter is never closed by `---`")
        )
        return None
    # A blank first line keeps YAML's line numbers equal to the file's.
    front_text = "\n".join(["", *lines[1:end]])
    result = parse_yaml(front_text, shown)
    errors.extend(result.errors)
    data: Any = result.value
    if not isinstance(data, LocatedDict):
        if not result.errors:
            errors.append(ContentError(shown, 2, "(front matter)", "expected `key: value` lines"))
        return None
    data = _with_default(data, "slug", slugify(path.stem))
    body = "\n".join(lines[end + 1 :])
    return RawArticle(shown, Record(shown, 1, data), body, body_line=end + 2)
