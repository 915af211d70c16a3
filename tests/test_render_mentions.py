"""Who mentions what: the places and sources a story names, the places around them, the
outlet a source is relayed by, and what a story edit forgets of what was kept."""

from __future__ import annotations

from markupsafe import Markup

from builder.derive import derive
from builder.render.mentions import (
    Memos,
    Mentions,
    around,
    relayed_by,
    story_places,
    story_sources,
)
from tests.contents import minimal_content


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


def test_a_story_edit_forgets_what_was_kept_of_the_stories_edited_only() -> None:
    kept = Memos(
        named={"content/articles/a.md": (["north"], ["outlet"]), "content/articles/b.md": ([], [])},
        said_tables={"outlet": Markup("<table></table>")},
    )
    after = kept.without_stories({"content/articles/a.md"})
    assert list(after.named) == ["content/articles/b.md"]
    assert after.said_tables == {"outlet": Markup("<table></table>")}  # claims unchanged
    assert list(kept.named) == ["content/articles/a.md", "content/articles/b.md"]
