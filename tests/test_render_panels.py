"""Panel titles made links (builder/render/panels.py), on drawings Vega really makes."""

from __future__ import annotations

import json

import pytest
import vl_convert
from bs4 import BeautifulSoup

from builder.chart.kinds import small_multiples
from builder.chart_definitions import SmallMultiplesChart
from builder.render.panels import linked_panels
from tests.contents import count_rows

PLACES = ("Raqqa & Tabqa", "North", "South", "East", "West")


@pytest.fixture(scope="module")
def drawing() -> str:
    data = count_rows(PLACES)
    definition = SmallMultiplesChart.model_validate(
        {
            "id": "m",
            "kind": "small-multiples",
            "title": "Held",
            "series": "s",
            "places": ["p"],
            "parties": ["o"],
        }
    )
    svg: str = vl_convert.vegalite_to_svg(json.dumps(small_multiples(data, definition).to_dict()))
    return svg


def test_each_named_panel_title_leads_to_its_page_and_takes_the_pointer(drawing: str) -> None:
    hrefs = {"Raqqa & Tabqa": "../places/raqqa/", "North": "../places/north/"}
    svg = BeautifulSoup(linked_panels(drawing, hrefs), "html.parser")
    links = {a.get_text(): a for a in svg.select("g.role-title-text a")}
    assert {name: a["href"] for name, a in links.items()} == hrefs
    for anchor in links.values():
        # Out of the tab order: the caption lists the same links for keyboards.
        assert anchor["tabindex"] == "-1"
        assert anchor.parent is not None and anchor.parent.get("pointer-events") != "none"
    # A panel without an address keeps its plain title, ignoring the pointer as Vega drew it.
    south = next(g for g in svg.select("g.role-title-text") if g.get_text() == "South")
    assert south.find("a") is None and south["pointer-events"] == "none"


def test_an_address_is_escaped_where_it_is_put(drawing: str) -> None:
    svg = linked_panels(drawing, {"North": '"><script>alert(1)</script>'})
    assert "<script>" not in svg
    assert 'href="&#34;&gt;&lt;script&gt;' in svg
