"""Reading YAML and CSV while keeping the file and line of everything read.

YAML is read with a safe loader that resolves no implicit types except null: every other
scalar arrives as a string and the content models decide what it means. That closes the
YAML 1.1 traps (`NO` becoming False, `012` becoming 10, `1.10` becoming 1.1) for every field,
and explicit tags outside the safe set are refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from builder.errors import ContentError


class _PurePythonParser(Reader, Scanner, Parser, Composer):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


class LocatedDict(dict[Any, Any]):
    """A mapping that remembers the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[Hashable, int]


class LocatedList(list[Any]):
    """A sequence that remembers the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


@dataclass
class Record:
    """One record as read: its file, its first line, its data and where each field stood."""

    path: str
    line: int
    data: dict[str, Any]
    fixed_line: bool = False  # CSV rows: every field is on the record's line

    def line_of(self, loc: tuple[int | str, ...]) -> int:
        """The line of the value at `loc` (a pydantic error location), as deep as it exists."""
        if self.fixed_line:
            return self.line
        node: Any = self.data
        line = self.line
        for step in loc:
            if isinstance(node, LocatedDict) and step in node:
                line = node.key_lines.get(step, line)
                node = node[step]
            elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
                line = node.item_lines[step]
                node = node[step]
            else:
                break
        return line


@dataclass
class LoadResult:
    """Parsed documents of one file and the problems met reading it."""

    value: Any = None
    errors: list[ContentError] = field(default_factory=list)


# libyaml's parser (PyYAML's C extension, in every PyYAML wheel) reads several times faster
# than the pure-Python one and gives the same marks; that one stands in where it is missing.
_Parser: Any
try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = _PurePythonParser


class _LocatingLoader(_Parser, SafeConstructor, BaseResolver):  # type: ignore[misc]
    def __init__(self, stream: str, path: str) -> None:
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        BaseResolver.__init__(self)
        self.path = path
        self.problems: list[ContentError] = []

    def construct_located_mapping(self, node: MappingNode) -> Iterator[LocatedDict]:
        data = LocatedDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, Hashable):
                self.problems.append(
                    ContentError(self.path, key_line, "(key)", "a key must be plain text")
                )
                continue
            if key in data:
                first = data.key_lines[key]
                self.problems.append(
                    ContentError(
                        self.path,
                        key_line,
                        str(key),
                        f"duplicate key (first given on line {first})",
                    )
                )
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = key_line

    def construct_located_sequence(self, node: SequenceNode) -> Iterator[LocatedList]:
        items = LocatedList()
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield items
        items.extend(self.construct_object(child, deep=True) for child in node.value)


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _LocatingLoader.construct_located_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _LocatingLoader.construct_located_sequence)
_LocatingLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def read_text(path: Path, shown_as: str) -> LoadResult:
    """Read a content file as UTF-8 text, refusing what no editor means to write."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return LoadResult(
            errors=[
                ContentError(shown_as, line, "(file)", "not valid UTF-8 text; save it as UTF-8")
            ]
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return LoadResult(
            errors=[
                ContentError(shown_as, line, "(file)", "contains a NUL byte; is it a binary file?")
            ]
        )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    return LoadResult(value=text)


def parse_yaml(text: str, shown_as: str) -> LoadResult:
    """Parse one YAML document into Located containers; syntax errors become ContentErrors."""
    loader = _LocatingLoader(text, shown_as)
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or str(exc)
        if isinstance(exc, ConstructorError) and exc.problem and "constructor" in exc.problem:
            problem = "this YAML tag is not allowed; write plain values"
        return LoadResult(
            errors=[*loader.problems, ContentError(shown_as, line, "(yaml)", problem)]
        )
    finally:
        loader.dispose()
    return LoadResult(value=value, errors=loader.problems)


def parse_csv(text: str, shown_as: str) -> LoadResult:
    """Parse CSV with a header row into Records, one per data row, located by line. Lines
    whose first cell starts with `#` are comments (what `dateline init` writes above the
    header), skipped wherever they stand; no id, date or header name starts with `#`."""
    reader = csv.reader(io.StringIO(text))
    header = next((row for row in reader if not _is_comment(row)), None)
    if header is None:
        return LoadResult(errors=[ContentError(shown_as, 1, "(header)", "the file is empty")])
    header = [name.strip() for name in header]
    records: list[Record] = []
    errors: list[ContentError] = []
    line = reader.line_num
    for row in reader:
        row_line = line + 1
        line = reader.line_num
        if not any(cell.strip() for cell in row) or _is_comment(row):
            continue
        if len(row) != len(header):
            errors.append(
                ContentError(
                    shown_as,
                    row_line,
                    "(row)",
                    f"has {len(row)} cells, the header has {len(header)}",
                )
            )
            continue
        data = {name: (cell.strip() or None) for name, cell in zip(header, row, strict=True)}
        records.append(Record(shown_as, row_line, data, fixed_line=True))
    return LoadResult(value=(header, records), errors=errors)


def _is_comment(row: list[str]) -> bool:
    return bool(row) and row[0].lstrip().startswith("#")
