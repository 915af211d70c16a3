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
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from builder.errors import ContentError
from builder.plain_text import UNSEEN, describe, unseen_character


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

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # A node met twice was reached through an alias: a dozen of them multiply into
        # millions of values (a "billion laughs"), so content has none.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(None, None, "alias", node.start_mark)
        # Text, null, mappings and lists, which is all content holds, are made here at
        # once rather than through PyYAML's two-step generators, which exist for values
        # that hold themselves (through aliases, refused above) and cost most of the reading
        # (docs/performance.md). Anything else takes PyYAML's way.
        kind = type(node)
        if kind is ScalarNode and node.tag in _SCALARS:
            value = None if node.tag == _NULL else node.value
        elif kind is MappingNode and node.tag == _MAP:
            value = self._mapping(node)  # type: ignore[arg-type]
        elif kind is SequenceNode and node.tag == _SEQ:
            value = self._sequence(node)  # type: ignore[arg-type]
        else:
            return super().construct_object(node, deep)
        self.constructed_objects[node] = value
        return value

    def construct_located_mapping(self, node: MappingNode) -> Iterator[LocatedDict]:
        yield self._mapping(node)

    def construct_located_sequence(self, node: SequenceNode) -> Iterator[LocatedList]:
        yield self._sequence(node)

    def _mapping(self, node: MappingNode) -> LocatedDict:
        data = LocatedDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
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
        return data

    def _sequence(self, node: SequenceNode) -> LocatedList:
        items = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALARS = (_STR, _NULL)


# Only text, lists, mappings and null: an explicit `!!binary`, `!!timestamp` or `!!float`
# would bypass the models' reading of each field, so any tag but these is refused.
_LocatingLoader.yaml_constructors = {
    "tag:yaml.org,2002:str": SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    None: SafeConstructor.construct_undefined,
}
_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _LocatingLoader.construct_located_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _LocatingLoader.construct_located_sequence)
_LocatingLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def decode_text(raw: bytes, shown_as: str) -> LoadResult:
    """A content file's bytes as UTF-8 text, refusing what no editor means to write. Control
    and invisible characters are each reported at their line and field, then blanked, so
    that the file is still read and its other errors found."""
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
    if unseen_character(text) is None:
        return LoadResult(value=text)
    lines = text.split("\n")
    errors = []
    for number, text_line in enumerate(lines):
        if found := unseen_character(text_line):
            field = _field_at(lines, number, found.start(), shown_as.rsplit(".", 1)[-1])
            errors.append(
                ContentError(shown_as, number + 1, field, f"contains {describe(found.group())}")
            )
            lines[number] = UNSEEN.sub(" ", text_line)
    return LoadResult(value="\n".join(lines), errors=errors)


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def _field_at(lines: list[str], number: int, column: int, suffix: str) -> str:
    """The field a character at `lines[number][column]` belongs to: its CSV column, `body`
    below a story's front matter, or else the nearest YAML key at or above it."""
    if suffix == "csv":
        header = next((row for row in csv.reader(lines) if row and not _is_comment(row)), [])
        cell = lines[number][:column].count(",")  # good enough to name a column
        return header[cell].strip() if cell < len(header) else "(row)"
    if suffix == "md":
        closing = next((i for i, line in enumerate(lines) if i and line.strip() == "---"), 0)
        if number > closing:
            return "body"
    for above in range(number, -1, -1):
        if key := _KEY_LINE.match(lines[above]):
            return key.group(1)
    return "(file)"


def parse_yaml(text: str, shown_as: str) -> LoadResult:
    """Parse one YAML document into Located containers; syntax errors become ContentErrors."""
    loader = _LocatingLoader(text, shown_as)
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line, problem = yaml_problem(exc, text)
        return LoadResult(
            errors=[*loader.problems, ContentError(shown_as, line, "(yaml)", problem)]
        )
    finally:
        loader.dispose()
    return LoadResult(value=value, errors=loader.problems)


_ALIASES = "YAML anchors and aliases (`&name`, `*name`) are not allowed; write each value out"
# PyYAML's problems, in an editor's words: (words in its message, what to tell the editor).
_YAML_PROBLEMS = (
    ("tab", "a tab in front of a line; indent with spaces, not tabs"),
    ("mapping values", "a second `: ` on one line; put the value in quotes if it has a colon"),
    ("expected ':'", "a line without `key: value`; is a colon missing?"),
    ("unexpected end of stream", "a quote that is never closed; close it on the same value"),
    ("unknown escape", "an unknown escape (a backslash) in double quotes; use single quotes"),
    ("another document", "a second document (a `---` line); a file holds one"),
    ("alias", _ALIASES),
    ("anchor", _ALIASES),
    ("constructor", "this YAML tag is not allowed; write plain values"),
    ("cannot start any token", "a value cannot start with this character; put it in quotes"),
    ("expected ',' or ']'", "a list in brackets is never closed; add the closing bracket"),
    ("expected ',' or '}'", "fields in braces are never closed; add the closing brace"),
)


def yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line and the editor's words for a YAML syntax error. An unclosed quote is shown
    where it opens, not at the end of the file where PyYAML gave up."""
    problem = exc.problem or str(exc)
    mark = exc.problem_mark or exc.context_mark
    if "end of stream" in problem and exc.context_mark:
        mark = exc.context_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        problem = "tab"
    words = next((said for phrase, said in _YAML_PROBLEMS if phrase in problem), None)
    return (mark.line + 1 if mark else 1), words or (
        "this line is not valid YAML; check its indentation, colons and quotes"
    )


def parse_csv(text: str, shown_as: str) -> LoadResult:
    """Parse CSV with a header row into Records, one per data row, located by line. Lines
    whose first cell starts with `#` are comments (what `dateline init` writes above the
    header), skipped wherever they stand; no id, date or header name starts with `#`."""
    errors: list[ContentError] = []
    rows = _rows(text, shown_as, errors)
    first = next(rows, None)
    if first is None:
        return LoadResult(
            errors=errors or [ContentError(shown_as, 1, "(header)", "the file is empty")]
        )
    header = [name.strip() for name in first[1]]
    records: list[Record] = []
    for row_line, row in rows:
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


def _rows(text: str, shown_as: str, errors: list[ContentError]) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank or a comment, with the line it starts on. A row the csv
    module cannot read ends the file there, with the editor's words for why."""
    reader = csv.reader(io.StringIO(text))
    line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors.append(ContentError(shown_as, line + 1, "(row)", _csv_problem(str(exc))))
            return
        row_line, line = line + 1, reader.line_num
        if any(cell.strip() for cell in row) and not _is_comment(row):
            yield row_line, row


def _csv_problem(problem: str) -> str:
    if "field limit" in problem:
        return (
            f"a cell runs on for more than {csv.field_size_limit():,} characters; "
            'is a quote (") opened here and never closed?'
        )
    if "new-line" in problem:
        return "a line break inside a cell that is not in quotes; put the cell in quotes"
    return 'this row cannot be read as CSV; check its quotes (") and commas'


def _is_comment(row: list[str]) -> bool:
    return bool(row) and row[0].lstrip().startswith("#")
