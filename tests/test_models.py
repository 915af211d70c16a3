"""What a valid record is, on its own: dates, numbers, links and ids as an editor writes them,
and a story's last change."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from builder.models import AreaCount, Article, Source

STORY = {
    "headline": "Two villages change hands in the North",
    "standfirst": "Opposition forces took two villages.",
    "byline": ["Fixture desk"],
    "dateline": "north",
    "published": "2024-12-03",
}


def refused(model: type[AreaCount | Source], **data: object) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    return [str(error["ctx"]["error"]) for error in raised.value.errors()]


def test_models_with_the_same_fields_given_share_one_record_of_them() -> None:
    first = AreaCount(series="s", date="2025-01-01", place="p", party="q", count=1, claim="c")
    second = AreaCount(series="s", date="2025-01-02", place="p", party="q", count=2, claim="d")
    timed = AreaCount(
        series="s",
        date="2025-01-02",
        part_of_day="evening",
        place="p",
        party="q",
        count=2,
        claim="d",
    )
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert "part_of_day" not in first.model_fields_set
    assert "part_of_day" in timed.model_fields_set
    assert first.model_dump(exclude_unset=True)["date"] == dt.date(2025, 1, 1)


def test_a_story_was_last_changed_by_its_latest_date_of_any_kind() -> None:
    assert Article.model_validate(STORY).updated == dt.date(2024, 12, 3)
    corrected = Article.model_validate(
        {
            **STORY,
            "modified": "2024-12-04",
            "corrections": [
                {"date": "2024-12-06", "text": "An earlier version named the wrong village."},
                {"date": "2024-12-05", "text": "A second correction."},
            ],
        }
    )
    assert corrected.updated == dt.date(2024, 12, 6)


COUNT = {"series": "areas-held", "place": "north", "party": "opposition", "claim": "north-count"}


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-12-03 10:00", "expected a date as YYYY-MM-DD, got '2024-12-03 10:00'"),
        ("2024-12-3", "expected a date as YYYY-MM-DD, got '2024-12-3'"),
        ("1024-12-02", "1024-12-02 is before 1900; is the year mistyped?"),
    ],
)
def test_a_date_is_a_day_written_in_full_and_not_before_1900(date: str, message: str) -> None:
    assert refused(AreaCount, **COUNT, date=date, count="3") == [message]


@pytest.mark.parametrize("count", ["12.0", "1_2", "+3", "3 areas"])
def test_a_count_is_written_in_digits_only(count: str) -> None:
    assert refused(AreaCount, **COUNT, date="2024-12-02", count=count) == [
        f"expected a whole number, got {count!r}"
    ]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "mailto:desk@outlet.example", "https:outlet.example"]
)
def test_a_link_field_takes_only_web_addresses(url: str) -> None:
    assert refused(Source, id="outlet", name="The Outlet", kind="news_outlet", url=url) == [
        "links must start with one of: http, https://"
    ]


def test_a_web_address_is_taken_whatever_the_case_of_its_scheme() -> None:
    source = Source.model_validate(
        {
            "id": "outlet",
            "name": "The Outlet",
            "kind": "news_outlet",
            "url": "HTTPS://outlet.example",
        }
    )
    assert source.url == "HTTPS://outlet.example"


@pytest.mark.parametrize(
    "identifier", ["Outlet", "al--bukamal", "-outlet", "outlet-", "al_bukamal"]
)
def test_an_id_is_lower_case_words_joined_by_single_hyphens(identifier: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Source.model_validate({"id": identifier, "name": "The Outlet", "kind": "news_outlet"})
    assert [error["loc"] for error in raised.value.errors()] == [("id",)]
