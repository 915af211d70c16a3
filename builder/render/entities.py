"""A page for every place (governorates as province pages), source and claim."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from markupsafe import Markup

from builder.chart.generated import province_map_id
from builder.control import held_level, held_since
from builder.models import Claim, ControlChange, Place, Source
from builder.names import search_spellings
from builder.render import links
from builder.render.links import claim_page, place_page, source_page
from builder.render.more import (
    CHANGES_SHOWN,
    CLAIMS_SHOWN,
    COUNTS_SHOWN,
    NOTES_SHOWN,
    STORIES_SHOWN,
    latest,
    more,
)
from builder.render.page import COMPONENTS, Page, packed, render_page, unpacked
from builder.render.view_types import (
    CountRecord,
    CountRow,
    Held,
    More,
    Spelling,
    TallyRow,
)
from builder.render.views import Views
from builder.status import view as status_view
from builder.validate import Story
from builder.wording import human_when, kind_text


def render_entities(views: Views) -> list[Page]:
    content = views.content
    return render_named(views, set(content.places), set(content.sources), set(content.claims))


def render_named(views: Views, places: set[str], sources: set[str], claims: set[str]) -> list[Page]:
    """The pages of these places, sources and claims, in the content's order."""
    content = views.content
    pages = [place(p, views.at(place_page(p))) for p in content.places.values() if p.id in places]
    pages += [
        source(s, views.at(source_page(s.id))) for s in content.sources.values() if s.id in sources
    ]
    pages += [claim(c, views.at(claim_page(c))) for c in content.claims if c in claims]
    return pages


def place(model: Place, views: Views) -> Page:
    derived = views.derived
    is_province = model.kind == "governorate"
    mentions = views.mentions
    changes_within = derived.changes_within.get(model.id, [])
    claims = mentions.claims_by_place.get(model.id, [])
    stories = mentions.stories_by_place.get(model.id, [])
    counts = mentions.counts_by_place.get(model.id, [])
    notes = mentions.discrepancies_by_place.get(model.id, [])
    # A province page's first figure is its control map.
    shown = mentions.charts_by_province.get(model.id, [])
    if is_province and province_map_id(model.id) in views.charts:
        shown = [province_map_id(model.id), *shown]
    charts = [views.chart_view(c) for c in shown]
    names = [n for n in (model.name.en, model.name.ar, *model.aliases) if n]
    spellings = search_spellings(names)
    return render_page(
        place_page(model),
        "place.md.j2",
        title=model.name.en,
        description=f"{model.name.en}: names, history of control, claims and stories.",
        # Found first by any of its names: searching "Hama city", an alias, lists the city
        # before the stories and claims that mention Hama and a city.
        tags=[*names, *spellings],
        place={
            "name": model.name.en,
            "name_ar": model.name.ar,
            "kind": model.kind.replace("_", " "),
            "aliases": _in_their_script(model.aliases),
            "spellings": _in_their_script(spellings),
            "within": [views.place_link(p) for p in derived.ancestors[model.id]],
            "iso_code": model.iso_code,
            "pcode": model.pcode,
            "coordinates": _coordinates(model),
        },
        charts=charts,
        counts=_count_rows(latest(counts, COUNTS_SHOWN, lambda c: c["date"]), views),
        history=views.change_groups(derived.histories.get(model.id, [])),
        changes_within=views.change_groups(latest(changes_within, CHANGES_SHOWN))
        if is_province
        else None,
        claims=[views.claim_view(c) for c in latest(claims, CLAIMS_SHOWN if is_province else None)],
        discrepancies=[
            views.discrepancy_view(derived.discrepancies[i])
            for i in latest(notes, NOTES_SHOWN, lambda i: derived.discrepancies[i].date)
        ],
        # newest first
        stories=views.stories_of(stories[:STORIES_SHOWN] if is_province else stories),
        more=_more(model, views, changes_within, claims, stories, counts, notes),
        held=_held(model.id, views),
        tally=_tally(model.id, views) if is_province else None,
    )


def _tally(province: str, views: Views) -> list[TallyRow]:
    """The places inside a province by who holds them now, most held first; places whose
    holder is not recorded last."""
    derived = views.derived
    inside = [p for p, chain in derived.ancestors.items() if province in chain]
    counts: dict[str | None, int] = {}
    for place in inside:
        held = derived.held_now(place)
        party = held.party if held else None
        counts[party] = counts.get(party, 0) + 1
    known = sorted(
        ((n, p) for p, n in counts.items() if p is not None), key=lambda x: (-x[0], x[1])
    )
    rows = [TallyRow(party=views.content.parties[p].name, places=n) for n, p in known]
    if None in counts:
        rows.append(TallyRow(party=None, places=counts[None]))
    return rows


def _held(place_id: str, views: Views) -> Held:
    """Who holds the place, since when and how sure we are, as of the place's latest record
    (its last change of control or claim): the line every place page opens with, saying
    what the map of the latest moment draws (`holder_now`)."""
    derived = views.derived
    held = derived.holdings.get(place_id, [])
    claims = views.mentions.claims_by_place.get(place_id, [])
    latest = max(
        [c.date for c in derived.histories.get(place_id, [])]
        + [c.as_of for c in claims]
        + [h.since for h in held],
        default=None,
    )
    now = derived.held_now(place_id)
    as_of = human_when(latest, None) if latest else None
    if now is None:
        return Held(known=False, as_of=as_of)
    parties = views.content.parties
    return Held(
        known=True,
        party=parties[now.party].name,
        since=f"since {held_since(now)}" if now.since else held_since(now),
        partly_taken_by=parties[now.partly_taken_by].name if now.partly_taken_by else None,
        status=status_view(held_level(now, views.content.claims).name),
        claim=views.claim_link(now.claim) if now.claim else None,
        as_of=as_of,
    )


def _in_their_script(names: list[str]) -> list[Spelling]:
    """Names with whether they are Arabic, so that the page marks their language."""
    return [Spelling(text=name, arabic=_is_arabic(name)) for name in names]


def _more(
    model: Place,
    views: Views,
    changes: list[ControlChange],
    claims: list[Claim],
    stories: list[Story],
    counts: list[CountRecord],
    notes: list[int],
) -> dict[str, More | None]:
    """What a province page says under each list it shows the latest of (a place's lists
    are short, but for its counts and notes): how many there are and where they all are."""
    name = model.name.en
    found = {
        "counts": more(
            len(counts), COUNTS_SHOWN, "counts", views.link(links.DATA), "Every count, as data"
        ),
        "discrepancies": more(
            len(notes), NOTES_SHOWN, "notes", None, "Each claim's page has the notes on it."
        ),
    }
    if model.kind != "governorate":
        return found | dict.fromkeys(("changes_within", "claims", "stories"))
    return found | {
        "changes_within": more(
            len(changes),
            CHANGES_SHOWN,
            "changes of control",
            views.link(links.filtered("timeline", "province", model.id)),
            f"Every change of control in {name}, page by page",
        ),
        "claims": more(
            len(claims),
            CLAIMS_SHOWN,
            f"claims that name {name}",
            views.link(links.filtered("claims", "province", model.id)),
            f"Every claim about {name} or a place in it",
        ),
        "stories": more(
            len(stories),
            STORIES_SHOWN,
            "stories",
            views.link(links.filtered("stories", "province", model.id)),
            f"Every story about {name}",
        ),
    }


def _count_rows(records: list[CountRecord], views: Views) -> list[CountRow]:
    return [
        CountRow(
            date=r["date"].isoformat(),
            when=human_when(r["date"], r["part_of_day"] or None),
            series=str(r["series"]).replace("-", " "),
            party=views.content.parties[r["party"]].name,
            count=r["count"],
            delta="—" if pd.isna(r["delta"]) else f"{r['delta']:+d}",
            claim=views.claim_link(r["claim"]),
            status=views.status_of(r["claim"]),
        )
        for r in records
    ]


def _coordinates(model: Place) -> str | None:
    if model.coordinates is None:
        return None
    c = model.coordinates
    return f"{c.lat:.4f}, {c.lon:.4f} ({c.precision})"


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def source(model: Source, views: Views) -> Page:
    return render_page(
        source_page(model.id),
        "source.md.j2",
        title=model.name,
        description=f"Every claim {model.name} made or denied.",
        source={
            "name": model.name,
            "name_ar": model.name_ar,
            "kind": kind_text(model.kind, model.anonymous, model.count),
            "description": model.description,
            "url": model.url,
            "carried_by": views.source_link(model.carried_by) if model.carried_by else None,
        },
        said_table=_said_table(model.id, views),
        carried_table=_carried_table(model.id, views),
        stories=views.stories_of(views.mentions.stories_by_source.get(model.id, [])),
    )


def _said_table(source_id: str, views: Views) -> Markup:
    """The table of what a source said: hundreds of rows on a large site's source pages,
    which a story edit makes again (for their list of stories) without changing a row. So
    it is made once, and kept with the mentions while the claims stay as they are."""

    def table() -> Markup:
        said = [
            {
                "date": c.as_of.isoformat(),
                "when": human_when(c.as_of, c.part_of_day),
                "stance": a.stance,
                "claim": views.claim_link(c.id),
                "status": status_view(c.status),
                "via": views.source_link(a.via) if a.via else None,
            }
            for c, a in views.mentions.said_by_source.get(source_id, [])
        ]
        relayed = bool(views.mentions.carried_by_source.get(source_id))
        return COMPONENTS.said_table(said, relayed)  # type: ignore[no-any-return]

    return _kept(views.mentions.kept.said_tables, source_id, table)


def _carried_table(source_id: str, views: Views) -> Markup | None:
    """What an outlet relayed of what others said, kept as the table of what it said is;
    None for a source that relayed nothing."""
    carried = views.mentions.carried_by_source.get(source_id)
    if not carried:
        return None

    def table() -> Markup:
        rows = [
            {
                "date": c.as_of.isoformat(),
                "when": human_when(c.as_of, c.part_of_day),
                "source": views.source_link(a.source),
                "stance": a.stance,
                "claim": views.claim_link(c.id),
                "status": status_view(c.status),
            }
            for c, a in carried
        ]
        return COMPONENTS.carried_table(rows)  # type: ignore[no-any-return]

    return _kept(views.mentions.kept.carried_tables, source_id, table)


def _kept(tables: dict[str, bytes], source_id: str, make: Callable[[], Markup]) -> Markup:
    """A source's table from `tables`, made and kept there (deflated) the first time."""
    if source_id not in tables:
        tables[source_id] = packed(make())
    return Markup(unpacked(tables[source_id]))


def claim(claim_id: str, views: Views) -> Page:
    model = views.content.claims[claim_id]
    count_rows = [
        {
            "date": r["date"].isoformat(),
            "when": human_when(r["date"], r["part_of_day"] or None),
            "place": views.place_link(r["place"]),
            "party": views.content.parties[r["party"]].name,
            "count": r["count"],
        }
        for r in views.mentions.counts_by_claim.get(claim_id, [])
    ]
    return render_page(
        claim_page(claim_id),
        "claim.md.j2",
        title=f"Claim: {model.text}",
        claim=views.claim_view(model),
        places=[views.place_link(p) for p in model.places],
        changes=views.change_groups(views.derived.changes_by_claim.get(claim_id, [])),
        counts=count_rows,
        stories=views.stories_of(views.mentions.stories_by_claim.get(claim_id, [])),
    )
