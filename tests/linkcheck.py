"""Every internal link, anchor and download in a built site must resolve."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def broken_links(site: Path) -> list[str]:
    @cache
    def ids_of(page: Path) -> frozenset[str]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))

    problems = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        base = page.relative_to(site).parent.as_posix()
        for tag, attribute in ATTRIBUTES:
            for element in soup.find_all(tag):
                link = element.get(attribute)
                if not link:
                    continue
                parts = urlsplit(str(link))
                if parts.scheme or parts.netloc:
                    continue  # external: not ours to resolve
                target = _target(site, page, base, unquote(parts.path))
                where = f"{page.relative_to(site)}: {link}"
                if target is None:
                    problems.append(f"{where}: no such file")
                elif (
                    parts.fragment
                    and target.suffix == ".html"
                    and (unquote(parts.fragment) not in ids_of(target))
                ):
                    problems.append(f"{where}: no element with id {parts.fragment!r}")
    return problems


def _target(site: Path, page: Path, base: str, path: str) -> Path | None:
    if not path:
        return page
    resolved = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path
    candidate = site / resolved.lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None
