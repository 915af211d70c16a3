"""The licence where a reader or a tool meets the work: beside, inside and about it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from builder.render.licence import citation, json_member, readme, svg_with_licence
from builder.render.settings import Licence, SiteSettings

SA = Licence("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")
DESK = SiteSettings("The <Desk> & Co", url="https://news.example/", licence=SA)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
    '<rect width="8" height="8"/></svg>'
)


def test_the_svg_names_its_licence_and_publisher_and_stays_well_formed() -> None:
    tree = ET.fromstring(svg_with_licence(SVG, DESK))
    ns = {
        "cc": "http://creativecommons.org/ns#",
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "svg": "http://www.w3.org/2000/svg",
    }
    work = tree.find("svg:metadata/rdf:RDF/cc:Work", ns)
    assert work is not None
    licence = work.find("cc:license", ns)
    assert licence is not None
    assert licence.get(f"{{{ns['rdf']}}}resource") == SA.url
    assert work.findtext("dc:publisher", namespaces=ns) == "The <Desk> & Co"
    # The drawing is still there, after the metadata.
    assert [child.tag.split("}")[1] for child in tree] == ["metadata", "rect"]


def test_the_readme_gives_the_licence_and_how_to_credit() -> None:
    text = readme(DESK, "Every dataset.").decode()
    assert text.startswith("Every dataset.\n")
    assert "under CC BY-SA 4.0: https://creativecommons.org/licenses/by-sa/4.0/" in text
    assert "The <Desk> & Co, <title>, <date>, <address of the page>" in text


def test_json_files_carry_frictionless_licenses() -> None:
    assert json_member(SA) == [{"title": "CC BY-SA 4.0", "path": SA.url}]


def test_a_citation_gives_site_title_the_data_s_date_and_address() -> None:
    url = "https://news.example/charts/north-areas/"
    assert citation(DESK, "Held areas", dt.date(2024, 12, 2), url) == (
        "The <Desk> & Co, Held areas, 2 December 2024, " + url
    )
    # A chart with no dates (a locator map) is cited without one, not with the build's.
    assert citation(DESK, "Where", None, url) == f"The <Desk> & Co, Where, {url}"
