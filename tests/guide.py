"""The editor's guide read as test data: its examples, its error examples and the messages
and names it documents.

An example is a fenced block after an HTML comment naming the file it belongs in:

    <!-- example: content/sources/guide-example.yml -->        a new file
    <!-- example: append content/data/area_counts.csv -->    rows after the header shown
    <!-- error-example: content/claims/guide-error.yml -->    a mistake; the next block is
                                                              what `dateline check` prints
    (an error example that appends rows replaces the file's own rows, so its lines hold)
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import REPO

GUIDE = REPO / "docs" / "guide"
_MARKER = re.compile(r"<!--\s*(example|error-example):\s*(append\s+)?(\S+)\s*-->")


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    path: str
    text: str
    append: bool
    expected_output: str | None  # for error examples

    def apply(self, project: Path) -> None:
        """Write the example into a copy of the site."""
        target = project / self.path
        if not self.append:
            assert not target.exists(), f"{self.page}:{self.line}: {self.path} already exists"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.text, encoding="utf-8")
            return
        header, *rows = self.text.splitlines()
        existing = target.read_text(encoding="utf-8").splitlines()
        assert existing[0] == header, f"{self.page}:{self.line}: header differs"
        # An error example's rows stand alone, so that the lines it shows stay true
        # whatever rows the site's own file gains.
        kept = existing if self.expected_output is None else existing[:1]
        target.write_text("\n".join([*kept, *rows]) + "\n", encoding="utf-8")

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def tokens(page: Path) -> list[Token]:
    return MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8"))


def pages() -> list[Path]:
    return sorted(GUIDE.glob("*.md"))


def examples(kind: str) -> list[Example]:
    """Every example of `kind` ("example" or "error-example") in the guide."""
    found = []
    for page in pages():
        stream = tokens(page)
        for i, token in enumerate(stream):
            marker = _MARKER.search(token.content) if token.type == "html_block" else None
            if not marker or marker.group(1) != kind:
                continue
            fences = [t for t in stream[i + 1 :] if t.type == "fence"]
            block = fences[0]
            output = fences[1].content if kind == "error-example" else None
            found.append(
                Example(
                    page.name,
                    (block.map or [0])[0] + 1,
                    marker.group(3),
                    block.content,
                    bool(marker.group(2)),
                    output,
                )
            )
    return found


def inline_code(page: Path) -> set[str]:
    """Every `code` written in the page's text and tables."""
    return {
        child.content
        for token in tokens(page)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "code_inline"
    }


def documented_messages() -> list[re.Pattern[str]]:
    """The message patterns of errors.md: each heading that is one code span, with
    `<placeholder>` standing for any value and `[...]` for an optional part."""
    stream = tokens(GUIDE / "errors.md")
    patterns = []
    for heading, inline in itertools.pairwise(stream):
        if heading.type != "heading_open" or heading.tag != "h4":
            continue
        children = inline.children or []
        if len(children) != 1 or children[0].type != "code_inline":
            continue
        text = children[0].content
        pattern = re.escape(text)
        pattern = re.sub(r"<[^>]*>", ".+?", pattern)
        pattern = pattern.replace(r"\[", "(?:").replace(r"\]", ")?")
        if not text.startswith("("):
            pattern = r"[^(].*?: " + pattern
        patterns.append(re.compile(pattern))
    return patterns
