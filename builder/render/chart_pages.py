"""Every chart's permanent page (`/charts/<id>/`) and its embed view, as Our World in
Data's Grapher and Datawrapper give them: one address to cite and link to, and a view made
to sit in another outlet's iframe.

The embed view is a file of its own, not a page of the theme's: no navigation, search or
script around the chart, only the chart as the pages show it (title, the wide or narrow
drawing chosen by CSS at the iframe's width, notes, sources, the date of the data, the
licence and a link back). It works without JavaScript and follows the reader's colour
scheme, as the page does, with the same custom properties (`builder.inks`). With
JavaScript on, it tells the page around it its height, which the embed code's one-line
listener takes, so that the iframe fits the chart at any width; without it, the iframe
keeps the height the code gives it, which fits the wide drawing.
"""

from __future__ import annotations

from markupsafe import Markup

from builder import inks
from builder.colours import LIGHT_BACKGROUND, dark_background
from builder.render.links import chart_embed, chart_page
from builder.render.page import ENV, Asset, Page, json_for_script, render_page
from builder.render.views import Views
from builder.store import Store


def render_chart_pages(views: Views) -> list[Page]:
    """Each chart's page: the chart with its table and downloads, how to cite it, its embed
    code, under its licence. Left out of the navigation; linked from under every chart."""
    settings = views.settings
    pages = []
    for chart_id in sorted(views.charts):
        path = chart_page(chart_id)
        here = views.at(path)
        chart = views.charts[chart_id]
        view = here.chart_view(chart_id, every_source=True)
        image_object = {
            "@context": "https://schema.org",
            "@type": "ImageObject",
            "name": chart.definition.title,
            "description": chart.description,
            "contentUrl": f"{settings.url}charts/{chart_id}.svg",
            "isBasedOn": f"{settings.url}charts/{chart_id}.csv",
            "license": settings.licence.url,
            "creditText": view["citation"],
            "copyrightHolder": {"@type": "Organization", "name": settings.name},
        }
        pages.append(
            render_page(
                path,
                "chart.md.j2",
                title=chart.definition.title,
                description=chart.description,
                chart=view,
                licence=settings.licence,
                json_ld=Markup(json_for_script(image_object)),
            )
        )
    return pages


def render_embed_views(views: Views, store: Store) -> list[Asset]:
    """Each chart's embed view, a whole HTML document for an iframe, kept in `store` as it
    is made (as the downloads are): thousands of them, each with its chart's drawing, would
    otherwise be held in memory to the end of the build and again in its record."""
    template = ENV.get_template("chart_embed.html.j2")
    settings = views.settings
    styles = Markup(embed_styles())
    made = []
    for chart_id in sorted(views.charts):
        path = chart_embed(chart_id)
        here = views.at(path)
        view = here.chart_face(chart_id)
        html = template.render(
            chart=view,
            site_name=settings.name,
            licence=settings.licence,
            home=here.link(chart_page(chart_id)),
            styles=styles,
        )
        made.append(Asset(path, store.by_content(html.encode(), ".html")))
    return made


def embed_styles() -> str:
    """The embed view's stylesheet: the inks for each scheme the reader's system asks for,
    text in the charts' text ink and the page behind it as Material paints it."""
    text = inks.INKS["text"]

    def scheme(dark: bool, background: str, link: str) -> str:
        ink = text.dark if dark else text.light
        ours = f"--dl-bg: {background}; --dl-fg: {ink}; --dl-link: {link};"
        return f"{inks.declarations(dark)} {ours}"

    return (
        f":root {{ {scheme(False, LIGHT_BACKGROUND, '#2a5db0')} }}\n"
        "@media (prefers-color-scheme: dark) { "
        f":root {{ {scheme(True, dark_background(), '#8ab4f8')} }} }}\n"
    )
