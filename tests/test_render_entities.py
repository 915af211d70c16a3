"""A page for every place (governorates as province pages), source and claim: names, counts,
history of control, who said what and relayed what, and the stories about each."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.generate import generate
from builder.render import Page, entities
from builder.render.entities import render_entities
from builder.render.views import Views
from tests.conftest import REPO
from tests.contents import content_of, pages_of, views_of
from tests.pages import found, rows, soup, text
from tests.second_story import second_story


def entity_pages(project: Path | None = None) -> dict[str, Page]:
    """The entity pages of the project (the minimal fixture if none), drawn with no charts."""
    views = views_of(content_of(project) if project else content_of())
    return {page.path: page for page in render_entities(views)}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    """The first story with a second one laid over it (tests/fixtures/second-story)."""
    return entity_pages(second_story(tmp_path_factory.mktemp("second") / "project"))


@pytest.fixture(scope="module")
def minimal_pages() -> dict[str, Page]:
    return entity_pages()


def test_an_outlet_that_only_relays_lists_what_it_carried(pages: dict[str, Page]) -> None:
    page = soup(pages["sources/relay-outlet.md"])
    assert "No claims are attributed to this source itself" in text(page)
    carried = rows(page.select_one("table.dl-carried"))
    assert [row[:3] for row in carried] == [
        # named as `via` in the attribution
        ["5 December 2024 (morning)", "Witnesses in Hama", "reports"],
        # said by a source the outlet carries (`carried_by`), with no `via`
        ["6 December 2024", "Witnesses in Hama", "reports"],
    ]
    assert carried[1][3].startswith("Opposition forces took Rastan and Talbiseh")
    stories = [text(li) for li in page.select(".dl-story-list li")]
    assert stories == [
        "Opposition forces enter Hama city and push south towards Homs 7 December 2024"
    ]


def test_an_outlet_lists_what_it_said_and_what_it_carried_apart(pages: dict[str, Page]) -> None:
    page = soup(pages["sources/bne-intellinews.md"])
    said = rows(page.select_one("table.dl-said"))
    carried = rows(page.select_one("table.dl-carried"))
    assert said and all(row[1] == "reports" for row in said)
    assert {row[1] for row in carried} >= {
        "Two Syrian military sources",
        "Iraqi Ministry of Interior",
    }
    assert "denies" in {row[2] for row in carried}
    # A source that relays nothing has no such list.
    assert soup(pages["sources/sohr.md"]).select_one("table.dl-carried") is None


def test_a_province_lists_the_stories_about_places_inside_it(pages: dict[str, Page]) -> None:
    # The second story names Rastan and Talbiseh, never Homs province itself.
    homs = soup(pages["provinces/homs.md"])
    stories = [text(a) for a in homs.select(".dl-story-list li a")]
    assert stories == ["Opposition forces enter Hama city and push south towards Homs"]
    assert "No stories yet" not in text(homs)
    hama = soup(pages["provinces/hama.md"])
    assert len(hama.select(".dl-story-list li a")) == 2
    # And a city, the stories about a site inside it.
    assert len(soup(pages["places/hama-city.md"]).select(".dl-story-list li a")) == 1


def test_a_place_is_found_first_by_its_names_and_aliases(pages: dict[str, Page]) -> None:
    page = pages["places/hama-city.md"]
    meta = yaml.safe_load(page.front_matter.strip("-\n"))
    assert meta["tags"] == ["Hama", "حماة", "Hama city", "Hamacity", "حماه"]
    assert meta["hide"] == ["tags"]  # found by them, not shown them
    aliases = pages["places/maarat-al-numan.md"]
    tags = yaml.safe_load(aliases.front_matter.strip("-\n"))["tags"]
    assert "Maarrat al-Numan" in tags and not any("'" in tag for tag in tags)


def test_a_province_shows_its_counts_with_their_changes_and_the_places_taken_in_it(
    minimal_pages: dict[str, Page],
) -> None:
    north = soup(minimal_pages["provinces/north.md"])
    claim = "Opposition-held areas of the North went from 3 to 5."
    assert rows(north.select_one("table.dl-counts")) == [
        ["1 December 2024", "areas held", "Opposition forces", "3", "—", "◆ unverified", claim],
        [
            "2 December 2024 (evening)",
            "areas held",
            "Opposition forces",
            "5",
            "+2",
            "◆ unverified",
            claim,
        ],
    ]
    within = found(north.find(id="places-that-changed-hands")).find_next("table")
    # Each change with the status of its claim, and the denial next to the source for it.
    assert rows(within)[0][2:] == [
        "Taken by Opposition forces from Government forces",
        "▲ contested",
        "The Monitor · denies: The Ministry",
    ]
    # Both villages changed hands together under one claim: one row names them both.
    assert [row[:2] for row in rows(within)] == [
        ["2 December 2024", "Village A القرية أ , Village B"]
    ]


def test_a_place_shows_where_it_lies_and_says_when_nothing_is_recorded(
    minimal_pages: dict[str, Page],
) -> None:
    plain = soup(minimal_pages["places/plain.md"])
    facts = dict(
        zip(
            (text(dt) for dt in plain.select(".dl-facts dt")),
            (text(dd) for dd in plain.select(".dl-facts dd")),
            strict=True,
        )
    )
    assert (facts["Kind"], facts["Also written"], facts["Within"]) == (
        "region",
        "—",
        "North Governorate",
    )
    assert "No change of control is recorded for this place." in text(plain)
    assert "No claims name this place." in text(plain)
    village = soup(minimal_pages["places/village-a.md"])
    assert [text(a) for a in village.select(".dl-story-list li a")] == [
        "Two villages change hands in the North"
    ]


def test_a_claim_shows_its_places_the_rows_it_backs_and_the_stories_citing_it(
    minimal_pages: dict[str, Page],
) -> None:
    taken = soup(minimal_pages["claims/villages-taken.md"])
    places = found(found(taken.find(id="places")).find_next("ul"))
    assert [text(li) for li in places("li")] == [
        "Village A القرية أ",
        "Village B",
    ]
    assert "denies" in text(taken.find(id="claim-villages-taken"))
    count = soup(minimal_pages["claims/north-count.md"])
    assert rows(count.select_one("table.dl-counts")) == [
        ["1 December 2024", "North Governorate محافظة الشمال", "Opposition forces", "3"],
        ["2 December 2024 (evening)", "North Governorate محافظة الشمال", "Opposition forces", "5"],
    ]
    assert [text(a) for a in count.select(".dl-story-list li a")] == [
        "Two villages change hands in the North"
    ]


def test_every_place_page_opens_with_who_holds_it_since_when_and_how_sure(
    minimal_pages: dict[str, Page],
) -> None:
    # The minimal fixture: village-a changed from government to opposition on 2 December
    # 2024, per claim 'villages-taken', whose status is contested.
    village = soup(minimal_pages["places/village-a.md"]).select_one("p.dl-held")
    assert village is not None
    assert text(village) == (
        "Held by Opposition forces since 2 December 2024 · ▲ contested · "
        "as of the latest record, 2 December 2024"
    )
    claim = village.select_one("a")
    assert claim is not None and claim["href"].endswith("claims/villages-taken/")
    # No change of control and no held_by: said so, not guessed.
    plain = soup(minimal_pages["places/plain.md"]).select_one("p.dl-held")
    assert plain is not None
    assert text(plain).startswith("Who holds it is not recorded")
    # A province opens with the places inside it instead (the next test).
    assert soup(minimal_pages["provinces/north.md"]).select_one("p.dl-held") is None


def test_a_province_page_opens_with_its_situation_and_keeps_its_codes_for_lower_down() -> None:
    page = soup(pages_of(REPO)["provinces/hama.md"])
    opening = [
        tag.name + "." + ".".join(tag.get("class", []))
        for tag in page.find_all(["h1", "h2", "p", "figure", "dl", "table"], recursive=False)
    ][:4]
    assert opening == ["h1.", "p.dl-tally", "figure.dl-chart", "figure.dl-chart"]
    figures = [f["id"] for f in page.select("figure.dl-chart")]
    assert figures[:2] == ["chart-province-hama-control", "chart-province-hama-areas-held"]
    headings = [text(h) for h in page.find_all("h2")]
    assert headings[-1] == "About this province"
    facts = text(found(page.select_one("dl.dl-facts")))
    assert "ISO 3166-2 SY-HM" in facts and "P-code SY05" in facts
    # The province itself never changed hands: no empty history above the places that did.
    assert "History of control" not in headings
    assert "No change of control is recorded" not in text(page)
    assert "Places that changed hands" in headings


def test_a_place_page_opens_with_its_holder_line() -> None:
    page = soup(pages_of(REPO)["places/tel-melh.md"])
    first = page.find(["p", "figure", "dl", "table", "h2"], recursive=False)
    assert first is not None and "dl-held" in first["class"]
    assert text(first).startswith("Held by Syrian opposition forces since 2 December 2024")
    assert [text(h) for h in page.find_all("h2")][-1] == "About this place"


def test_a_place_partly_taken_is_held_on_its_page_tally_and_index_as_its_map_draws_it() -> None:
    # Aleppo city's one change (29 November 2024) took it partly from the government, per a
    # contested claim: the maps draw it as the government's, contested. Its page, the
    # province's tally and the places index say the same, never "not recorded".
    site = pages_of(REPO)
    held = text(found(soup(site["places/aleppo-city.md"]).select_one("p.dl-held")))
    assert held.startswith(
        "Held by Syrian government forces before its first recorded change, partly taken "
        "since by Syrian opposition forces · ▲ contested"
    )
    tally = text(found(soup(site["provinces/aleppo.md"]).select_one("p.dl-tally")))
    assert "not recorded" not in tally and "held by Syrian government forces: 1" in tally
    index = soup(site["places/index.md"])
    entry = next(li for li in index.select("li") if text(found(li.find("a"))) == "Aleppo")
    assert "held by Syrian government forces" in text(entry) and "contested" in text(entry)


def test_a_province_without_claims_of_its_own_says_where_its_places_claims_are() -> None:
    # Deir ez-Zor: no claim names the province, one names Al-Bukamal in it, whose story the
    # page lists; "No claims name this place" above that story read as a contradiction.
    page = soup(pages_of(REPO)["provinces/deir-ez-zor.md"])
    assert "No claims name the province itself; those about the places in it are on their " in (
        text(page)
    )
    assert "No claims name this place" not in text(page)


def test_a_province_page_tallies_its_places_by_who_holds_them(
    minimal_pages: dict[str, Page],
) -> None:
    # In the North: village-a and village-b taken by the opposition; the Plain, with no
    # change of control and no held_by, is not recorded.
    tally = soup(minimal_pages["provinces/north.md"]).select_one("p.dl-tally")
    assert tally is not None
    assert text(tally) == (
        "Places inside it: held by Opposition forces: 2 · holder not recorded: 1"
    )
    assert soup(minimal_pages["places/village-a.md"]).select_one("p.dl-tally") is None


def test_a_province_page_s_first_figure_is_its_control_map() -> None:
    page = pages_of(REPO)["provinces/idlib.md"]
    figure = soup(page).select_one("figure.dl-chart")
    assert figure is not None and figure["id"] == "chart-province-idlib-control"
    caption = text(found(figure.find("p", class_="dl-chart-description")))
    assert caption == (
        "Who holds what in Idlib Governorate: a map of who holds what, as of the end of "
        "30 November 2024, 3 places: 3 held by Syrian opposition forces; 3 of them only as "
        "claimed or contested."
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Views:
    """A generated site of 60 stories and 150 places, without charts."""
    project = tmp_path_factory.mktemp("synthetic")
    generate(project, stories=60, places=150, seed=7)
    return views_of(content_of(project))


def test_a_province_page_shows_the_latest_of_each_long_list_and_leads_to_them_all(
    synthetic: Views, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 5,000 stories a province page listing everything was 3.3 MB (issue 25)."""
    for name, most in (("CHANGES_SHOWN", 5), ("CLAIMS_SHOWN", 3), ("STORIES_SHOWN", 2)):
        monkeypatch.setattr(entities, name, most)
    hama = synthetic.content.places["hama"]
    page = soup(entities.place(hama, synthetic.at("provinces/hama.md")))
    places = synthetic.content.places
    changes = sorted(
        (c for c in synthetic.content.control_changes if places[c.place].parent == "hama"),
        key=lambda c: c.date,
    )
    shown = rows(page.select_one("table.dl-changes"))
    # five changes, some perhaps in one row (places that changed hands together)
    assert len(page.select("table.dl-changes tbody td:nth-of-type(2) > a")) == 5
    # the latest, in the order they happened: the last row is the latest change
    assert any(cell.startswith(f"{changes[-1].date:%-d %B %Y}") for cell in shown[-1])
    notes = {text(p).split(".")[0]: p for p in page.select("p.dl-more")}
    assert list(notes) == [
        f"The latest 5 of {len(changes)} changes of control",
        f"The latest 3 of {len(page_claims(synthetic, 'hama'))} claims that name Hama Governorate",
        f"The latest 2 of {len(stories_about(synthetic, 'hama'))} stories",
    ]
    links = [found(p.a)["href"] for p in notes.values()]
    assert links == [
        "../../timeline/province/hama/",
        "../../claims/province/hama/",
        "../../stories/province/hama/",
    ]
    assert len(page.select(".dl-claim")) == 3
    assert len(page.select(".dl-story-list li")) == 2


def page_claims(views: Views, place: str) -> list[str]:
    return [c.id for c in views.content.claims.values() if place in c.places]


def stories_about(views: Views, province: str) -> list[str]:
    places = views.content.places
    return [
        s.path
        for s in views.content.stories
        if any(
            province in (p, places[p].parent)
            for c in s.claims
            for p in views.content.claims[c].places
        )
    ]
