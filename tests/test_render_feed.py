"""The Atom feed of stories: each entry with its summary, author, published date, and an
updated date that moves when the story is corrected; the latest fifty, last changed first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

from builder.render import SiteSettings
from builder.render.feed import atom_feed
from tests.conftest import add_correction
from tests.contents import content_of


def test_the_feed_is_valid_atom_and_a_correction_updates_its_entry(minimal: Path) -> None:
    add_correction(minimal, "2024-12-05")
    raw = atom_feed(content_of(minimal).stories, SiteSettings("Fixture"))
    ET.fromstring(raw)  # well-formed XML
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert entry.title == "Two villages change hands in the North"
    assert entry.summary.startswith("Opposition forces took two villages")
    assert entry.author == "Fixture desk"
    assert entry.published.startswith("2024-12-03") and entry.updated.startswith("2024-12-05")
    assert entry.link == "stories/villages-taken/"


def test_the_latest_fifty_are_listed_last_changed_first_with_ids_that_stay() -> None:
    (story,) = content_of().stories
    stories = [
        dataclasses.replace(
            story,
            article=story.article.model_copy(
                update={"slug": f"story-{i:02}", "published": dt.date(2024, 1, 1) + dt.timedelta(i)}
            ),
        )
        for i in range(60)
    ]
    settings = SiteSettings("Fixture", "Who holds what", url="https://news.example/")
    feed = feedparser.parse(atom_feed(stories, settings))
    assert [e.link for e in feed.entries] == [
        f"https://news.example/stories/story-{i:02}/" for i in range(59, 9, -1)
    ]
    assert feed.entries[0].id == "tag:news.example,2024-02-29:stories/story-59/"
    assert feed.feed.subtitle == "Who holds what"
    assert feed.feed.updated.startswith("2024-02-29")


def test_without_directory_urls_entries_link_to_html_files() -> None:
    feed = feedparser.parse(
        atom_feed(content_of().stories, SiteSettings("Fixture", directory_urls=False))
    )
    (entry,) = feed.entries
    assert entry.link == "stories/villages-taken.html"
    assert entry.id == "tag:dateline.invalid,2024-12-03:stories/villages-taken.html"
