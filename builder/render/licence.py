"""The licence, where a reader or a tool meets the site's work: a README beside the downloads
(CSV and PNG have no room of their own for it), a member of the JSON and GeoJSON files, the
SVG's metadata, schema.org's `license`, and the citation line under every chart.

One `Licence` (`builder.render.settings`, the plugin's `licence` option) feeds them all, so
that a newsroom that chooses another licence changes it everywhere at once.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape, quoteattr

from builder.render.settings import Licence, SiteSettings
from builder.wording import human_date

README = "README.txt"


def json_member(licence: Licence) -> list[dict[str, str]]:
    """Frictionless Data's `licenses`: a title and where the terms are read."""
    return [{"title": licence.name, "path": licence.url}]


def svg_with_licence(svg: str, settings: SiteSettings) -> str:
    """The SVG with Creative Commons' metadata (the work, by whom, under which licence) as
    the first thing inside its root element, where viewers and stock tools look for it."""
    end = svg.index(">", svg.index("<svg")) + 1
    metadata = (
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<cc:Work><dc:publisher>{escape(settings.name)}</dc:publisher>"
        f"<cc:license rdf:resource={quoteattr(settings.licence.url)}/></cc:Work>"
        "</rdf:RDF></metadata>"
    )
    return svg[:end] + metadata + svg[end:]


def readme(settings: SiteSettings, what: str) -> bytes:
    """The README beside a folder of downloads (`what` says what the folder holds)."""
    licence = settings.licence
    return (
        f"{what}\n\n"
        f"Published by {settings.name} under {licence.name}: {licence.url}\n"
        "You may share and adapt them, crediting the source as the licence asks, e.g.\n"
        f"  {settings.name}, <title>, <date>, <address of the page>\n"
        "Each chart's page gives its own citation line.\n"
    ).encode()


def citation(settings: SiteSettings, title: str, as_of: date | None, url: str) -> str:
    """How to cite a chart, as Our World in Data gives it: site, title, date, address. The
    date is the data's (not the build's), so that two builds of the same content agree."""
    parts = [settings.name, title, *([human_date(as_of)] if as_of else []), url]
    return ", ".join(parts)
