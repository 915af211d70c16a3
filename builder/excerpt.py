"""The offending line under an error, with a caret under the field, as compilers show it:

    content/claims/claims.yml:12: attributions[0].source: unknown source 'monitr'; ...
      12 |     source: monitr
         |             ^^^^^^

Errors carry a file, a line and a field name, not a column: the column is found here, when
the error is shown, from the line itself (the field's key in YAML and front matter, the
field's column in CSV, the value the message quotes), so no stage has to track columns.
The same columns place GitHub's annotations (`github_annotations`, `dateline check --format
github`) on the field in a pull request.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from builder.content_files import NotContent, read_content
from builder.errors import ContentError, ContentInvalid
from builder.plain_text import UNSEEN

_QUOTED = re.compile(r"'([^']+)'")
_LAST_KEY = re.compile(r"([A-Za-z_][\w-]*)(?:\[\d+\])?$")
# Messages about the key itself, not its value.
_KEY_PROBLEMS = ("unknown field", "duplicate key", "a key must be")


def report_with_lines(invalid: ContentInvalid, root: Path) -> str:
    """The report with each error's source line under it (each file read once)."""
    read: dict[str, list[str]] = {}
    return invalid.report(lambda error: excerpt(error, root, read))


def excerpt(error: ContentError, root: Path, read: dict[str, list[str]] | None = None) -> list[str]:
    """The lines to print under `error`: its source line and a caret line; [] if unreadable.
    `read` keeps each file's lines for the other errors of one report."""
    located = _located(error, root, {} if read is None else read)
    if located is None:
        return []
    text, span = located
    gutter = str(error.line)
    shown = [f"  {gutter} | {text}"]
    if span:
        start, end = span
        shown.append(f"  {' ' * len(gutter)} | {' ' * start}{'^' * max(1, end - start)}")
    return shown


def column(error: ContentError, root: Path, read: dict[str, list[str]]) -> int | None:
    """The 1-based column where the field stands on its line, as annotations give it."""
    located = _located(error, root, read)
    return located[1][0] + 1 if located and located[1] else None


def _located(
    error: ContentError, root: Path, read: dict[str, list[str]]
) -> tuple[str, tuple[int, int] | None] | None:
    """The error's source line and where the field stands on it; None if unreadable."""
    if error.path not in read:
        read[error.path] = _source_lines(root / error.path, root)
    lines = read[error.path]
    if not 1 <= error.line <= len(lines) or not lines[error.line - 1].strip():
        return None
    text = lines[error.line - 1]
    header = _csv_header(lines) if error.path.endswith(".csv") else None
    return text, _span(text, error, header)


def _csv_header(lines: list[str]) -> list[str]:
    """The first row that is not a comment (`builder.located.parse_csv`)."""
    rows = (next(csv.reader([line]), []) for line in lines if line.strip())
    return next((row for row in rows if not row[0].lstrip().startswith("#")), [])


def _source_lines(path: Path, root: Path) -> list[str]:
    """The file's lines, if it is content: nothing of a link, a FIFO or a device is shown."""
    try:
        raw = read_content(path, root)
    except NotContent:
        return []
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
    # Split at newlines only, as the readers count lines (`splitlines` also splits at
    # U+0085 and U+2028), and never echo a control character: an escape sequence in a
    # file would otherwise reach the editor's terminal and act there.
    return [
        UNSEEN.sub("\N{REPLACEMENT CHARACTER}", line.replace("\t", " ")).rstrip()
        for line in text.split("\n")
    ]


def _span(text: str, error: ContentError, header: list[str] | None) -> tuple[int, int] | None:
    """Where on the line the field stands; the whole line for a problem of the entry or the
    file; None when the field is not on this line (a slug made from the file name)."""
    if header is not None and (cell := _csv_cell(text, header, error.field)):
        return cell
    key_match = _LAST_KEY.search(error.field)
    key = key_match.group(1) if key_match else ""
    key_at = _key_position(text, key) if key else None
    if key_at is not None and error.message.startswith(_KEY_PROBLEMS):
        return key_at, key_at + len(key)
    value_from = key_at + len(key) + 1 if key_at is not None else 0
    for quoted in _QUOTED.findall(error.message):
        found = text.find(quoted, value_from)
        if found >= 0:
            return found, found + len(quoted)
    if key_at is not None:
        value = text[value_from:]
        if stripped := value.strip():
            first = value_from + value.index(stripped)
            return first, first + len(stripped)
        return key_at, key_at + len(key)
    if not error.field.startswith("("):
        return None
    indent = len(text) - len(text.lstrip(" -"))
    return indent, len(text)


def _key_position(text: str, key: str) -> int | None:
    found = re.search(rf"(?:^|[\s{{,\-])({re.escape(key)})\s*:", text)
    return found.start(1) if found else None


def _csv_cell(text: str, header: list[str], field: str) -> tuple[int, int] | None:
    if field not in header:
        return None
    cells = _cell_spans(text)
    column = header.index(field)
    return cells[column] if column < len(cells) else None


def _cell_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each cell of one CSV line, quotes included."""
    spans, start, quoted = [], 0, False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def github_annotations(invalid: ContentInvalid, root: Path | None) -> str:
    """Errors as GitHub Actions workflow commands, each shown on its line in a pull request."""
    read: dict[str, list[str]] = {}
    lines = []
    for error in invalid.errors:
        col = column(error, root, read) if root is not None else None
        where = f"file={_escape_property(error.path)},line={error.line}"
        where += f",col={col}" if col else ""
        where += f",title={_escape_property(error.field)}"
        lines.append(f"::error {where}::{_escape_data(error.message)}")
    count = len(invalid.errors)
    lines.append(f"{count} error{'s' if count != 1 else ''} in content")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    # As GitHub's toolkit escapes a command's message (@actions/core, toCommandValue).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
