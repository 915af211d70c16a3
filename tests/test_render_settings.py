"""The few settings of mkdocs.yml that pages need, read from a loaded config."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from builder.render.settings import SiteSettings


def config(**values: object) -> SimpleNamespace:
    given = {
        "site_name": "Fixture",
        "site_description": None,
        "use_directory_urls": True,
        "site_url": None,
    }
    return SimpleNamespace(**{**given, **values})


@pytest.mark.parametrize(
    ("site_url", "url"),
    [
        ("https://news.example", "https://news.example/"),
        ("https://news.example/", "https://news.example/"),
        ("https://news.example/desk//", "https://news.example/desk/"),
        (None, ""),
        ("", ""),
    ],
)
def test_a_site_url_ends_in_exactly_one_slash(site_url: str | None, url: str) -> None:
    assert SiteSettings.of(config(site_url=site_url)).url == url


def test_a_missing_description_is_empty_and_flat_urls_are_kept() -> None:
    settings = SiteSettings.of(config(site_name="The Desk", use_directory_urls=False))
    assert settings == SiteSettings("The Desk", "", False, "")
    described = SiteSettings.of(config(site_description="Who holds what"))
    assert (described.name, described.description) == ("Fixture", "Who holds what")
