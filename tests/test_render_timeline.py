"""The timeline's months, and a long month cut into parts of whole days."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.generate import generate
from builder.render import timeline
from builder.render.views import Views
from tests.contents import content_of, views_of
from tests.pages import found, soup, text

DAY = dt.date(2024, 12, 1)


def days(*sizes: int) -> dict[dt.date, int]:
    return {DAY + dt.timedelta(days=n): size for n, size in enumerate(sizes)}


def test_a_month_is_cut_into_parts_of_whole_days_of_at_most_so_many_entries() -> None:
    cut = timeline.parts(days(100, 150, 100, 20, 300, 5), 300)
    assert [[d.day for d in part] for part in cut] == [[1, 2], [3, 4], [5], [6]]
    # One day alone longer than a page is a part of its own, never split.
    assert [[d.day for d in part] for part in timeline.parts(days(10, 500, 10), 300)] == [
        [1],
        [2],
        [3],
    ]
    assert timeline.parts(days(3, 4), 300) == [list(days(3, 4))]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Views:
    project = tmp_path_factory.mktemp("synthetic")
    generate(project, stories=60, places=150, seed=7)
    return views_of(content_of(project))


def test_a_long_month_is_read_in_parts_each_linking_to_the_others(
    synthetic: Views, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timeline, "ENTRIES_PER_PAGE", 100)
    pages = {p.path: p for p in timeline.timeline(synthetic.at("timeline.md"))}
    december = sorted(path for path in pages if path.startswith("timeline/2024-12"))
    # The first part at the month's own address, the others named by their first day.
    assert december[0] == "timeline/2024-12.md" and len(december) > 2
    assert all(path.startswith("timeline/2024-12/") for path in december[1:])
    first, second = soup(pages[december[0]]), soup(pages[december[1]])
    parts = found(second.select_one("p.dl-timeline-parts"))
    assert text(parts).startswith(f"December 2024 in {len(december)} pages: 1\N{EN DASH}")
    assert found(parts.select_one("a"))["href"] == "../"
    assert text(found(second.h1)).startswith("Timeline: December 2024, ")
    # Each day on one page only, and every entry of the month on one of them.
    headings = [text(h2) for path in december for h2 in soup(pages[path])("h2")]
    assert len(headings) == len(set(headings))
    entries = sum(len(soup(pages[path]).select("ul.dl-timeline li")) for path in december)
    content = synthetic.content
    claims = [c for c in content.claims.values() if f"{c.as_of:%Y-%m}" == "2024-12"]
    changes = [
        c for h in synthetic.derived.histories.values() for c in h if f"{c.date:%Y-%m}" == "2024-12"
    ]
    counts = synthetic.derived.counts
    in_month = sum(1 for d in counts["date"] if f"{d:%Y-%m}" == "2024-12")
    assert entries == len(claims) + len(changes) + in_month
    assert first.select_one("p.dl-timeline-parts strong[aria-current=page]") is not None


def test_each_province_s_changes_of_control_are_a_timeline_of_their_own(
    synthetic: Views, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a province page's "every change of control in it" leads: page by page, newest
    first under their month, each with what changed and when."""
    monkeypatch.setattr(timeline, "CHANGES_PER_PAGE", 10)
    pages = {p.path: p for p in timeline.timeline(synthetic.at("timeline.md"))}
    places = synthetic.content.places
    expected = sorted(
        (
            c
            for c in synthetic.content.control_changes
            if places[c.place].parent == "hama" and c.from_party != c.to_party
        ),
        key=lambda c: c.date,
    )
    kept = sorted(
        (path for path in pages if path.startswith("timeline/province/hama")),
        key=lambda path: (len(path), path),
    )
    assert kept[:2] == ["timeline/province/hama.md", "timeline/province/hama/2.md"]
    assert len(kept) == -(-len(expected) // 10)
    entries = [li for path in kept for li in soup(pages[path]).select("ul.dl-index li")]
    assert len(entries) == len(expected)
    newest = expected[-1]
    on_the_day = {places[c.place].name.en for c in expected if c.date == newest.date}
    assert text(found(entries[0].a)) in on_the_day
    assert f"{newest.date:%-d %B %Y}" in text(entries[0])
    first = soup(pages[kept[0]])
    assert text(found(first.h1)) == "Timeline: Hama Governorate"
    assert found(first.h2) and text(found(first.h2)) == f"{newest.date:%B %Y}"
    # Reached from the timeline's index by a plain link, with how many changes it lists.
    index = found(soup(pages["timeline.md"]).select_one("p.dl-timeline-provinces"))
    (link,) = [a for a in index("a") if text(a) == "Hama Governorate"]
    assert link["href"] == "province/hama/"
