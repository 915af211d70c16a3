"""The plain values pages show, made from the models with links for one page: who said what
(support before dissent), links relative to their page, and the rows of places."""

from __future__ import annotations

import pytest

from builder.models import Claim, Figure
from builder.render.views import figure_text, kind_text
from tests.contents import minimal_views


def test_support_comes_before_dissent_whatever_the_order_written() -> None:
    views = minimal_views()
    written = views.content.claims["villages-taken"]
    denial_first = Claim.model_validate(
        {
            **written.model_dump(),
            "attributions": [a.model_dump() for a in written.attributions[::-1]],
        }
    )
    view = views.claim_view(denial_first)
    assert [(a["name"], a["stance"]) for a in view["attributions"]] == [
        ("The Monitor", "reports"),
        ("The Ministry", "denies"),
    ]
    assert view["attributions"][1]["via"] == {"name": "The Outlet", "href": "sources/outlet/"}
    assert (view["anchor"], view["when"], view["status"]["word"], view["status"]["mark"]) == (
        "claim-villages-taken",
        "2 December 2024",
        "contested",
        "▲",
    )
    # A claim's sources are those who assert it.
    assert views.sources_of(["villages-taken"]) == [
        {"name": "The Monitor", "href": "sources/monitor/"}
    ]


def test_links_are_relative_to_the_page_they_are_on() -> None:
    views = minimal_views()
    assert views.place_link("village-a") == {
        "name": "Village A",
        "name_ar": "القرية أ",
        "href": "places/village-a/",
    }
    on_story = views.at("stories/villages-taken.md")
    assert on_story.place_link("north")["href"] == "../../provinces/north/"
    assert on_story.claim_link("north-count") == {
        "text": "Opposition-held areas of the North went from 3 to 5.",
        "href": "../../claims/north-count/",
    }


def test_place_rows_list_each_change_in_order_and_named_places_last() -> None:
    views = minimal_views()
    rows = views.place_rows(["plain", "village-b", "village-a"])
    assert [(r["name"], r["change"], r["when"]) for r in rows] == [
        ("Village A", "Taken by Opposition forces from Government forces", "2 December 2024"),
        ("Village B", "Taken by Opposition forces from Government forces", "2 December 2024"),
        ("The Plain", "Named; no change of control listed", None),
    ]
    assert [p["name"] for p in rows[0]["area"]] == ["The Plain"]  # between it and its province
    assert rows[0]["province"]["name"] == "North Governorate"
    assert rows[0]["sources"] == [{"name": "The Monitor", "href": "sources/monitor/"}]
    # Only the changes backed by the claims given.
    assert [r["change"] for r in views.place_rows(["village-a"], ["north-count"])] == [
        "Named; no change of control listed"
    ]


def test_places_that_changed_hands_together_are_one_group() -> None:
    views = minimal_views()
    together = views.derived.changes_by_claim["villages-taken"]
    assert [c.place for c in together] == ["village-a", "village-b"]
    later = together[1].model_copy(update={"part_of_day": "evening"})
    partly = together[0].model_copy(update={"extent": "partial"})
    groups = views.change_groups([*together, later, partly])
    assert [([p["name"] for p in g["places"]], g["change"], g["when"]) for g in groups] == [
        (
            ["Village A", "Village B"],
            "Taken by Opposition forces from Government forces",
            "2 December 2024",
        ),
        (
            ["Village B"],
            "Taken by Opposition forces from Government forces",
            "2 December 2024 (evening)",
        ),
        (
            ["Village A"],
            "Partly taken by Opposition forces from Government forces",
            "2 December 2024",
        ),
    ]
    assert groups[0]["claim"]["href"] == "claims/villages-taken/"


@pytest.mark.parametrize(
    ("figure", "text"),
    [
        (Figure(value=16, previous=12, unit="areas"), "12 → 16 areas"),
        (Figure(value=200, qualifier="nearly", unit="fighters"), "nearly 200 fighters"),
        (Figure(value=3.5, unit="km"), "3.5 km"),
    ],
)
def test_a_figure_reads_as_written_in_a_story(figure: Figure, text: str) -> None:
    assert figure_text(figure) == text


@pytest.mark.parametrize(
    ("kind", "anonymous", "count", "text"),
    [
        ("news_outlet", False, None, "news outlet"),
        ("military", True, 2, "military, 2 unnamed"),
        ("anonymous", True, None, "unnamed"),
        ("military", True, 1, "military, unnamed"),
        ("armed_group", True, None, "armed group, unnamed"),
    ],
)
def test_a_source_s_kind_says_when_it_is_unnamed_and_how_many_it_stands_for(
    kind: str, anonymous: bool, count: int | None, text: str
) -> None:
    assert kind_text(kind, anonymous, count) == text


def test_a_chart_names_the_sources_behind_most_of_its_claims_first() -> None:
    views = minimal_views()
    taken = views.content.claims["villages-taken"]
    confirmed = Claim.model_validate(
        {
            **taken.model_dump(),
            "attributions": [
                *(a.model_dump() for a in taken.attributions),
                {"source": "outlet", "stance": "confirms"},
                {"source": "outlet", "stance": "reports"},  # once a claim, however often
            ],
        }
    )
    views.content.claims["villages-taken"] = confirmed
    # Met first: the Monitor. Behind more claims: the Outlet (both; the Monitor, one). The
    # Ministry only denies: never a source of the chart.
    claims = ["villages-taken", "north-count"]
    assert views.chart_sources(claims, None) == (
        [
            {"name": "The Outlet", "href": "sources/outlet/"},
            {"name": "The Monitor", "href": "sources/monitor/"},
        ],
        0,
    )
    assert views.chart_sources(claims, 1) == (
        [{"name": "The Outlet", "href": "sources/outlet/"}],
        1,
    )
