"""Long lists cut into pages a reader pages through, with filters that are plain links."""

from __future__ import annotations

from builder.render.listing import Choice, Filter, Listing, page_path, pages_needed, render_listing
from builder.render.view_types import IndexItem
from builder.render.views import Views
from tests.contents import minimal_views
from tests.pages import found, soup, text


def _item(here: Views, number: int) -> IndexItem:
    return IndexItem(name=f"Entry {number}", href=here.link(f"things/entry-{number}.md"))


def things(count: int, per_page: int, first: str = "things/index.md") -> Listing[int]:
    return Listing(
        first,
        "Things",
        "Every thing.",
        range(1, count + 1),
        lambda n: f"Tens {n // 10}",
        _item,
        per_page,
    )


def test_later_pages_lie_beside_the_first_where_no_entity_page_can_be() -> None:
    assert page_path("stories/index.md", 1) == "stories/index.md"
    assert page_path("stories/index.md", 2) == "stories/page/2.md"
    assert page_path("stories/province/hama.md", 3) == "stories/province/hama/3.md"
    assert [pages_needed(n, 100) for n in (0, 1, 100, 101, 5000)] == [1, 1, 1, 2, 50]


def test_a_long_list_runs_to_numbered_pages_each_linking_to_the_next() -> None:
    pages = render_listing(minimal_views(), things(25, 10))
    assert [page.path for page in pages] == [
        "things/index.md",
        "things/page/2.md",
        "things/page/3.md",
    ]
    first, second, last = (soup(page) for page in pages)
    # Every entry once, in order, at most a page's worth on each page.
    assert [text(a) for page in pages for a in soup(page).select("ul.dl-index li a")] == [
        f"Entry {n}" for n in range(1, 26)
    ]
    assert text(found(first.h1)) == "Things"
    assert text(found(second.h1)) == "Things, page 2 of 3"
    pager = found(second.select_one("nav.dl-pager"))
    assert text(pager) == "← Previous page · Page 2 of 3: 1 2 3 · Next page →"
    assert found(pager.select_one("a[rel=prev]"))["href"] == "../../"
    assert found(pager.select_one("a[rel=next]"))["href"] == "../3/"
    assert text(found(pager.select_one("[aria-current=page]"))) == "2"
    assert found(first.select_one("nav.dl-pager a[rel=next]"))["href"] == "page/2/"
    assert last.select_one("nav.dl-pager a[rel=next]") is None
    # The links of each entry are made for the page it lands on.
    assert found(second.select_one("ul.dl-index a"))["href"] == "../../entry-11/"
    # A heading whose entries run on over a page break is given again, marked.
    assert [text(h2) for h2 in second("h2")] == ["Tens 1 (continued)", "Tens 2"]
    # Neither in the navigation nor found by search, unless asked (the first page only).
    assert [page.in_nav for page in pages] == [False, False, False]
    assert all("exclude: true" in page.front_matter for page in pages)


def test_a_short_list_is_one_page_without_a_pager() -> None:
    (page,) = render_listing(minimal_views(), things(3, 10), in_nav=True, searchable=True)
    assert soup(page).select_one(".dl-pager") is None
    assert page.in_nav and "exclude" not in page.front_matter


def test_the_pager_lists_the_first_last_and_nearby_pages() -> None:
    pages = render_listing(minimal_views(), things(200, 10))
    assert len(pages) == 20
    pager = found(soup(pages[9]).select_one("nav.dl-pager"))
    assert text(pager) == ("← Previous page · Page 10 of 20: 1 … 8 9 10 11 12 … 20 · Next page →")


def test_filters_are_links_to_filtered_lists_with_their_counts_the_current_one_marked() -> None:
    views = minimal_views()
    province = Filter(
        "Province",
        [Choice("All", "things/index.md", 25), Choice("North", "things/province/north.md", 4)],
    )
    (north,) = render_listing(views, things(4, 10, "things/province/north.md"), [province])
    line = found(soup(north).select_one("nav.dl-filters .dl-filter"))
    assert text(line) == "Province: All (25) · North (4)"
    assert [a["href"] for a in line("a")] == ["../../"]
    assert text(found(line.select_one("[aria-current=page]"))) == "North (4)"
