from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import chart as chart_module
from builder.chart import _scoped_ids, chart, render_svg
from builder.derive import derive
from builder.load import ProjectPaths, load
from builder.validate import validate


@pytest.fixture
def rendered(first_story: Path, tmp_path: Path) -> chart_module.RenderedChart:
    content = validate(load(ProjectPaths.at(first_story)))
    return chart(content, derive(content), tmp_path / "cache")["hama-opposition-areas"]


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_svg_shows_the_plotted_values_and_annotation(rendered: chart_module.RenderedChart) -> None:
    assert rendered.svg.startswith("<svg")
    texts = svg_texts(rendered.svg)
    assert texts.count("12") >= 2 and "16" in texts  # axis tick and point labels
    assert "12 → 16" in texts


def test_description_is_generated_from_the_data(rendered: chart_module.RenderedChart) -> None:
    assert rendered.description == (
        "Opposition-held areas in Hama province: Syrian opposition forces in Hama Governorate "
        "rose from 12 on 1 December 2024 to 16 on 2 December 2024 (evening)."
    )
    assert rendered.claims == ["hama-areas-2024-12-02"]
    assert rendered.data["count"].tolist() == [12, 16]


def test_an_unchanged_spec_is_never_rendered_twice(
    rendered: chart_module.RenderedChart, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("rendered again")

    monkeypatch.setattr(chart_module.vl_convert, "vegalite_to_svg", refuse)
    again = render_svg(rendered.spec, tmp_path / "cache", prefix="chart-hama-opposition-areas")
    assert again == rendered.svg
    changed = {**rendered.spec, "height": 300}
    with pytest.raises(AssertionError, match="rendered again"):
        render_svg(changed, tmp_path / "cache", prefix="x")


def test_svg_ids_are_scoped_so_two_charts_can_share_a_page() -> None:
    svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    scoped = _scoped_ids(svg, "chart-a")
    assert 'id="chart-a-clip1"' in scoped and "url(#chart-a-clip1)" in scoped
    assert 'id="clip1"' not in scoped
