"""What render produces, and the one template environment it uses."""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown.extensions.toc import slugify, unique
from markupsafe import Markup, escape

from builder.store import Entry


@dataclass(frozen=True)
class Page:
    """A generated page: its path in the docs tree, its Markdown, whether it is listed in
    the navigation (entity pages are reached through their section's index), and its section
    headings (id, text as HTML) for the table of contents.

    The Markdown is front matter over HTML only, headings included, so MkDocs can take it
    as the page's HTML without converting it (`builder.plugin`), and any other builder
    converts it to the same HTML. It is held compressed: a site of thousands of stories has
    tens of thousands of pages, all kept until MkDocs has built them, and HTML compresses
    about tenfold."""

    path: str
    packed: bytes  # the Markdown, zlib-compressed
    front_matter: str  # the front matter block, fences included: all MkDocs reads of the file
    in_nav: bool = False
    headings: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        path: str,
        markdown: str,
        in_nav: bool = False,
        headings: tuple[tuple[str, str], ...] = (),
    ) -> Page:
        found = _FRONT_MATTER.match(markdown)
        front = markdown[: found.end()] if found else ""
        return cls(path, packed(markdown), front, in_nav, headings)

    @property
    def markdown(self) -> str:
        return unpacked(self.packed)

    @property
    def html(self) -> str:
        return self.markdown[len(self.front_matter) :]


def packed(text: str) -> bytes:
    """`text` deflated, for HTML held until the end of a build: about a tenth of its size,
    at the fastest level, which deflates hundreds of megabytes a second."""
    return zlib.compress(text.encode(), 1)


def unpacked(data: bytes) -> str:
    return zlib.decompress(data).decode()


# As MkDocs finds front matter (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


class Headings:
    """Section headings as HTML, with the ids Python-Markdown's `toc` gives (so anchors do
    not change with how the page is built), collected for the table of contents."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []
        self._ids: set[str] = set()

    def __call__(self, text: str) -> Markup:
        anchor = unique(slugify(text, "-"), self._ids)
        self.found.append((anchor, str(escape(text))))
        return Markup('<h2 id="{}">{}</h2>').format(anchor, text)


@dataclass(frozen=True)
class Asset:
    """A generated file served as it is: a download, an image, the feed. Downloads and
    images are entries of the store, copied when the site is written."""

    path: str
    data: Entry


ENV = Environment(
    loader=PackageLoader("builder", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
COMPONENTS: Any = ENV.get_template("components.html.j2").module


def front_matter(*, searchable: bool = True, tags: Sequence[str] = (), **values: str) -> Markup:
    """Page meta for MkDocs. Material prints `page.title` unescaped (MkDocs' theme templates
    have no autoescape), so values go in as escaped HTML text; YAML quoting does the rest.
    A page not `searchable` is left out of the site search.

    `tags` are what the page is found by first: Material's search weighs a match in a tag
    a thousand times a match in a title (a place is found by its aliases ahead of every page
    that mentions them). They are hidden from the page, and hold no character HTML gives a
    meaning to, since Material's tags plugin, where a site turns it on, prints them as they
    are."""
    escaped: dict[str, object] = {key: str(escape(value)) for key, value in values.items()}
    if tags:
        escaped["tags"] = list(dict.fromkeys(t for t in map(_plain, tags) if t))
        escaped["hide"] = ["tags"]
    if not searchable:
        escaped["search"] = {"exclude": True}
    text = yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False, width=10_000)
    return Markup(text.strip())


def _plain(tag: str) -> str:
    return " ".join(re.sub(r"[<>&\"'`]", "", tag).split())


def render_page(
    path: str,
    template: str,
    *,
    title: str,
    description: str = "",
    in_nav: bool = False,
    searchable: bool = True,
    tags: Sequence[str] = (),
    meta: dict[str, str] | None = None,
    **context: Any,
) -> Page:
    """A page from its template; `meta` adds page meta (a story's card and dates), `tags`
    what search finds it by first."""
    values = {
        "title": title,
        **({"description": description} if description else {}),
        **(meta or {}),
    }
    headings = Headings()
    markdown = ENV.get_template(template).render(
        meta=front_matter(searchable=searchable, tags=tags, **values),
        title=title,
        description=description,
        h2=headings,
        **context,
    )
    return Page.of(path, markdown, in_nav, tuple(headings.found))


def json_for_script(data: object) -> str:
    """JSON safe inside <script>: no `</script>`, no `<!--`, whatever the content says."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
