"""The Atom feed of stories: each entry with its summary, authors, published date, and an
updated date that moves when the story is modified or corrected."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from builder.render.links import FEED, page_url, story_page
from builder.validate import Story

if TYPE_CHECKING:
    from builder.render.settings import SiteSettings

ATOM = "http://www.w3.org/2005/Atom"
LATEST = 50


def atom_feed(stories: list[Story], settings: SiteSettings) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    recent = sorted(stories, key=lambda s: (s.article.updated, s.article.slug or ""), reverse=True)[
        :LATEST
    ]
    _text(feed, "title", settings.name)
    if settings.description:
        _text(feed, "subtitle", settings.description)
    _text(feed, "id", settings.url or _tag(settings, "", dt.date(2024, 1, 1)))
    _text(
        feed,
        "updated",
        _when(max((s.article.updated for s in recent), default=dt.date(2024, 1, 1))),
    )
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=_url(settings, FEED))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=_url(settings, ""))
    for story in recent:
        article = story.article
        path = page_url(story_page(article.slug or ""), settings.directory_urls)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", article.headline)
        _text(entry, "id", _tag(settings, path, article.published))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=_url(settings, path))
        _text(entry, "published", _when(article.published))
        _text(entry, "updated", _when(article.updated))
        for name in article.byline:
            _text(ET.SubElement(entry, f"{{{ATOM}}}author"), "name", name)
        _text(entry, "summary", article.standfirst)
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _when(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _url(settings: SiteSettings, path: str) -> str:
    return (settings.url or "/") + path if settings.url else path or "./"


def _tag(settings: SiteSettings, path: str, day: dt.date) -> str:
    """A stable id that needs no site_url (RFC 4151 tag URI)."""
    authority = urlsplit(settings.url).hostname or "dateline.invalid"
    return f"tag:{authority},{day.isoformat()}:{path or 'feed'}"
