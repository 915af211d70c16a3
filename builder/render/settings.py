"""What a site is called and where it lives: the few settings of mkdocs.yml pages need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SiteSettings:
    name: str
    description: str = ""
    directory_urls: bool = True
    url: str = ""  # site_url: absolute links in the feed and structured data, when known

    @classmethod
    def of(cls, config: Any) -> SiteSettings:
        """From a loaded MkDocs config (the plugin's build, `dateline generate`); its
        site_url always ends in one slash, so that links are joined to it as they are."""
        url = str(config.site_url).rstrip("/") + "/" if config.site_url else ""
        return cls(config.site_name, config.site_description or "", config.use_directory_urls, url)
