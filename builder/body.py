"""Story bodies: Markdown parsed with markdown-it-py, directives and references found with
the exact file line they stand on, and rendered to HTML with raw HTML always escaped.

Directives are fenced blocks whose info string names one: ```chart <id>```, ```places```,
```sources```. References are links with a Dateline scheme: `[text](claim:<id>)`,
`place:`, `source:`. Every other link must use an allowed web scheme or point in-page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from builder.errors import ContentError
from builder.plain_text import describe, unseen_character

DIRECTIVES = ("chart", "places", "sources")
# How deep lists and block quotes may nest in a body; a list in a list is two levels down.
MAX_DEPTH = 8
_NESTING = ("bullet_list_open", "ordered_list_open", "blockquote_open")
REFERENCE_SCHEMES = ("claim", "place", "source")
WEB_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Reference:
    """A pointer from a body to another record: `claim:x`, `place:x`, `source:x`, `chart x`."""

    kind: str
    target: str
    line: int


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    line: int


@dataclass
class Body:
    """A parsed story body; `tokens` are kept so rendering never parses twice."""

    tokens: Sequence[Token]
    references: list[Reference]
    directives: list[Directive]


def _markdown() -> MarkdownIt:
    # markdown-it stops reading a body silently at its nesting limit (20 in CommonMark's
    # preset: ten nested lists), dropping the rest of the page. Ours is far above what
    # editors may write (`MAX_DEPTH`), so a body too deep is reported, never cut short.
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "maxNesting": 200})
    md.enable(["table", "strikethrough"])
    # Every link is tokenised so that a bad one becomes an editor's error, not silent text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("link_open", _render_link_open)
    return md


@lru_cache(maxsize=16_384)
def parse_body(text: str, path: str, first_line: int) -> tuple[Body, list[ContentError]]:
    """Parse a body whose first line is line `first_line` of `path`. Cached: while serving,
    an edit to one story checks every story again, and parsing is most of that; the result
    depends on nothing else and is never changed by its users."""
    tokens = _MD.parse(text)
    source_lines = text.split("\n")
    body = Body(tokens, [], [])
    errors: list[ContentError] = []

    def report(line: int, message: str) -> None:
        errors.append(ContentError(path, line, "body", message))

    too_deep = next((t for t in tokens if t.type in _NESTING and t.level >= 2 * MAX_DEPTH), None)
    if too_deep is not None:
        line = first_line + (too_deep.map[0] if too_deep.map else 0)
        report(line, f"lists and quotes are nested more than {MAX_DEPTH} deep here; flatten them")
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "fence":
            _read_directive(token, line, body, report)
        seen: dict[str, int] = {}  # the same target again is its next occurrence
        for child in token.children or ():
            if child.type == "text" and (found := unseen_character(child.content)):
                # Written as an entity (`&#12;`): those in the file itself are found on load.
                report(line, f"contains {describe(found.group())}")
            if child.type not in ("link_open", "image"):
                continue
            target = str(child.attrs.get("href" if child.type == "link_open" else "src", ""))
            seen[target] = seen.get(target, -1) + 1
            at = _line_of(target, seen[target], token, source_lines, first_line, line)
            if child.type == "link_open":
                _read_link(target, at, body, report)
            else:
                report(at, "images are not supported in story bodies; use a chart directive")
    return body, errors


def _read_directive(
    token: Token, line: int, body: Body, report: Callable[[int, str], None]
) -> None:
    name, _, argument = token.info.strip().partition(" ")
    if name not in DIRECTIVES:
        return  # an ordinary code block
    argument = argument.strip()
    if name == "chart":
        if not argument:
            report(line, "a chart directive needs a chart id: ```chart <id>```")
            return
        body.references.append(Reference("chart", argument, line))
    elif argument:
        report(line, f"the {name} directive takes no argument, got {argument!r}")
    body.directives.append(Directive(name, argument, line))


def _read_link(href: str, line: int, body: Body, report: Callable[[int, str], None]) -> None:
    scheme, sep, target = href.partition(":")
    if sep and scheme in REFERENCE_SCHEMES:
        body.references.append(Reference(scheme, target, line))
    elif problem := link_problem(href):
        report(line, problem)


def link_problem(href: str) -> str | None:
    """Why a link may not be published, or None when its scheme is on the allow-list."""
    scheme, sep, _ = href.partition(":")
    if sep and "/" not in scheme and "#" not in scheme and "?" not in scheme:
        if scheme.lower() in WEB_SCHEMES or scheme in REFERENCE_SCHEMES:
            return None
        allowed = ", ".join((*WEB_SCHEMES, *REFERENCE_SCHEMES))
        return f"link scheme {scheme!r} is not allowed (allowed: {allowed})"
    if href.startswith("#"):
        return None
    return f"link {href!r} must be a web address, an in-page #anchor or a reference"


def _line_of(
    needle: str, nth: int, token: Token, lines: list[str], first_line: int, fallback: int
) -> int:
    """The line within an inline block where the `nth` (from 0) link to `needle` is written."""
    if not token.map:
        return fallback
    start, end = token.map
    for offset, text in enumerate(lines[start:end]):
        nth -= text.count(f"]({needle}") + text.count(f"<{needle}>")
        if nth < 0:
            return first_line + start + offset
    return fallback


# -- rendering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyRenderer:
    """What a body needs from the page it lands on."""

    directive_html: Callable[[Directive], str]
    reference_href: Callable[[str, str], str]


def render_body(body: Body, renderer: BodyRenderer) -> str:
    return str(_MD.renderer.render(body.tokens, _MD.options, {"dateline": renderer}))


def _render_fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    name, _, argument = token.info.strip().partition(" ")
    if name in DIRECTIVES:
        line = token.map[0] if token.map else 0
        html: str = env["dateline"].directive_html(Directive(name, argument.strip(), line))
        return html
    return str(RendererHTML.fence(self, tokens, idx, options, env))


def _render_link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # A copy: parsed bodies are shared between builds (`parse_body` is cached), so rendering
    # for one page must leave the tokens as parsed.
    token = tokens[idx].copy(attrs=dict(tokens[idx].attrs))
    href = str(token.attrs.get("href", ""))
    scheme, sep, target = href.partition(":")
    if sep and scheme in REFERENCE_SCHEMES:
        token.attrSet("href", env["dateline"].reference_href(scheme, target))
        token.attrSet("class", f"dl-ref dl-ref-{scheme}")
    elif link_problem(href):
        token.attrs.pop("href", None)
    # An inline token renders alone: renderToken looks at neighbours only for block tokens.
    return str(self.renderToken([token], 0, options, env))


_MD = _markdown()
