"""The small error hierarchy every stage reports through.

Editors see `path:line: field: message` lines, never a traceback: stages collect
`ContentError`s and the pipeline raises one `ContentInvalid` carrying all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, located to a file, a line and a field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class DatelineError(Exception):
    """Base of every error Dateline reports to a person rather than as a crash."""


class ContentInvalid(DatelineError):
    """The content set has errors; nothing may be written."""

    def __init__(self, errors: Iterable[ContentError], skipped: Iterable[str] = ()) -> None:
        self.errors = sorted(set(errors))
        # Checks left out because what they depend on could not be read: said, not hidden.
        self.skipped = list(skipped)
        super().__init__(self.report())

    def report(self, excerpt: Callable[[ContentError], list[str]] | None = None) -> str:
        """Every error as `path:line: field: message`, then a count. With `excerpt`
        (`builder.excerpt.report_with_lines` gives it), the lines it returns follow each
        error: its source line with a caret under the field."""
        lines: list[str] = []
        for error in self.errors:
            lines.append(str(error))
            if excerpt is not None:
                lines.extend(excerpt(error))
        lines.extend(f"note: {note}" for note in self.skipped)
        count = len(self.errors)
        lines.append(f"{count} error{'s' if count != 1 else ''} in content")
        return "\n".join(lines)


class BuildFailed(DatelineError):
    """The content was valid but the site could not be built or written."""
