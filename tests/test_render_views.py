"""The plain values pages show, made from the models with links for one page: who said what
(support before dissent), which places and sources a story names, and the rows of places."""

from __future__ import annotations

import pytest

from builder.derive import derive
from builder.models import Claim, Figure
from builder.render.views import (
    Mentions,
    around,
    figure_text,
    kind_text,
    relayed_by,
    story_places,
    story_sources,
)
from tests.contents import minimal_content, minimal_views


def test_a_story_names_the_places_of_its_claims_their_changes_and_its_body() -> None:
    content = minimal_content()
    (story,) = content.stories
    assert story_places(story, content, derive(content)) == ["north", "village-a", "village-b"]
    assert around(["village-a", "village-b"], derive(content)) == [
        "village-a",
        "plain",
        "north",
        "village-b",
    ]


def test_a_story_names_everyone_on_record_and_the_outlet_they_came_through() -> None:
    content = minimal_content()
    (story,) = content.stories
    assert story_sources(story, content) == ["outlet", "monitor", "ministry"]


def test_an_outlet_relays_what_it_is_named_via_but_never_itself() -> None:
    content = minimal_content()
    denial = content.claims["villages-taken"].attributions[1]
    assert relayed_by(denial, content) == "outlet"
    own = content.claims["north-count"].attributions[0]
    assert (
        own.source == "outlet"
        and relayed_by(own.model_copy(update={"via": "outlet"}), content) is None
    )


def test_mentions_list_a_story_on_every_place_around_what_it_names() -> None:
    content = minimal_content()
    mentions = Mentions.of(content, derive(content))
    for place in ("north", "plain", "village-a", "village-b"):
        assert [s.article.slug for s in mentions.stories_by_place[place]] == ["villages-taken"]
    assert [a.source for _, a in mentions.carried_by_source["outlet"]] == ["monitor", "ministry"]
    assert [c.id for c in mentions.claims_by_place["village-b"]] == ["villages-taken"]


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


def test_a_story_edit_forgets_what_was_kept_of_the_stories_edited_only() -> None:
    from markupsafe import Markup

    from builder.render.views import Memos

    kept = Memos(
        named={"content/articles/a.md": (["north"], ["outlet"]), "content/articles/b.md": ([], [])},
        said_tables={"outlet": Markup("<table></table>")},
    )
    after = kept.without_stories({"content/articles/a.md"})
    assert list(after.named) == ["content/articles/b.md"]
    assert after.said_tables == {"outlet": Markup("<table></table>")}  # claims unchanged
    assert list(kept.named) == ["content/articles/a.md", "content/articles/b.md"]
