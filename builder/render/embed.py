"""The code another outlet pastes to show a chart: an iframe of its embed view
(`builder.render.chart_pages`), and where that view lives."""

from __future__ import annotations

import re

from markupsafe import Markup

from builder.render.links import chart_embed
from builder.render.settings import SiteSettings

# Room the embed view gives the title, notes, sources and licence around the drawing.
EMBED_FURNITURE = 190
_HEIGHT = re.compile(r'<svg[^>]*?\sheight="([\d.]+)"')


def embed_address(chart_id: str, settings: SiteSettings) -> str:
    """The embed view's URL: full when `site_url` is set (an embed code is pasted into
    other sites), else from the site's root."""
    path = chart_embed(chart_id)
    return settings.url + (path.removesuffix("index.html") if settings.directory_urls else path)


def embed_snippet(chart_id: str, title_text: str, svg: str, settings: SiteSettings) -> str:
    """The HTML another site pastes: an iframe as wide as its column and as tall as the
    wide drawing (`svg`) and its captions, and a listener that lets the embed view set its
    height."""
    found = _HEIGHT.search(svg[:2000])
    height = round(float(found.group(1))) + EMBED_FURNITURE if found else 500
    title = Markup('title="{}"').format(title_text)
    return (
        f'<iframe src="{embed_address(chart_id, settings)}" {title} id="dateline-{chart_id}" '
        f'loading="lazy" style="width:100%;border:0" height="{height}"></iframe>'
        "<script>addEventListener('message',function(e){var d=e.data&&e.data['dateline-height'];"
        f"if(d&&d.id==='{chart_id}')document.getElementById('dateline-{chart_id}')"
        ".height=d.height})</script>"
    )
