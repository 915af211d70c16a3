"""Every dataset as CSV and JSON, each column described, and the data page listing them.

CSV cells in text columns that a spreadsheet would run as a formula (starting with `=`,
`+`, `-`, `@`, tab or carriage return) are prefixed with `'`; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from markupsafe import Markup

from builder.control import holdings
from builder.models import Claim, Place, Source
from builder.render import links
from builder.render.licence import README, json_member, readme
from builder.render.page import Asset, Page, json_for_script, render_page
from builder.render.settings import Licence, SiteSettings
from builder.store import InMemory, Store
from builder.validate import Content

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Downloads are written this many rows at a time, so that a dataset of tens of megabytes
# (146,000 attributions at 5,000 stories) is never whole in memory.
ROWS_A_CHUNK = 2_000


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, date, integer, number, boolean
    description: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    # Also as GeoJSON points, from each row's `lat` and `lon` (rows without them are left out).
    geojson: bool = False


def _columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


WHEN = (
    ("date", "date", "The day it is about (YYYY-MM-DD)."),
    ("part_of_day", "string", "morning, afternoon, evening or night, where known."),
)


def datasets(content: Content) -> list[Dataset]:
    return [
        Dataset(
            "area_counts",
            "Area counts",
            "How many areas of an admin unit each party held.",
            _columns(
                ("series", "string", "Which count this is, e.g. areas-held."),
                *WHEN,
                ("place", "string", "Place id of the admin unit counted."),
                ("party", "string", "Party id of the side holding the areas."),
                ("count", "integer", "Number of areas held."),
                ("claim", "string", "Id of the claim the count comes from."),
            ),
            [row.model_dump(mode="json") for row in content.area_counts],
        ),
        Dataset(
            "control_changes",
            "Control changes",
            "Places that changed hands.",
            _columns(
                *WHEN,
                ("place", "string", "Place id of the place that changed hands."),
                ("from_party", "string", "Party id of the side that lost it."),
                ("to_party", "string", "Party id of the side that took it."),
                ("extent", "string", "full, or partial where only part was taken."),
                ("claim", "string", "Id of the claim the change comes from."),
            ),
            [row.model_dump(mode="json") for row in content.control_changes],
        ),
        Dataset(
            "claims",
            "Claims",
            "What was claimed, as of when, about which places.",
            _columns(
                ("id", "string", "Claim id."),
                ("text", "string", "What is claimed."),
                ("as_of", "date", "The day the claim is about."),
                ("part_of_day", "string", "Part of that day, where known."),
                ("places", "string", "Place ids, separated by `;`."),
                ("status", "string", "assessed, corroborated, unverified or contested."),
            ),
            [_claim_row(c) for c in content.claims.values()],
        ),
        Dataset(
            "attributions",
            "Attributions",
            "Who said each claim, and with what stance.",
            _columns(
                ("claim", "string", "Claim id."),
                ("source", "string", "Source id."),
                ("stance", "string", "reports, confirms, denies, disputes or retracts."),
                ("via", "string", "Source id of the outlet that relayed it."),
                ("url", "string", "Where it was published."),
                ("published", "date", "When it was published."),
                ("accessed", "date", "When we read it."),
            ),
            [
                {"claim": c.id, **a.model_dump(mode="json", exclude={"note"})}
                for c in content.claims.values()
                for a in c.attributions
            ],
        ),
        Dataset(
            "places",
            "Places",
            "The gazetteer.",
            _columns(
                ("id", "string", "Place id."),
                ("name_en", "string", "English name."),
                ("name_ar", "string", "Arabic name."),
                ("aliases", "string", "Other spellings, separated by `;`."),
                ("kind", "string", "governorate, district, city, village, ..."),
                ("parent", "string", "Place id of the place it lies in."),
                ("iso_code", "string", "ISO 3166-2 code (governorates)."),
                ("pcode", "string", "OCHA p-code, where known."),
                ("lat", "number", "Latitude (WGS 84)."),
                ("lon", "number", "Longitude."),
                ("precision", "string", "exact, locality or approximate."),
            ),
            [_place_row(p) for p in content.places.values()],
        ),
        Dataset(
            "holders",
            "Who held each place",
            "Each place's holder from each change of control on (and from the gazetteer's "
            "starting holder, where it gives one), with the status of the claim behind it.",
            _columns(
                ("place", "string", "Place id."),
                ("party", "string", "Party id of the side that held it from then."),
                ("since", "date", "The day it did (YYYY-MM-DD)."),
                ("part_of_day", "string", "Part of that day, where known."),
                ("claim", "string", "Id of the claim behind it (empty: the gazetteer's)."),
                ("status", "string", "assessed, corroborated, unverified or contested."),
                ("lat", "number", "Latitude of the place (WGS 84), where known."),
                ("lon", "number", "Longitude."),
            ),
            _holder_rows(content),
            geojson=True,
        ),
        Dataset(
            "sources",
            "Sources",
            "Who says things.",
            _columns(
                ("id", "string", "Source id."),
                ("name", "string", "Name."),
                ("kind", "string", "monitor, news_outlet, government, military, ..."),
                ("anonymous", "boolean", "Whether the source is unnamed."),
                ("count", "integer", "How many people an unnamed source stands for."),
                ("carried_by", "string", "Source id of the outlet that relayed it."),
                ("url", "string", "Website."),
            ),
            [_source_row(s) for s in content.sources.values()],
        ),
    ]


def _holder_rows(content: Content) -> list[dict[str, Any]]:
    rows = []
    for place_id, held in sorted(holdings(content.places, content.control_changes).items()):
        where = content.places[place_id].coordinates
        for holding in held:
            claim = content.claims.get(holding.claim) if holding.claim else None
            rows.append(
                {
                    "place": place_id,
                    "party": holding.party,
                    "since": holding.since.isoformat(),
                    "part_of_day": holding.part_of_day,
                    "claim": holding.claim,
                    "status": claim.status if claim else None,
                    "lat": where.lat if where else None,
                    "lon": where.lon if where else None,
                }
            )
    return rows


def geojson_chunks(dataset: Dataset, licence: Licence) -> Iterator[bytes]:
    """The rows with coordinates as GeoJSON points (RFC 7946: longitude first), one feature a
    line; the licence as a foreign member, which RFC 7946 allows and GeoJSON readers keep."""
    about = {"type": "FeatureCollection", "licenses": json_member(licence)}
    features = (
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
        }
        for row in dataset.rows
        if row.get("lat") is not None and row.get("lon") is not None
    )
    return _document(about, "features", features)


def _claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "as_of": claim.as_of.isoformat(),
        "part_of_day": claim.part_of_day,
        "places": ";".join(claim.places),
        "status": claim.status,
    }


def _place_row(place: Place) -> dict[str, Any]:
    c = place.coordinates
    return {
        "id": place.id,
        "name_en": place.name.en,
        "name_ar": place.name.ar,
        "aliases": ";".join(place.aliases),
        "kind": place.kind,
        "parent": place.parent,
        "iso_code": place.iso_code,
        "pcode": place.pcode,
        "lat": c.lat if c else None,
        "lon": c.lon if c else None,
        "precision": c.precision if c else None,
    }


def _source_row(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "name": source.name,
        "kind": source.kind,
        "anonymous": source.anonymous,
        "count": source.count,
        "carried_by": source.carried_by,
        "url": source.url,
    }


def neutralise(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_chunks(dataset: Dataset) -> Iterator[bytes]:
    out = io.StringIO()
    # RFC 4180 line ends: csv then quotes any cell holding \r or \n, so none splits a row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in dataset.columns])
    cell: dict[str, Callable[[Any], str]] = {
        "string": lambda v: neutralise(str(v)),
        "boolean": lambda v: str(v).lower(),
    }
    for start in range(0, len(dataset.rows), ROWS_A_CHUNK):
        writer.writerows(
            [
                "" if row[c.name] is None else cell.get(c.type, str)(row[c.name])
                for c in dataset.columns
            ]
            for row in dataset.rows[start : start + ROWS_A_CHUNK]
        )
        yield _taken(out)
    yield _taken(out)  # the header alone, when there are no rows


def to_csv(dataset: Dataset) -> bytes:
    return b"".join(csv_chunks(dataset))


def json_chunks(dataset: Dataset, licence: Licence) -> Iterator[bytes]:
    """A Frictionless-style document, one row a line."""
    about = {
        "name": dataset.name,
        "title": dataset.title,
        "description": dataset.description,
        "licenses": json_member(licence),
        "schema": {"fields": [column.__dict__ for column in dataset.columns]},
    }
    rows = ({c.name: row[c.name] for c in dataset.columns} for row in dataset.rows)
    return _document(about, "data", rows)


def to_json(dataset: Dataset, licence: Licence) -> bytes:
    return b"".join(json_chunks(dataset, licence))


def _document(about: dict[str, Any], member: str, items: Iterable[Any]) -> Iterator[bytes]:
    """`about`, indented, with a last member `member` listing `items` one a line, written a
    chunk at a time. One line an item because json's indented output comes from its slow
    pure-Python encoder, which also holds every piece of the document in a list before
    joining them: 175 MB for an 18 MB GeoJSON at 5,000 stories (docs/performance.md)."""
    head = json.dumps(about, ensure_ascii=False, indent=1).removesuffix("\n}")
    lines = (json.dumps(item, ensure_ascii=False) for item in items)
    first = next(lines, None)
    if first is None:
        yield f'{head},\n "{member}": []\n}}\n'.encode()
        return
    yield f'{head},\n "{member}": [\n  {first}'.encode()
    while batch := list(islice(lines, ROWS_A_CHUNK)):
        yield "".join(f",\n  {line}" for line in batch).encode()
    yield b"\n ]\n}\n"


def _taken(out: io.StringIO) -> bytes:
    """What `out` holds, encoded; `out` emptied."""
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text.encode()


def files(tables: list[Dataset], store: Store, settings: SiteSettings) -> list[Asset]:
    what = "Every dataset behind the site, as CSV and JSON (who held each place, GeoJSON too)."
    made = [Asset(f"data/{README}", InMemory(readme(settings, what)))]
    for table in tables:
        made.append(Asset(f"data/{table.name}.csv", store.by_chunks(csv_chunks(table), ".csv")))
        as_json = json_chunks(table, settings.licence)
        made.append(Asset(f"data/{table.name}.json", store.by_chunks(as_json, ".json")))
        if table.geojson:
            as_geojson = geojson_chunks(table, settings.licence)
            made.append(
                Asset(f"data/{table.name}.geojson", store.by_chunks(as_geojson, ".geojson"))
            )
    return made


def render_data_page(
    tables: list[Dataset], link: Callable[[str], str], settings: SiteSettings
) -> Page:
    """The data page; `link` makes a site path relative to it."""
    site_url, licence = settings.url, settings.licence
    json_ld = [
        {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": t.title,
            "description": t.description,
            "variableMeasured": [c.name for c in t.columns],
            "license": licence.url,
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": kind,
                    "contentUrl": f"{site_url}data/{t.name}.{suffix}",
                }
                for suffix, kind in _formats(t)
            ],
        }
        for t in tables
    ]
    return render_page(
        links.DATA,
        "data.md.j2",
        title="Data",
        in_nav=True,
        description="Every dataset behind the site, as CSV and JSON.",
        json_ld=Markup(json_for_script(json_ld)),
        licence=licence,
        site_name=settings.name,
        readme=link(f"data/{README}"),
        datasets=[
            {
                "title": t.title,
                "description": t.description,
                "rows": len(t.rows),
                "columns": t.columns,
                "csv": link(f"data/{t.name}.csv"),
                "json": link(f"data/{t.name}.json"),
                "geojson": link(f"data/{t.name}.geojson") if t.geojson else None,
            }
            for t in tables
        ],
    )


def _formats(table: Dataset) -> list[tuple[str, str]]:
    formats = [("csv", "text/csv"), ("json", "application/json")]
    return formats + ([("geojson", "application/geo+json")] if table.geojson else [])
