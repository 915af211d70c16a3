"""What each chart plots, as the rows a reader sees in its table and downloads, and what
is said of them in words (`captions`)."""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.generate import generate as generate_corpus
from builder.chart import select
from builder.chart.captions import describe, remarks, stamp_of
from builder.chart.generated import province_map_id, site_maps
from builder.chart.select import rows
from builder.chart_definitions import ChangesChart, ControlMap, LocatorMap, SiteMap, StepChart
from builder.derive import derive
from builder.geography import governorate_coded
from builder.validate import Content
from tests.conftest import REPO
from tests.contents import content_of


@pytest.fixture(scope="module")
def minimal() -> Content:
    return content_of()


def test_a_step_chart_plots_the_counts_of_its_series_places_and_parties(minimal: Content) -> None:
    definition = minimal.charts["north-areas"]
    data = rows(definition, minimal, derive(minimal))
    assert data.to_dict("records") == [
        {
            "date": "2024-12-01",
            "part_of_day": "",  # not given
            "place": "North Governorate",
            "party": "Opposition forces",
            "count": 3,
            "status": "unverified",  # the status of its claim
            "claim": "north-count",
        },
        {
            "date": "2024-12-02",
            "part_of_day": "evening",
            "place": "North Governorate",
            "party": "Opposition forces",
            "count": 5,
            "status": "unverified",
            "claim": "north-count",
        },
    ]
    assert describe(data, definition) == (
        "Opposition-held areas in the North: Opposition forces in North Governorate rose from "
        "3 on 1 December 2024 to 5 on 2 December 2024 (evening)."
    )


def test_a_window_or_a_party_with_no_counts_plots_nothing(minimal: Content) -> None:
    later = StepChart.model_validate(
        {**minimal.charts["north-areas"].model_dump(), "start": "2024-12-02"}
    )
    assert rows(later, minimal, derive(minimal))["count"].tolist() == [5]
    others = StepChart.model_validate(
        {**minimal.charts["north-areas"].model_dump(), "parties": ["government"]}
    )
    assert rows(others, minimal, derive(minimal)).empty


@pytest.mark.parametrize("places", [[], ["north"], ["plain"]])
def test_changes_per_day_counts_the_places_inside_its_areas(
    minimal: Content, places: list[str]
) -> None:
    definition = ChangesChart(id="c", kind="changes-per-day", title="Taken", places=places)
    data = rows(definition, minimal, derive(minimal))
    assert data[["date", "place", "from_party", "to_party", "claim"]].values.tolist() == [
        ["2024-12-02", "Village A", "Government forces", "Opposition forces", "villages-taken"],
        ["2024-12-02", "Village B", "Government forces", "Opposition forces", "villages-taken"],
    ]
    assert describe(data, definition) == (
        "Taken: 2 places changed hands on 2 December 2024, the most (2) on 2 December 2024; "
        "2 taken by Opposition forces."
    )


def test_changes_per_day_of_one_village_counts_it_alone(minimal: Content) -> None:
    definition = ChangesChart(id="c", kind="changes-per-day", title="A", places=["village-a"])
    assert rows(definition, minimal, derive(minimal))["place"].tolist() == ["Village A"]


def test_a_map_lists_its_places_with_their_province(minimal: Content) -> None:
    definition = LocatorMap(
        id="m", kind="locator-map", title="Where", places=["village-b", "village-a", "north"]
    )
    data = rows(definition, minimal, derive(minimal))
    assert data[["place", "kind", "province"]].values.tolist() == [
        ["Village B", "village", "North Governorate"],
        ["Village A", "village", "North Governorate"],
        ["North Governorate", "governorate", "North Governorate"],
    ]
    assert describe(data, definition) == (
        "Where: a map of Syria locating Village B, Village A and North Governorate."
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Content:
    project = tmp_path_factory.mktemp("synthetic")
    generate_corpus(project, stories=40, places=200, seed=3)
    return content_of(project)


def test_a_chart_window_plots_exactly_the_rows_dated_within_it(synthetic: Content) -> None:
    """Charts find their window by bisection; a reader must see the same rows as a scan of
    every record would give, the first and last day included."""
    derived = derive(synthetic)
    changes = sorted(synthetic.control_changes, key=lambda c: c.date)
    counts = synthetic.area_counts
    checked = 0
    for definition in synthetic.charts.values():
        if not isinstance(definition, ChangesChart | StepChart) or definition.start is None:
            continue
        areas = set(definition.places)
        if isinstance(definition, ChangesChart):
            expected = sorted(
                (c.date.isoformat(), c.claim)
                for c in changes
                if areas & {c.place, *derived.ancestors[c.place]} and definition.covers(c.date)
            )
        else:
            expected = sorted(
                (c.date.isoformat(), c.claim)
                for c in counts
                if c.series == definition.series
                and c.place in areas
                and c.party in definition.parties
                and definition.covers(c.date)
            )
        data = rows(definition, synthetic, derived)
        assert sorted(zip(data["date"], data["claim"], strict=True)) == expected, definition.id
        assert expected, f"{definition.id} shows nothing: the test would prove nothing"
        checked += 1
    assert checked >= 40


@pytest.fixture(scope="module")
def first_story() -> Content:
    return content_of(REPO)


def control_map(**fields: object) -> ControlMap:
    return ControlMap.model_validate(
        {"id": "m", "kind": "control-map", "title": "Who holds Idlib", **fields}
    )


def test_a_control_map_shows_each_place_s_holder_at_its_date_with_status_and_claim(
    first_story: Content,
) -> None:
    definition = control_map(places=["idlib"], date="2024-11-30")
    data = rows(definition, first_story, derive(first_story))
    shown = data[["place", "holder", "since", "status", "claim"]].to_dict("records")
    assert shown == [
        {
            "place": name,
            "holder": "Syrian opposition forces",
            "since": "30 November 2024",
            "status": "unverified",
            "claim": "idlib-held-2024-11-30",
        }
        for name in ("Khan Sheikhoun", "Maarat al-Numan", "Saraqib")
    ]
    assert set(data["part_of_day"]) == {"end of day"}
    assert describe(data, definition) == (
        "Who holds Idlib: a map of who holds what, as of the end of 30 November 2024, "
        "3 places: 3 held by Syrian opposition forces; 3 of them only as claimed or contested."
    )
    assert remarks(data, definition) == []


def test_a_control_map_before_and_after_says_what_changed_hands(first_story: Content) -> None:
    definition = control_map(places=["idlib", "aleppo"], dates=["2024-11-28", "2024-12-01"])
    data = rows(definition, first_story, derive(first_story))
    before = data[data["date"] == "2024-11-28"]
    # Before its first change a place is held by the side that change took it from.
    assert set(before["holder"]) == {"Syrian government forces"}
    assert set(before["since"]) == {"before its first recorded change"}
    after = data[data["date"] == "2024-12-01"].set_index("place")
    # Aleppo was only partly taken: still the government's, and contested.
    assert (after.loc["Aleppo", "holder"], after.loc["Aleppo", "status"]) == (
        "Syrian government forces",
        "contested",
    )
    assert describe(data, definition) == (
        "Who holds Idlib: a map of who holds what, 4 places changed from Syrian government "
        "forces to Syrian opposition forces between the end of 28 November 2024 and the end "
        "of 1 December 2024."
    )


AL_GHAB = [
    "Al-Huwaiz",
    "Al-Mubtein",
    "Al-Mughayr",
    "Al-Sharia",
    "Al-Zakat",
    "Bab Al-Taqa",
    "Bridej",
    "Jalma",
    "Jubain",
    "Karkat",
    "Tel Melh",
    "Um Tweina",
]


def test_the_al_ghab_villages_are_the_opposition_s_at_the_end_of_2_december_not_before(
    first_story: Content,
) -> None:
    """The story's before and after: taken late on 2 December (night), per a claim that is
    unverified; held before by the side the changes took them from."""
    definition = control_map(places=["al-ghab-plain"], dates=["2024-12-01", "2024-12-02"])
    data = rows(definition, first_story, derive(first_story))
    before = data[data["date"] == "2024-12-01"]
    after = data[data["date"] == "2024-12-02"]
    assert before["place"].tolist() == AL_GHAB == after["place"].tolist()
    assert set(before["holder"]) == {"Syrian government forces"}
    assert set(after["holder"]) == {"Syrian opposition forces"}
    assert set(after["since"]) == {"2 December 2024 (night)"}
    assert set(after["status"]) == {"unverified"}  # claimed: drawn with its own mark
    assert set(after["claim"]) == {"al-ghab-villages-seized-2024-12-02"}
    # In the evening of 2 December, before the night's changes, they were not yet taken.
    evening = control_map(places=["al-ghab-plain"], date="2024-12-02", part_of_day="evening")
    assert set(rows(evening, first_story, derive(first_story))["holder"]) == {
        "Syrian government forces"
    }


def test_a_control_map_lists_the_places_it_cannot_draw_and_who_holds_nothing_recorded(
    first_story: Content,
) -> None:
    jalma = first_story.places["jalma"].model_copy(update={"coordinates": None})
    content = dataclasses.replace(first_story, places={**first_story.places, "jalma": jalma})
    definition = control_map(title="Where", places=["al-bukamal-crossing", "jalma"])
    data = rows(definition, content, derive(content))
    crossing = data[data["place"] == "Al-Bukamal crossing"].iloc[0]
    assert (crossing["holder"], crossing["status"], crossing["claim"]) == (
        "holder not recorded",
        "holder not recorded",
        "",
    )
    # Listed beside the map, and counted; still in the table, with who holds it.
    assert remarks(data, definition) == ["Not on the map, for want of coordinates (1): Jalma."]
    assert data[data["place"] == "Jalma"]["holder"].tolist() == ["Syrian opposition forces"]


def test_a_map_is_stamped_with_its_day_and_part_of_day(first_story: Content) -> None:
    evening = control_map(places=["al-ghab-plain"], date="2024-12-02", part_of_day="evening")
    data = rows(evening, first_story, derive(first_story))
    assert set(data["part_of_day"]) == {"evening"}
    assert stamp_of((data["date"].iloc[0], data["part_of_day"].iloc[0])) == (
        "2 December 2024 (evening)"
    )
    latest = rows(control_map(places=["al-ghab-plain"]), first_story, derive(first_story))
    assert stamp_of((latest["date"].iloc[0], latest["part_of_day"].iloc[0])) == (
        "2 December 2024, end of day"  # the latest record's day, at its end
    )


def test_a_map_of_more_places_than_it_can_draw_keeps_the_largest_kinds(
    first_story: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The national map of 5,000 stories has 3,000 villages: it draws the largest kinds of
    place, says how many it leaves out, and keeps every place in its table."""
    monkeypatch.setattr(select, "MAP_POINTS_MOST", 5)
    national = SiteMap(id="n", kind="control-map", title="Who holds what")
    data = rows(national, first_story, derive(first_story))
    drawn = select.drawn_rows(data, national)
    # The first story's four cities, then its crossing; its site and villages are left out.
    assert drawn["place"].tolist() == [
        "Al-Bukamal crossing",
        "Aleppo",
        "Khan Sheikhoun",
        "Maarat al-Numan",
        "Saraqib",
    ]
    # 18 places, 3 of them without coordinates (said first), so 10 located ones left out.
    assert remarks(data, national)[1] == (
        "10 of the 15 places are not drawn at this scale, the smallest kinds of place first; "
        "each province's own map draws them."
    )
    assert len(data) == 18  # the table keeps every place


def test_a_province_s_own_map_shows_the_whole_province(first_story: Content) -> None:
    # Aleppo's two mapped places lie in one city: fitted to them alone, the province page's
    # map showed a city block with no outline in it.
    derived = derive(first_story)
    definition = site_maps(first_story, derived)[province_map_id("aleppo")]
    frame, _, _ = select.map_layout(rows(definition, first_story, derived), definition)
    (west, south), (east, north) = frame.bounds()
    outline = governorate_coded("SY-HL", None)
    assert outline is not None
    (outline_west, outline_south), (outline_east, outline_north) = outline.corners()
    assert west <= outline_west and east >= outline_east
    assert south <= outline_south and north >= outline_north
    # A story's map of chosen places still fits its places.
    chosen = control_map(places=["aleppo-city", "aleppo-citadel"])
    frame, _, _ = select.map_layout(rows(chosen, first_story, derived), chosen)
    (west, _), (east, _) = frame.bounds()
    assert east - west < (outline_east - outline_west) / 2


def test_a_control_map_shows_the_places_inside_the_areas_it_names_not_inside_its_points(
    first_story: Content,
) -> None:
    # Aleppo (a governorate) holds Aleppo city, which holds the citadel: a map of the
    # province shows both; a map of the city, a point, shows the city alone.
    derived = derive(first_story)
    assert select.mapped_places(control_map(places=["aleppo"]), first_story, derived) == [
        "aleppo-city",
        "aleppo-citadel",
    ]
    assert select.mapped_places(control_map(places=["aleppo-city"]), first_story, derived) == [
        "aleppo-city"
    ]
    # A point named beside the area it lies in is shown once.
    both = control_map(places=["aleppo", "aleppo-citadel"])
    assert select.mapped_places(both, first_story, derived) == ["aleppo-city", "aleppo-citadel"]
    everywhere = select.mapped_places(control_map(), first_story, derived)
    assert len(everywhere) == len(set(everywhere)) == 18
    assert "aleppo" not in everywhere
