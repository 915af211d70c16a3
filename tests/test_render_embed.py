"""The code another outlet pastes: where it points and how tall it starts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from builder.chart import RenderedChart, chart
from builder.derive import derive
from builder.render.embed import EMBED_FURNITURE, embed_address, embed_snippet
from builder.render.settings import SiteSettings
from tests.contents import content_of
from tests.pages import found


@pytest.mark.parametrize(
    ("settings", "address"),
    [
        (
            SiteSettings("D", url="https://news.example/desk/"),
            "https://news.example/desk/charts/c/embed/",
        ),
        (SiteSettings("D"), "charts/c/embed/"),
        (SiteSettings("D", directory_urls=False), "charts/c/embed/index.html"),
    ],
)
def test_the_embed_view_s_address(settings: SiteSettings, address: str) -> None:
    assert embed_address("c", settings) == address


@pytest.fixture(scope="module")
def step_chart() -> RenderedChart:
    content = content_of()
    return chart(content, derive(content), None)["north-areas"]


def test_the_iframe_starts_as_tall_as_the_wide_drawing_and_its_captions(
    step_chart: RenderedChart,
) -> None:
    settings = SiteSettings("D", url="https://news.example/")
    title = step_chart.definition.title
    snippet = embed_snippet("north-areas", title, step_chart.svg, settings)
    code = BeautifulSoup(snippet, "html.parser")
    iframe = found(code.iframe)
    drawing = found(BeautifulSoup(step_chart.svg, "html.parser").svg)
    assert int(str(iframe["height"])) == round(float(str(drawing["height"]))) + EMBED_FURNITURE
    assert iframe["style"] == "width:100%;border:0"  # as wide as the column it is put in
    # The listener takes heights only from this chart's view.
    assert "d.id==='north-areas'" in (found(code.script).string or "")
