"""What a site is called, where it lives and under which licence it is published: the few
settings of mkdocs.yml pages need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Licence:
    """The licence text, data and charts are published under: shown in the footer, on the
    data page and every chart's page, beside every download and in the structured data."""

    name: str = "CC BY 4.0"
    url: str = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class SiteSettings:
    name: str
    description: str = ""
    directory_urls: bool = True
    url: str = ""  # site_url: absolute links in the feed and structured data, when known
    licence: Licence = field(default_factory=Licence)

    @classmethod
    def of(cls, config: Any) -> SiteSettings:
        """From a loaded MkDocs config (the plugin's build, `dateline generate`); its
        site_url always ends in one slash, so that links are joined to it as they are. The
        licence is the dateline plugin's `licence` option, where the config has the plugin."""
        url = str(config.site_url).rstrip("/") + "/" if config.site_url else ""
        plugin = (getattr(config, "plugins", None) or {}).get("dateline")
        chosen = plugin.config.licence if plugin is not None else None
        licence = Licence(chosen.name, chosen.url) if chosen is not None else Licence()
        return cls(
            config.site_name, config.site_description or "", config.use_directory_urls, url, licence
        )
