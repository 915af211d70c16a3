"""Panel titles that lead somewhere: each panel of a province overview (the home page's
small multiples) is titled with its province's name, and the title is made a link to the
province's page.

The links are put into the drawing per page, not when it is drawn: a link is relative to
the page that shows it (the home page, the chart's page, its embed view), and the drawing is
one for all of them. Vega draws a panel's title as a text mark that ignores the pointer; the
link takes the pointer back. The links are for the pointer only: out of the tab order, in a
picture hidden from screen readers (a picture, `role="img"`, may hold no links), whom the
figure's description and table serve; its caption lists the same links for keyboards and
screen readers.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_PANEL_TITLE = re.compile(
    r'(<g class="mark-text role-title-text"[^>]*?) pointer-events="none"([^>]*>)'
    r"(<text[^>]*>)([^<]*)(</text>)"
)


def linked_panels(svg: str, hrefs: dict[str, str]) -> Markup:
    """`svg` with each panel title named in `hrefs` wrapped in a link to its address."""

    def link(found: re.Match[str]) -> str:
        group, rest, opening, name, closing = found.groups()
        href = hrefs.get(html.unescape(name))
        if href is None:
            return found.group(0)
        anchor = Markup('<a href="{}" tabindex="-1" class="dl-panel-link">').format(href)
        return f"{group}{rest}{anchor}{opening}{name}{closing}</a>"

    return Markup(_PANEL_TITLE.sub(link, svg))
