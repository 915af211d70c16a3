"""Every dataset as CSV and JSON, each column described, and the data page listing them; no
cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.render.datasets import (
    ROWS_A_CHUNK,
    Column,
    Dataset,
    datasets,
    geojson_chunks,
    render_data_page,
    to_csv,
    to_json,
)
from builder.render.settings import Licence, SiteSettings
from tests.conftest import FIXTURES, copy_project
from tests.contents import content_of
from tests.pages import found

LICENCE = Licence()


def to_geojson(dataset: Dataset, licence: Licence) -> bytes:
    return b"".join(geojson_chunks(dataset, licence))


@pytest.fixture(scope="module")
def tables() -> dict[str, Dataset]:
    return {table.name: table for table in datasets(content_of())}


def test_the_count_rows_are_downloaded_as_written(tables: dict[str, Dataset]) -> None:
    assert to_csv(tables["area_counts"]).decode().split("\r\n") == [
        "series,date,part_of_day,place,party,count,claim",
        "areas-held,2024-12-01,,north,opposition,3,north-count",
        "areas-held,2024-12-02,evening,north,opposition,5,north-count",
        "",
    ]


def test_lists_are_joined_and_attributions_keep_who_relayed_them(
    tables: dict[str, Dataset],
) -> None:
    claims = list(csv.DictReader(io.StringIO(to_csv(tables["claims"]).decode())))
    assert [(c["id"], c["places"], c["status"]) for c in claims] == [
        ("north-count", "north", "unverified"),
        ("villages-taken", "village-a;village-b", "contested"),
    ]
    said = json.loads(to_json(tables["attributions"], LICENCE))["data"]
    assert [(a["claim"], a["source"], a["stance"], a["via"]) for a in said] == [
        ("north-count", "outlet", "reports", None),
        ("villages-taken", "monitor", "reports", "outlet"),
        ("villages-taken", "ministry", "denies", "outlet"),
    ]
    places = json.loads(to_json(tables["places"], LICENCE))["data"]
    assert places[2] == {
        "id": "village-a",
        "name_en": "Village A",
        "name_ar": "القرية أ",
        "aliases": "Village Alpha",
        "kind": "village",
        "parent": "plain",
        "iso_code": None,
        "pcode": None,
        "lat": None,
        "lon": None,
        "precision": None,
    }


def test_a_json_download_describes_its_columns(tables: dict[str, Dataset]) -> None:
    document = json.loads(to_json(tables["sources"], LICENCE))
    assert (document["name"], document["title"]) == ("sources", "Sources")
    assert document["schema"]["fields"][3] == {
        "name": "anonymous",
        "type": "boolean",
        "description": "Whether the source is unnamed.",
    }
    assert [s["id"] for s in document["data"]] == ["outlet", "ministry", "monitor"]
    assert to_csv(tables["sources"]).decode().split("\r\n")[1] == (
        "outlet,The Outlet,news_outlet,false,,,https://outlet.example"
    )


def test_data_page_describes_each_dataset(tables: dict[str, Dataset]) -> None:
    page = render_data_page(
        list(tables.values()),
        lambda path: path,
        SiteSettings("Fixture", url="https://news.example/"),
    )
    soup = BeautifulSoup(page.html, "html.parser")
    script = found(soup.find("script", type="application/ld+json"))
    counts = next(d for d in json.loads(script.text) if d["name"] == "Area counts")
    assert counts["@type"] == "Dataset"
    assert [d["contentUrl"] for d in counts["distribution"]] == [
        "https://news.example/data/area_counts.csv",
        "https://news.example/data/area_counts.json",
    ]
    assert counts["variableMeasured"] == [
        "series",
        "date",
        "part_of_day",
        "place",
        "party",
        "count",
        "claim",
    ]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised() -> None:
    table = Dataset(
        "t",
        "T",
        "",
        (Column("text", "string", ""), Column("n", "integer", "")),
        [
            {"text": value, "n": -5}
            for value in ("=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain")
        ],
    )
    lines = to_csv(table).decode().split("\r\n")
    assert lines[1:8] == [
        "'=HYPERLINK(1),-5",
        "'+1,-5",
        "'-1,-5",
        "'@SUM(A1),-5",
        "'\tx,-5",
        '"\'\rx",-5',
        "plain,-5",
    ]


def test_who_held_each_place_is_a_dataset_with_the_claim_s_status(
    tables: dict[str, Dataset],
) -> None:
    # The minimal fixture: village-a and village-b went to the opposition on 2 December 2024
    # per 'villages-taken' (contested); the fixture gives no coordinates.
    assert tables["holders"].rows == [
        {
            "place": village,
            "party": "opposition",
            "since": "2024-12-02",
            "part_of_day": None,
            "claim": "villages-taken",
            "status": "contested",
            "lat": None,
            "lon": None,
        }
        for village in ("village-a", "village-b")
    ]


def test_the_holders_are_geojson_points_longitude_first(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "minimal", tmp_path / "p")
    places = project / "content" / "places.yml"
    places.write_text(
        places.read_text().replace(
            "  aliases: [Village Alpha]\n",
            "  aliases: [Village Alpha]\n  coordinates: {lat: 35.2, lon: 36.7}\n",
        )
    )
    holders = next(t for t in datasets(content_of(project)) if t.name == "holders")
    collection = json.loads(to_geojson(holders, LICENCE))
    assert collection["type"] == "FeatureCollection"
    assert [f["geometry"] for f in collection["features"]] == [
        {"type": "Point", "coordinates": [36.7, 35.2]}
    ]
    assert collection["features"][0]["properties"]["place"] == "village-a"


@pytest.mark.parametrize("rows", [0, 1, ROWS_A_CHUNK, ROWS_A_CHUNK + 1, 2 * ROWS_A_CHUNK + 3])
def test_a_download_written_a_chunk_at_a_time_holds_every_row_once(rows: int) -> None:
    table = Dataset(
        "t",
        "T",
        "",
        (Column("place", "string", ""), Column("lat", "number", ""), Column("lon", "number", "")),
        [{"place": f"p{n}", "lat": 35.0, "lon": float(n)} for n in range(rows)],
    )
    expected = [f"p{n}" for n in range(rows)]
    from_csv = list(csv.DictReader(io.StringIO(to_csv(table).decode())))
    assert [row["place"] for row in from_csv] == expected
    assert [row["place"] for row in json.loads(to_json(table, LICENCE))["data"]] == expected
    features = json.loads(to_geojson(table, LICENCE))["features"]
    assert [f["properties"]["place"] for f in features] == expected
    assert [f["geometry"]["coordinates"][0] for f in features] == [float(n) for n in range(rows)]
